// npm run verify: every stack in cdktf.out through terraform init + validate + plan against the
// offline stand-in AWS provider (no network). One line per stack; exit 1 if any fails.
// Remote backends: each stack is copied to a temp dir and given a local-backend override file
// (`offline_backend_override.tf.json`), so init never reaches S3 and cdktf.out stays untouched.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LAB_WORLD, prepareOfflineTerraform, runTerraform, terraformAvailable } from "../testing/offline-aws";
import { parseFlags, runCli } from "../modules/app/cli";
import { servedWorld } from "../testing/offline-aws/server";

interface StackResult {
  stack: string;
  validate: boolean;
  plan: boolean;
  summary: string;
  seconds: number;
  /** validate + plan only, without init */
  checkSeconds: number;
  error?: string;
}

function copyStack(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), "verify-"));
  for (const f of fs.readdirSync(from)) {
    if (f === ".terraform" || f.endsWith(".tfstate") || f === ".terraform.lock.hcl") continue;
    fs.cpSync(path.join(from, f), path.join(to, f), { recursive: true });
  }
  const backend = { terraform: { backend: { local: { path: path.join(to, "terraform.tfstate") } } } };
  fs.writeFileSync(path.join(to, "offline_backend_override.tf.json"), JSON.stringify(backend));
  return to;
}

function planSummary(stdout: string): string {
  const m = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(stdout);
  if (m) return `+${m[1]} ~${m[2]} -${m[3]}`;
  return /No changes/.test(stdout) ? "no changes" : "?";
}

/**
 * Terraform's first diagnostic of init or plan in one line: its summary, where (the block and the
 * file line), and its detail, e.g. `Resource postcondition failed (data.aws_vpc.web.lifecycle.postcondition[0],
 * cdk.tf.json line 40): VPC "web-vpc" ...`. (validate's come from -json: validateErrors.)
 */
function firstError(out: string): string {
  // runTerraform passes -no-color; the box drawing Terraform frames diagnostics with goes.
  const text = out.replace(/^[│╷╵] ?/gm, "");
  const m = /Error: (.*)\n([\s\S]*?)(?=\n\s*Error: |$)/.exec(text);
  if (!m) return text.trim().split("\n").slice(-1)[0] ?? "";
  const [, summary, body] = m;
  const where = /on (\S+) line (\d+)(?:, in ([^:]+))?:/.exec(body);
  // The detail is what follows the source excerpt: lines that are not the "on ..." line or code.
  const detail = body
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^on \S+ line \d+/.test(l) && !/^\d+:/.test(l) && !/^[├└│]/.test(l))
    .join(" ");
  const place = where ? ` (${where[3] ? `${where[3]}, ` : ""}${where[1]} line ${where[2]})` : "";
  return `${summary.trim()}${place}${detail ? `: ${detail}` : ""}`;
}

/** One diagnostic of `terraform validate -json` (the fields verify reads). */
interface JsonDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
  snippet?: { context?: string | null; code: string; highlight_start_offset: number; highlight_end_offset: number };
}

/**
 * Every error of `terraform validate -json`, naming the block, the argument (the JSON key of
 * the line it points at), the file line and Terraform's detail, e.g. `Extraneous JSON
 * object property (resource.aws_vpc.web, argument "foo", cdk.tf.json line 12): No argument or
 * block type is named "foo".`
 */
function validateErrors(stdout: string): string[] {
  let diagnostics: JsonDiagnostic[];
  try {
    diagnostics = (JSON.parse(stdout) as { diagnostics?: JsonDiagnostic[] }).diagnostics ?? [];
  } catch {
    return [stdout.trim().split("\n").slice(-1)[0] ?? "terraform validate failed"];
  }
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => {
      const s = d.snippet;
      // The argument is the JSON key of the line Terraform points at (it highlights the key or its value).
      const key = s ? /^\s*"([^"]+)"\s*:/.exec(s.code)?.[1] : undefined;
      const where = [s?.context, key ? `argument "${key}"` : undefined, d.range ? `${d.range.filename} line ${d.range.start.line}` : undefined].filter(Boolean);
      return `${d.summary}${where.length ? ` (${where.join(", ")})` : ""}${d.detail ? `: ${d.detail.replace(/\s+/g, " ").trim()}` : ""}`;
    });
}

async function main(): Promise<number> {
  const values = parseFlags({
    usage: "npm run verify --",
    summary: "terraform init, validate and plan of every stack in the synth output, offline, against the stand-in aws provider.",
    flags: {
      output: { type: "string", short: "o", value: "<dir>", description: "The synth output directory; default: $CDKTF_OUTDIR, else cdktf.out" },
      world: { type: "string", value: "<file>", description: "World file the stand-in's data sources answer from; default: $OFFLINE_AWS_WORLD, else testing/worlds/lab.json" },
    },
  });
  if (!values) return 0;
  const outdir = values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const manifestFile = path.resolve(outdir, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    console.error(`verify: ${manifestFile} not found; run \`npm run synth\` first`);
    return 2;
  }
  const tf = terraformAvailable();
  if (!tf.ok) {
    console.error(`verify: ${tf.reason}`);
    return 2;
  }
  const world = values.world ?? process.env.OFFLINE_AWS_WORLD ?? LAB_WORLD;
  const { env } = await prepareOfflineTerraform({ world });
  // One stand-in provider answers every validate and plan (unless the world already has one).
  await servedWorld(world);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { stacks: Record<string, { workingDirectory: string }> };

  const results: StackResult[] = [];
  for (const [stack, { workingDirectory }] of Object.entries(manifest.stacks)) {
    const dir = copyStack(path.resolve(outdir, workingDirectory));
    const t0 = Date.now();
    const res: StackResult = { stack, validate: false, plan: false, summary: "", seconds: 0, checkSeconds: 0 };
    const init = runTerraform(dir, ["init", "-input=false"], { env, world });
    if (init.code !== 0) res.error = `init: ${firstError(init.stderr)}`;
    else {
      const v = runTerraform(dir, ["validate", "-json"], { env, world });
      res.validate = v.code === 0;
      res.checkSeconds += v.seconds;
      if (!res.validate) res.error = `validate: ${validateErrors(v.stdout).join("; ")}`;
      else {
        const p = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world });
        res.plan = p.code === 0;
        res.checkSeconds += p.seconds;
        res.summary = res.plan ? planSummary(p.stdout) : "";
        if (!res.plan) res.error = `plan: ${firstError(p.stderr)}`;
      }
    }
    res.seconds = (Date.now() - t0) / 1000;
    results.push(res);
    const ok = (b: boolean) => (b ? "ok" : "FAIL");
    console.log(
      `${stack.padEnd(16)} validate ${ok(res.validate).padEnd(4)} plan ${ok(res.plan).padEnd(4)} ${res.summary.padEnd(12)} ${res.seconds.toFixed(1)} s (validate+plan ${res.checkSeconds.toFixed(1)} s)` +
        (res.error ? `  ${res.error}` : ""),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results.every((r) => r.validate && r.plan) ? 0 : 1;
}

runCli(main);


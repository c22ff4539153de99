// npm run verify: every stack in cdktf.out through terraform init + validate + plan against the
// offline stand-in AWS provider (no network). One line per stack; exit 1 if any fails.
// Remote backends: each stack is copied to a temp dir and given a local-backend override file
// (`offline_backend_override.tf.json`), so init never reaches S3 and cdktf.out stays untouched.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "node:util";
import { LAB_WORLD, prepareOfflineTerraform, runTerraform, terraformAvailable } from "../testing/offline-aws";

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

function firstError(out: string): string {
  const m = /Error: (.*)/.exec(out);
  return m ? m[1].trim() : out.trim().split("\n").slice(-1)[0] ?? "";
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string", default: "cdktf.out" }, world: { type: "string" } } });
  const manifestFile = path.resolve(values.out!, "manifest.json");
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
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { stacks: Record<string, { workingDirectory: string }> };

  const results: StackResult[] = [];
  for (const [stack, { workingDirectory }] of Object.entries(manifest.stacks)) {
    const dir = copyStack(path.resolve(values.out!, workingDirectory));
    const t0 = Date.now();
    const res: StackResult = { stack, validate: false, plan: false, summary: "", seconds: 0, checkSeconds: 0 };
    const init = runTerraform(dir, ["init", "-input=false"], { env, world });
    if (init.code !== 0) res.error = `init: ${firstError(init.stderr)}`;
    else {
      const v = runTerraform(dir, ["validate"], { env, world });
      res.validate = v.code === 0;
      res.checkSeconds += v.seconds;
      if (!res.validate) res.error = `validate: ${firstError(v.stderr)}`;
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

main().then((code) => (process.exitCode = code), (e) => {
  console.error(e);
  process.exitCode = 1;
});

// npm run bench:split: the full mesh of N existing VPCs split per VPC (config `split: per-vpc`):
// synth time and stacks, and the offline plan (stand-in provider) of the largest stack, the one
// whose plan bounds how long any single workspace waits. Usage: npm run bench:split -- [--sizes 126]
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareOfflineTerraform, runTerraform, terraformAvailable } from "../testing/offline-aws";
import { parseFlags, runCli } from "../modules/app/cli";

async function main(): Promise<void> {
  const flags = parseFlags({
    usage: "npm run bench:split --",
    summary: "Times synth of N-VPC full meshes split per VPC, and terraform plan of the largest stack (offline stand-in provider).",
    flags: { sizes: { type: "string", value: "<n,n>", description: "Mesh sizes in VPCs (2-126), comma-separated; default 126" } },
  });
  if (!flags) return;
  const sizes = (flags.sizes ?? "126").split(",").map(Number);
  const t = terraformAvailable();
  if (!t.ok) throw new Error(t.reason);
  const root = process.cwd();
  execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-split-"));
  const rows: string[][] = [];
  try {
    for (const n of sizes) {
      const config = path.join(work, `mesh-${n}.yaml`);
      const world = path.join(work, `world-${n}.json`);
      execFileSync(process.execPath, [path.join(root, "scripts/gen-mesh-config.mjs"), String(n), config, "--existing", world, "--split", "per-vpc"]);
      const out = path.join(work, `out-${n}`);
      const started = process.hrtime.bigint();
      execFileSync(process.execPath, [path.join(root, "dist/main.js"), "--config", config, "--output", out], { stdio: "ignore" });
      const synth = Number(process.hrtime.bigint() - started) / 1e9;
      const stacks = fs.readdirSync(path.join(out, "stacks"));
      const resourcesOf = (stack: string) => {
        const tf = JSON.parse(fs.readFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), "utf8"));
        return Object.values((tf.resource ?? {}) as Record<string, object>).reduce((s, m) => s + Object.keys(m).length, 0);
      };
      const sized = stacks.map((s) => ({ stack: s, resources: resourcesOf(s) })).sort((a, b) => b.resources - a.resources);
      const largest = sized[0];
      // The largest stack requests every peering of its VPC: it reads no other stack's state.
      const { env } = await prepareOfflineTerraform({ world });
      const dir = path.join(out, "stacks", largest.stack);
      const init = runTerraform(dir, ["init", "-input=false"], { env });
      if (init.code !== 0) throw new Error(`init failed in ${dir}:\n${init.stderr}`);
      const plan = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, timeoutMs: 600_000 });
      if (plan.code !== 0 || !plan.stdout.includes(`Plan: ${largest.resources} to add`)) throw new Error(`plan failed in ${dir}:\n${plan.stderr.slice(0, 2000)}${plan.stdout.slice(-500)}`);
      rows.push([String(n), String((n * (n - 1)) / 2), String(stacks.length), `${synth.toFixed(2)} s`, largest.stack, String(largest.resources), `${plan.seconds.toFixed(1)} s`]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const header = ["VPCs", "peerings", "stacks", "synth (all stacks)", "largest stack", "resources", "plan of it"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} CPUs; full mesh of existing VPCs, split per-vpc, offline stand-in provider`);
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
}

runCli(main);

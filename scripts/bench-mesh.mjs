#!/usr/bin/env node
// Mesh scaling benchmark: builds once, then synthesizes full meshes of 10, 25, 50 and 126 created VPCs
// (configs from scripts/gen-mesh-config.mjs) several times each with `node dist/main.js`, and prints
// VPCs, peerings, resources written, median wall, median CPU (user+sys, steadier than wall on a
// busy machine) and peak RSS (max over runs, /usr/bin/time %M).
// Usage: node scripts/bench-mesh.mjs [--runs 5] [--sizes 10,25,50,126] [--no-build]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scriptArgs } from "./script-args.mjs";

const values = scriptArgs({
  usage: "npm run bench:mesh --",
  summary: "Synthesizes full meshes of created VPCs several times each and prints wall, CPU and peak RSS per size.",
  options: {
    runs: { type: "string", default: "5", value: "<n>", description: "Runs per size (default 5)" },
    sizes: { type: "string", default: "10,25,50,126", value: "<list>", description: "VPC counts (default 10,25,50,126)" },
    "no-build": { type: "boolean", default: false, description: "Use dist/main.js as it is" },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(",").map(Number);
const root = new URL("..", import.meta.url).pathname;
const timeBin = "/usr/bin/time";
if (!existsSync(timeBin)) throw new Error(`${timeBin} (GNU time) is needed for peak RSS`);

if (!values["no-build"]) execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
const work = mkdtempSync(join(tmpdir(), "bench-mesh-"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
try {
  for (const n of sizes) {
    const config = join(work, `mesh-${n}.yaml`);
    execFileSync("node", [join(root, "scripts/gen-mesh-config.mjs"), String(n), config]);
    const walls = [];
    const cpus = [];
    let peakKb = 0;
    let resources = 0;
    for (let i = 0; i < runs; i++) {
      const out = join(work, `out-${n}`);
      const start = process.hrtime.bigint();
      const r = spawnSync(timeBin, ["-f", "%M %U %S", "node", join(root, "dist/main.js"), "--config", config, "--output", out], { cwd: root, encoding: "utf8" });
      walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.status !== 0) throw new Error(`synth of ${n} VPCs failed:\n${r.stderr}`);
      const [kb, user, sys] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
      peakKb = Math.max(peakKb, kb);
      cpus.push((user + sys) * 1000);
      if (i === 0) {
        const tf = JSON.parse(readFileSync(join(out, "stacks", `mesh-${n}`, "cdk.tf.json"), "utf8"));
        resources = Object.values(tf.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
      }
    }
    rows.push({ vpcs: n, peerings: (n * (n - 1)) / 2, resources, wall: median(walls), cpu: median(cpus), rss: peakKb / 1024 });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ["VPCs", "peerings", "resources", `median wall (${runs} runs)`, "median CPU", "peak RSS", "ms per 1k resources"];
const lines = rows.map((r) => [r.vpcs, r.peerings, r.resources, `${(r.wall / 1000).toFixed(2)} s`, `${(r.cpu / 1000).toFixed(2)} s`, `${r.rss.toFixed(0)} MB`, (r.wall / (r.resources / 1000)).toFixed(0)].map(String));
console.log(`load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" ")} on ${(await import("node:os")).cpus().length} CPUs`);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
console.log(fmt(header));
for (const l of lines) console.log(fmt(l));

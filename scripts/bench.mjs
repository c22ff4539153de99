// npm run bench: wall time and peak RSS of synthesizing the lab, median of several runs, then the
// mesh scaling table (scripts/bench-mesh.mjs: 10, 25, 50 VPCs).
// Peak RSS comes from GNU time (%M, KiB): the largest process of the command's tree.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { scriptArgs } from "./script-args.mjs";

scriptArgs({
  usage: "npm run bench --",
  summary: "Times the lab's synth against the cdktf template way (alternating runs), then prints the mesh synth table.",
  options: {},
  notes: "Environment: BENCH_RUNS (default 7), BENCH_TEMPLATE_RUNS (default 3).",
});
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  console.error("bench needs GNU time at /usr/bin/time (Debian package `time`)");
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `cmd` RUNS times; returns median wall seconds and the highest peak RSS in MB. */
export function measure(cmd, args, env = {}) {
  const walls = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(TIME, ["-f", "BENCH %e %M", cmd, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
    const [, wall, kib] = r.stderr.match(/BENCH ([\d.]+) (\d+)/);
    walls.push(Number(wall));
    rss.push(Number(kib) / 1024);
  }
  return { wall: median(walls), rss: Math.max(...rss) };
}

const out = mkdtempSync(join(tmpdir(), "bench-"));
try {
  execFileSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  // The cdktf template's way of the same lab (scripts/template-lab): the provider package imported
  // from its root, cdktf.json's app `npx ts-node main.ts` and package.json's `synth: cdktf synth`,
  // as `cdktf init --template=typescript` writes them. Its README command, `npm run synth`, is
  // compared with ours; the apps alone (ts-node main.ts vs node dist/main.js) are shown too.
  // Runs alternate so load drifts hit both.
  const template = join(out, "template-lab");
  execFileSync("mkdir", ["-p", template]);
  copyFileSync("scripts/template-lab/main.ts.template", join(template, "main.ts"));
  copyFileSync("scripts/template-lab/tsconfig.json", join(template, "tsconfig.json"));
  writeFileSync(join(template, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx ts-node main.ts", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }));
  writeFileSync(join(template, "package.json"), JSON.stringify({ name: "template-lab", private: true, scripts: { synth: "cdktf synth" } }));
  symlinkSync(join(process.cwd(), "node_modules"), join(template, "node_modules"));
  const tsNode = join(process.cwd(), "node_modules", ".bin", "ts-node");
  const m = () => ({ wall: [], rss: [] });
  const [ours, theirs, prebuilt, theirApp] = [m(), m(), m(), m()];
  const once = (acc, cmd, args, cwd) => {
    const r = spawnSync(TIME, ["-f", "BENCH %e %M", cmd, ...args], { encoding: "utf8", cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    const [, wall, kib] = r.stderr.match(/BENCH ([\d.]+) (\d+)/);
    acc.wall.push(Number(wall));
    acc.rss.push(Number(kib) / 1024);
  };
  const templateRuns = Number(process.env.BENCH_TEMPLATE_RUNS ?? 3);
  for (let i = 0; i < Math.max(RUNS, templateRuns); i++) {
    if (i < templateRuns) {
      once(theirs, "npm", ["run", "-s", "synth"], template);
      once(theirApp, tsNode, ["main.ts"], template);
    }
    once(ours, "npm", ["run", "-s", "synth", "--", "--output", join(out, "a")]);
    once(prebuilt, "node", ["dist/main.js", "--output", join(out, "b")]);
  }
  const row = (name, m) => `  ${name.padEnd(60)} ${median(m.wall).toFixed(2).padStart(6)} s ${Math.max(...m.rss).toFixed(0).padStart(6)} MB`;
  console.log(`lab synth, alternating runs (median wall, max peak RSS): ours ${ours.wall.length}, template ${theirs.wall.length}; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log(row("npm run synth (README command)", ours));
  console.log(row("template: npm run synth (cdktf synth → npx ts-node main.ts)", theirs));
  console.log(row("node dist/main.js (our app alone, prebuilt)", prebuilt));
  console.log(row("template app alone (ts-node main.ts)", theirApp));
  console.log(`  ratio npm run synth, ours / template: ${(median(ours.wall) / median(theirs.wall)).toFixed(3)} (target <= 0.03)`);
  console.log(`  ratio app alone, node dist/main.js / ts-node main.ts: ${(median(prebuilt.wall) / median(theirApp.wall)).toFixed(3)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log("");
execFileSync("node", ["scripts/bench-mesh.mjs", "--no-build", "--runs", String(Math.min(RUNS, 5))], { stdio: "inherit" });

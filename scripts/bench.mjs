// npm run bench: wall time and peak RSS of synthesizing the lab, median of several runs, then the
// mesh scaling table (scripts/bench-mesh.mjs: 10, 25, 50 VPCs).
// Peak RSS comes from GNU time (%M, KiB): the largest process of the command's tree.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
  const rows = [
    ["npm run synth (README command: esbuild + node)", measure("npm", ["run", "-s", "synth", "--", "--output", join(out, "a")])],
    ["node dist/main.js (prebuilt app alone)", measure("node", ["dist/main.js", "--output", join(out, "b")])],
  ];
  console.log(`lab synth, ${RUNS} runs each (median wall, max peak RSS); targets: ≤ 1.2 s, ≤ 200 MB`);
  for (const [name, m] of rows) console.log(`  ${name.padEnd(50)} ${m.wall.toFixed(2).padStart(6)} s ${m.rss.toFixed(0).padStart(6)} MB`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log("");
execFileSync("node", ["scripts/bench-mesh.mjs", "--no-build", "--runs", String(Math.min(RUNS, 5))], { stdio: "inherit" });

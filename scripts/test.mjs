// npm test: type-check (tsc --noEmit), lint (eslint) and the jest suite, run side by side, the
// first two at a lower CPU priority (jest and its Terraform children are the long pole).
// Fails when any of them fails; extra arguments go to jest.
import { spawn } from "node:child_process";
import { setPriority } from "node:os";

const bin = (name) => `node_modules/.bin/${name}`;
const run = (name, cmd, args, { quietUnlessFailed, background = false }) =>
  new Promise((resolve) => {
    const started = Date.now();
    // jest shows its own progress; the quiet ones say they started, so minutes are not silent.
    if (quietUnlessFailed) console.log(`${name}: started (its output shows if it fails)`);
    const child = spawn(cmd, args, { stdio: quietUnlessFailed ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
    // On 2 cores the three compete for CPU: tsc and ESLint take what jest leaves idle.
    if (background && child.pid !== undefined) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // already exited, or not permitted here: it runs at normal priority
      }
    }
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("close", (code) => {
      if (quietUnlessFailed && code !== 0) process.stderr.write(`\n--- ${name} failed ---\n${out}`);
      console.log(`${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });

const results = await Promise.all([
  run("tsc --noEmit", bin("tsc"), ["--noEmit"], { quietUnlessFailed: true, background: true }),
  run("eslint", bin("eslint"), ["."], { quietUnlessFailed: true, background: true }),
  run("jest", bin("jest"), process.argv.slice(2), { quietUnlessFailed: false }),
]);
process.exitCode = results.every(Boolean) ? 0 : 1;

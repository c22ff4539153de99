// npm test: type-check (tsc --noEmit), lint (eslint) and the jest suite, run side by side (the
// first two are a few seconds of one core each, jest mostly waits on Terraform child processes).
// Fails when any of them fails; extra arguments go to jest.
import { spawn } from "node:child_process";

const bin = (name) => `node_modules/.bin/${name}`;
const run = (name, cmd, args, { quietUnlessFailed }) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: quietUnlessFailed ? ["ignore", "pipe", "pipe"] : "inherit", env: process.env });
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
  run("tsc --noEmit", bin("tsc"), ["--noEmit"], { quietUnlessFailed: true }),
  run("eslint", bin("eslint"), ["."], { quietUnlessFailed: true }),
  run("jest", bin("jest"), process.argv.slice(2), { quietUnlessFailed: false }),
]);
process.exitCode = results.every(Boolean) ? 0 : 1;

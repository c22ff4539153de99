import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { App } from "cdktf";

/**
 * Synthesizes into a staging directory beside `outdir` and swaps it in only when synthesis
 * succeeded, so a failed synth leaves the previous output untouched and never a half-written one.
 * `finish`, when given, reshapes the staged output (e.g. into a module directory) before the swap.
 */
export function synthAtomically(outdir: string, build: (app: App) => void, finish?: (stagingDir: string) => void): void {
  const staging = `${outdir}.staging-${process.pid}`;
  const previous = `${outdir}.previous-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(outdir), { recursive: true });
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    finish?.(staging);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(outdir)) renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
}

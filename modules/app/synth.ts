import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { App } from "cdktf";

/** Terraform's working state in a stack directory: kept across synths so diff/deploy need no new init. */
const TERRAFORM_STATE = [/^\.terraform$/, /^\.terraform\.lock\.hcl$/, /\.tfstate(\.\w+)?$/, /^terraform\.tfstate\.d$/];
const isTerraformState = (name: string) => TERRAFORM_STATE.some((re) => re.test(name));

export interface SynthOptions {
  /**
   * Remove stack directories the new synth no longer writes. The cdktf CLI removes them itself
   * after running the app (from a list it took before), so under the CLI they are left to it.
   * @default true unless run by the cdktf CLI (CDKTF_CONTEXT_JSON is set)
   */
  readonly removeStaleStacks?: boolean;
}

/**
 * Synthesizes into a staging directory beside `outdir` and, only when synthesis succeeded,
 * publishes the result into `outdir`: every file written anew, files the synth no longer writes
 * removed, and each stack's Terraform working state (`.terraform/`, the lock file, local state)
 * kept. A failed synth leaves the previous output untouched, never a half-written one.
 * `finish`, when given, reshapes the staged output (e.g. into a module directory) first.
 */
export function synthAtomically(outdir: string, build: (app: App) => void, finish?: (stagingDir: string) => void, options: SynthOptions = {}): void {
  const staging = `${outdir}.staging-${process.pid}`;
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
  try {
    publish(staging, outdir, options.removeStaleStacks ?? process.env.CDKTF_CONTEXT_JSON === undefined, true);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Makes `to` hold what `from` holds, keeping Terraform working state and (optionally) stale stacks. */
function publish(from: string, to: string, removeStaleStacks: boolean, top: boolean): void {
  mkdirSync(to, { recursive: true });
  const incoming = new Set(readdirSync(from));
  for (const name of readdirSync(to)) {
    if (incoming.has(name) || isTerraformState(name)) continue;
    // A stack directory the synth no longer writes (cdktf.out/stacks/<old>).
    const staleStack = !top && to.endsWith("stacks");
    if (staleStack && !removeStaleStacks) continue;
    rmSync(join(to, name), { recursive: true, force: true });
  }
  for (const name of incoming) {
    const source = join(from, name);
    const target = join(to, name);
    if (statSync(source).isDirectory()) {
      if (existsSync(target) && !statSync(target).isDirectory()) rmSync(target, { force: true });
      publish(source, target, removeStaleStacks, false);
    } else {
      if (existsSync(target) && statSync(target).isDirectory()) rmSync(target, { recursive: true, force: true });
      copyFileSync(source, target);
    }
  }
}

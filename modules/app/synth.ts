import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { App } from "cdktf";
import { defaultLocalStatePath } from "../core/backend";

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
    moveLocalStateOutOfStacks(staging, outdir);
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

/**
 * Versions before 0.3 kept a stack's local state in its directory (`<outdir>/stacks/<stack>/
 * terraform.tfstate`), which the cdktf CLI deletes once a synth no longer lists the stack. Each
 * such file moves to where the new synth keeps that stack's state (a stack the synth no longer
 * writes: its default place, beside the output directory) before anything can
 * delete it. Two states for one stack stop the synth: only the user can tell which is current.
 */
export function moveLocalStateOutOfStacks(staging: string, outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return;
  for (const stack of readdirSync(stacksDir)) {
    const dir = join(stacksDir, stack);
    const old = join(dir, "terraform.tfstate");
    if (!existsSync(old)) continue;
    const staged = join(staging, "stacks", stack, "cdk.tf.json");
    let target: string;
    if (existsSync(staged)) {
      const local = JSON.parse(readFileSync(staged, "utf8")).terraform?.backend?.local;
      if (!local?.path) continue; // now a remote backend: moving state there is `terraform init -migrate-state`, the user's call
      target = resolve(dir, local.path);
    } else {
      target = resolve(dir, defaultLocalStatePath(stack));
    }
    if (resolve(target) === resolve(old)) continue;
    const shown = (p: string) => relative(process.cwd(), p) || p;
    if (existsSync(target)) {
      throw new Error(
        `stack ${stack} has two local states, ${shown(old)} (where versions before 0.3 kept it) and ${shown(target)}: ` +
          `keep the current one (compare their "serial"), move the other away, and synthesize again`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    moveFile(old, target);
    if (existsSync(`${old}.backup`) && !existsSync(`${target}.backup`)) moveFile(`${old}.backup`, `${target}.backup`);
    // Terraform's record of the old backend settings: without it, init takes the new path as is
    // instead of asking for -migrate-state (the file is already where the new settings say).
    rmSync(join(dir, ".terraform", "terraform.tfstate"), { force: true });
    console.error(`moved stack ${stack}'s local state from ${shown(old)} to ${shown(target)}, outside the synth output (the cdktf CLI deletes stack directories on a config switch)`);
  }
}

/** Copy, then remove: works across file systems, and a failure leaves the original in place. */
function moveFile(from: string, to: string): void {
  copyFileSync(from, to);
  rmSync(from);
}

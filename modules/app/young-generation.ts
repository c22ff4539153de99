import { spawnSync } from "node:child_process";

// Synth of a very large stack runs in a child Node with a bigger young generation. cdktf resolves
// a stack in one recursion over every element, and the intermediate objects of that walk live
// long enough to outgrow V8's default semi-spaces (16 MB): they get promoted, and past ~5,000
// peerings the walk slows down by more than double (a 126-VPC full mesh: 11.5 s with the default,
// 4.8 s with 128 MB semi-spaces; docs/scale.md). Below that the default is as fast, and a second
// process would only add its start-up.

/** Peerings from which synth re-runs itself with larger semi-spaces. */
export const LARGE_SYNTH_PEERINGS = 3000;
const SEMI_SPACE_FLAG = "--max-semi-space-size";
const SEMI_SPACE_MB = 128;

/**
 * The Node flags to re-run synth with, or undefined to go on in this process: when `peerings`
 * is below LARGE_SYNTH_PEERINGS, or when the semi-space size is already set (by the flags this
 * process got, or NODE_OPTIONS), which also stops the re-run from re-running itself.
 */
export function largerYoungGenerationFlags(peerings: number, execArgv: readonly string[], nodeOptions = ""): string[] | undefined {
  const configured = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith(SEMI_SPACE_FLAG));
  if (peerings < LARGE_SYNTH_PEERINGS || configured) return undefined;
  return [`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`, ...execArgv];
}

/**
 * Re-runs this command (same script and arguments, output inherited) with larger semi-spaces
 * when largerYoungGenerationFlags says so; returns the child's exit code, or undefined when this
 * process should go on itself.
 */
export function rerunWithLargerYoungGeneration(peerings: number): number | undefined {
  const flags = largerYoungGenerationFlags(peerings, process.execArgv, process.env.NODE_OPTIONS);
  if (!flags) return undefined;
  const child = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], { stdio: "inherit" });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

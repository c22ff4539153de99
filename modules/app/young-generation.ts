import { spawnSync } from "node:child_process";

// Synth of a very large stack runs in a child Node with a bigger young generation. cdktf resolves
// a stack in one recursion over every element, and the intermediate objects of that walk live
// long enough to outgrow V8's default semi-spaces (16 MB): they get promoted, and the walk slows
// down by more than double past ~5,000 peerings (a 126-VPC full mesh: 11.5 s with the default,
// 4.8 s with 128 MB semi-spaces; see docs/scale.md). Below that the default is as fast, and a
// second process would only add its start-up.

/** Peerings from which synth re-runs itself with larger semi-spaces. */
export const LARGE_SYNTH_PEERINGS = 3000;
const SEMI_SPACE_FLAG = "--max-semi-space-size";
const SEMI_SPACE_MB = 128;

/**
 * Re-runs this command (same script and arguments, output inherited) in a child Node with
 * 128 MB semi-spaces when `peerings` is large and this process has no semi-space setting of its
 * own; returns the child's exit code, or undefined when the current process should go on.
 */
export function rerunWithLargerYoungGeneration(peerings: number): number | undefined {
  const configured = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => a.startsWith(SEMI_SPACE_FLAG));
  if (peerings < LARGE_SYNTH_PEERINGS || configured) return undefined;
  const child = spawnSync(process.execPath, [`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  if (child.error) throw child.error;
  return child.status ?? 1;
}

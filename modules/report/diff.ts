import { CidrRange, parseCidr, rangeToCidrs, subtractRanges } from "../core/cidr";
import type { BlockResult, ReachabilityReport } from "./reachability";

// What a change does to reachability: pairs (per port), their blocks and names that gained or lost, between a
// baseline report (the stack before) and the current one. Pure: compares two reports.

export interface ReachabilityChange {
  readonly what: string;
  readonly before: string;
  readonly after: string;
}

export interface ReachabilityDiff {
  readonly lost: readonly ReachabilityChange[];
  readonly gained: readonly ReachabilityChange[];
}

const flows = (verdict: string) => verdict !== "blocked";

/** The parts of a block that flowed before and are no longer routed (a narrower routeTo, a route taken elsewhere). */
function narrowed(before: BlockResult, after: BlockResult): string[] {
  const ranges = (b: BlockResult) => (b.routed ?? [b.block]).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
  return subtractRanges(ranges(before), ranges(after)).flatMap(rangeToCidrs);
}

export function diffReports(before: ReachabilityReport, after: ReachabilityReport): ReachabilityDiff {
  const lost: ReachabilityChange[] = [];
  const gained: ReachabilityChange[] = [];
  const key = (p: { from: string; to: string; port: string }) => `${p.from} → ${p.to} ${p.port}`;
  const old = new Map(before.pairs.map((p) => [key(p), p]));
  const now = new Map(after.pairs.map((p) => [key(p), p]));
  for (const [k, p] of now) {
    const was = old.get(k);
    const describe = (x: typeof p | undefined) => (x ? (flows(x.verdict) ? `flows${x.verdict === "assumed" ? "*" : ""}` : `blocked (${x.step}: ${x.detail})`) : "absent");
    if (was && flows(was.verdict) && !flows(p.verdict)) lost.push({ what: k, before: describe(was), after: describe(p) });
    else if ((!was || !flows(was.verdict)) && flows(p.verdict)) gained.push({ what: k, before: describe(was), after: describe(p) });
  }
  for (const [k, was] of old) {
    if (!now.has(k) && flows(was.verdict)) lost.push({ what: k, before: "flows", after: "absent (the pair or port is gone)" });
  }
  // Blocks of a pair that flows before and after: the pair's own line would hide a block lost or gained.
  for (const [k, p] of now) {
    const was = old.get(k);
    if (!was || !flows(was.verdict) || !flows(p.verdict)) continue;
    const oldBlocks = new Map(was.blocks.map((b) => [b.block, b]));
    for (const b of p.blocks) {
      const wb = oldBlocks.get(b.block);
      const describe = (x: typeof b) => (flows(x.verdict) ? `flows${x.routed ? ` to ${x.routed.join(", ")} only` : ""}` : `blocked (${x.step}: ${x.detail})`);
      if (wb && flows(wb.verdict) && !flows(b.verdict)) lost.push({ what: `${k} block ${b.block}`, before: describe(wb), after: describe(b) });
      else if (wb && flows(wb.verdict) && flows(b.verdict) && narrowed(wb, b).length > 0) {
        lost.push({ what: `${k} block ${b.block}`, before: describe(wb), after: `${describe(b)} (lost ${narrowed(wb, b).join(", ")})` });
      }
      else if (wb && !flows(wb.verdict) && flows(b.verdict)) gained.push({ what: `${k} block ${b.block}`, before: describe(wb), after: describe(b) });
      else if (!wb && flows(b.verdict)) gained.push({ what: `${k} block ${b.block}`, before: "absent", after: describe(b) });
    }
    for (const wb of was.blocks) {
      if (flows(wb.verdict) && !p.blocks.some((b) => b.block === wb.block)) lost.push({ what: `${k} block ${wb.block}`, before: "flows", after: "absent (the block is gone)" });
    }
  }
  const nameKey = (n: { name: string; type: string; from: string }) => `${n.name} ${n.type} from ${n.from}`;
  const oldNames = new Map(before.names.map((n) => [nameKey(n), n]));
  for (const n of after.names) {
    const was = oldNames.get(nameKey(n));
    if (was?.resolves && !n.resolves) lost.push({ what: nameKey(n), before: "resolves", after: `does not resolve: ${n.why}` });
    else if (was && !was.resolves && n.resolves) gained.push({ what: nameKey(n), before: "does not resolve", after: "resolves" });
  }
  for (const [k, was] of oldNames) {
    if (was.resolves && !after.names.some((n) => nameKey(n) === k)) lost.push({ what: k, before: "resolves", after: "absent (the record is gone)" });
  }
  return { lost, gained };
}

export function formatDiff(stack: string, diff: ReachabilityDiff): string {
  const lines = [`Reachability of stack ${stack} against the baseline: ${diff.lost.length} lost, ${diff.gained.length} gained`];
  for (const c of diff.lost) lines.push(`  LOST    ${c.what}: ${c.before} → ${c.after}`);
  for (const c of diff.gained) lines.push(`  GAINED  ${c.what}: ${c.before} → ${c.after}`);
  return lines.join("\n");
}

import type { ConfigProblem } from "../config/errors";
import type { TopologyConfig } from "../config/schema";
import { CidrRange, cidrsOverlap, parseCidr } from "./cidr";
import { dnsProblems } from "./dns-checks";
import { error } from "./problems";
import { CheckedPeering, routeProblems } from "./route-checks";
import { vpcCidrBlocks } from "./topology";

/**
 * Checks that relate fields to each other. Runs after the schema has accepted every field,
 * and returns all problems (errors and warnings) rather than stopping at the first.
 * Each concern lives in its own file: route-checks.ts (routes, quotas), dns-checks.ts (zones, records).
 */
export function validateTopology(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const keys = Object.keys(config.vpcs);
  const known = (key: string, path: string) => {
    if (config.vpcs[key]) return true;
    problems.push(error(path, `unknown VPC key "${key}": use one of ${keys.join(", ")}`));
    return false;
  };

  for (const key of keys) problems.push(...ownBlockProblems(config, key));

  const pairs = new Map<string, number>();
  const checked: CheckedPeering[] = [];
  config.peerings.forEach((peering, i) => {
    const base = `peerings[${i}]`;
    const okRequester = known(peering.requester, `${base}.requester`);
    const okAccepter = known(peering.accepter, `${base}.accepter`);
    if (!okRequester || !okAccepter) return;
    if (peering.requester === peering.accepter) {
      problems.push(error(`${base}.accepter`, `a VPC cannot be peered with itself ("${peering.requester}"): name another VPC`));
      return;
    }
    const pair = [peering.requester, peering.accepter].sort().join("|");
    const first = pairs.get(pair);
    if (first !== undefined) {
      problems.push(error(base, `peers ${peering.requester} and ${peering.accepter} again (already peerings[${first}]): AWS allows one peering per VPC pair, remove one`));
      return;
    }
    pairs.set(pair, i);
    const overlaps = overlapProblems(config, peering.requester, peering.accepter, base);
    problems.push(...overlaps);
    // Overlapping peers are already an error; their routes would only repeat it.
    if (overlaps.length === 0) checked.push({ requester: peering.requester, accepter: peering.accepter, path: base });
  });

  const names = new Map<string, number>();
  config.peerings.forEach((p, i) => {
    const first = names.get(p.name);
    if (first !== undefined) problems.push(error(`peerings[${i}].name`, `"${p.name}" is already the name of peerings[${first}]: names must be unique`));
    else names.set(p.name, i);
  });

  problems.push(...routeProblems(config, checked));

  config.flowLogs?.vpcs?.forEach((key, i) => known(key, `flowLogs.vpcs[${i}]`));
  problems.push(...dnsProblems(config, known));
  return problems;
}

function ranges(config: TopologyConfig, key: string): CidrRange[] {
  return vpcCidrBlocks(config.vpcs[key]).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
}

/** Pairs of blocks, one from each list, that overlap. The core the property test checks against brute force. */
export function overlappingBlocks(a: readonly CidrRange[], b: readonly CidrRange[]): [CidrRange, CidrRange][] {
  const found: [CidrRange, CidrRange][] = [];
  for (const x of a) for (const y of b) if (cidrsOverlap(x, y)) found.push([x, y]);
  return found;
}

function overlapProblems(config: TopologyConfig, a: string, b: string, path: string): ConfigProblem[] {
  return overlappingBlocks(ranges(config, a), ranges(config, b)).map(([x, y]) =>
    error(path, `${a} (${x.cidr}) and ${b} (${y.cidr}) overlap: AWS cannot peer VPCs with overlapping CIDR blocks, re-address one VPC`),
  );
}

/** A VPC's own blocks may not overlap each other (AWS refuses the association). */
function ownBlockProblems(config: TopologyConfig, key: string): ConfigProblem[] {
  const vpc = config.vpcs[key];
  const listed = [
    { path: `vpcs.${key}.cidr`, cidr: vpc.cidr },
    ...vpc.secondaryCidrs.map((cidr, i) => ({ path: `vpcs.${key}.secondaryCidrs[${i}]`, cidr })),
    ...vpc.ipv6Cidrs.map((cidr, i) => ({ path: `vpcs.${key}.ipv6Cidrs[${i}]`, cidr })),
  ];
  const problems: ConfigProblem[] = [];
  listed.forEach((item, i) => {
    const r = parseCidr(item.cidr);
    if (typeof r === "string") return;
    const earlier = listed.slice(0, i).find((e) => {
      const q = parseCidr(e.cidr);
      return typeof q !== "string" && cidrsOverlap(q, r);
    });
    if (earlier) problems.push(error(item.path, `${item.cidr} overlaps ${earlier.cidr} (${earlier.path}) of the same VPC: remove it or use a disjoint block`));
  });
  return problems;
}

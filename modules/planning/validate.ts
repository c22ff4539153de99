import type { ConfigProblem } from "../config/errors";
import type { TopologyConfig } from "../config/schema";
import { CidrRange, cidrsOverlap, parseCidr } from "./cidr";
import { normalizeDomain, recordFqdn } from "./dns";
import { vpcCidrBlocks } from "./topology";

const error = (path: string, message: string): ConfigProblem => ({ path, message, severity: "error" });

/**
 * Checks that relate fields to each other. Runs after the schema has accepted every field,
 * and returns all problems rather than stopping at the first.
 */
export function validateTopology(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const keys = Object.keys(config.vpcs);
  const known = (key: string, path: string) => {
    if (config.vpcs[key]) return true;
    problems.push(error(path, `unknown VPC key "${key}": use one of ${keys.join(", ")}`));
    return false;
  };

  const pairs = new Map<string, number>();
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
    problems.push(...overlapProblems(config, peering.requester, peering.accepter, base));
  });

  const names = new Map<string, number>();
  config.peerings.forEach((p, i) => {
    const first = names.get(p.name);
    if (first !== undefined) problems.push(error(`peerings[${i}].name`, `"${p.name}" is already the name of peerings[${first}]: names must be unique`));
    else names.set(p.name, i);
  });

  config.flowLogs?.vpcs?.forEach((key, i) => known(key, `flowLogs.vpcs[${i}]`));

  config.privateZones.forEach((zone, z) => {
    known(zone.vpc, `privateZones[${z}].vpc`);
    zone.additionalVpcs.forEach((key, i) => known(key, `privateZones[${z}].additionalVpcs[${i}]`));
    zone.records.forEach((record, r) => {
      const fqdn = recordFqdn(zone.name, record.name);
      if (record.type === "CNAME" && fqdn === normalizeDomain(zone.name)) {
        problems.push(error(`privateZones[${z}].records[${r}].name`, "a CNAME cannot be at the zone apex: use a name below the zone"));
      }
    });
  });
  return problems;
}

function overlapProblems(config: TopologyConfig, a: string, b: string, path: string): ConfigProblem[] {
  const ranges = (key: string) =>
    vpcCidrBlocks(config.vpcs[key]).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
  const found: ConfigProblem[] = [];
  for (const x of ranges(a)) {
    for (const y of ranges(b)) {
      if (cidrsOverlap(x, y)) {
        found.push(error(path, `${a} (${x.cidr}) and ${b} (${y.cidr}) overlap: AWS cannot peer VPCs with overlapping CIDR blocks, re-address one VPC`));
      }
    }
  }
  return found;
}

import type { ConfigProblem } from "../config/errors";
import type { TopologyConfig } from "../config/schema";
import { CidrRange, cidrsOverlap, parseCidr } from "./cidr";
import { normalizeDomain, recordFqdn } from "./dns";
import { expandPeerings } from "./mesh";
import { parsePort, planPeerSecurity, RuleNumbers } from "./security";
import { peerFacingBlocks, vpcCidrBlocks } from "./topology";

/** AWS quotas checked at synth time (defaults / hard maxima from the VPC quotas page). */
const MAX_PEERINGS_PER_VPC = 125;
const MAX_NACL_RULES_PER_DIRECTION = 40;
const MAX_NACL_RULE_NUMBER = 32766;

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

  Object.entries(config.vpcs).forEach(([key, vpc]) => problems.push(...vpcProblems(config, key, vpc)));

  let meshOk = true;
  if (config.mesh) {
    const before = problems.length;
    const mesh = config.mesh;
    const meshKeys = mesh.vpcs ?? keys;
    mesh.vpcs?.forEach((key, i) => known(key, `mesh.vpcs[${i}]`));
    if (new Set(meshKeys).size !== meshKeys.length) problems.push(error("mesh.vpcs", "lists a VPC twice: list each VPC once"));
    if (mesh.topology === "hub-and-spoke") {
      if (mesh.hub === undefined) problems.push(error("mesh.hub", "is required for hub-and-spoke: name the hub VPC's key"));
      else if (known(mesh.hub, "mesh.hub") && !meshKeys.includes(mesh.hub)) {
        problems.push(error("mesh.hub", `"${mesh.hub}" is not in mesh.vpcs: add it there or pick a hub from the list`));
      }
    } else if (mesh.hub !== undefined) {
      problems.push(error("mesh.hub", "only applies to topology hub-and-spoke: remove it or change the topology"));
    }
    if (meshKeys.length < 2) problems.push(error("mesh.vpcs", "a mesh needs at least two VPCs"));
    if (!mesh.namePattern.includes("{requester}") || !mesh.namePattern.includes("{accepter}")) {
      problems.push(error("mesh.namePattern", "must contain both {requester} and {accepter} so each peering gets its own name"));
    }
    meshOk = problems.length === before;
  }

  // A broken mesh is reported above; its peerings are left out rather than guessed at.
  const planned = expandPeerings(meshOk ? config : { ...config, mesh: undefined });
  if (planned.length === 0) problems.push(error("peerings", "declare at least one peering (or a mesh)"));

  const pairs = new Map<string, string>();
  const perVpc = new Map<string, number>();
  planned.forEach(({ peering, path: base }) => {
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
      problems.push(error(base, `peers ${peering.requester} and ${peering.accepter} again (already ${first}): AWS allows one peering per VPC pair, remove one`));
      return;
    }
    pairs.set(pair, base);
    for (const k of [peering.requester, peering.accepter]) perVpc.set(k, (perVpc.get(k) ?? 0) + 1);
    problems.push(...overlapProblems(config, peering.requester, peering.accepter, base));
    const rules = peering.securityRules;
    if (rules) {
      rules.ports.forEach((spec, i) => {
        const p = parsePort(spec);
        if (typeof p === "string") problems.push(error(`${base}.securityRules.ports[${i}]`, p));
      });
      for (const side of rules.allowInto) {
        const key = peering[side];
        const groups = (side === "requester" ? rules.requesterSecurityGroups : rules.accepterSecurityGroups) ?? config.vpcs[key].securityGroups;
        if (groups.length === 0 && !config.vpcs[key].networkAcl) {
          problems.push(error(`${base}.securityRules.allowInto`, `${side} VPC ${key} has no securityGroups and no networkAcl, so there is nothing to open: list groups in vpcs.${key}.securityGroups or remove "${side}"`));
        }
      }
    }
  });
  for (const [key, n] of perVpc) {
    if (n > MAX_PEERINGS_PER_VPC) {
      problems.push(error(`vpcs.${key}`, `is in ${n} peerings; AWS allows at most ${MAX_PEERINGS_PER_VPC} active peerings per VPC (default quota 50): split the mesh or use a transit gateway`));
    }
  }

  const names = new Map<string, string>();
  planned.forEach(({ peering: p, path }) => {
    const first = names.get(p.name);
    if (first !== undefined) problems.push(error(`${path}.name`, `"${p.name}" is already the name of ${first}: names must be unique`));
    else names.set(p.name, path);
  });

  if (!problems.some((p) => p.severity === "error")) problems.push(...naclQuotaProblems(config, planned));

  const otherPlace = (key: string) => (config.vpcs[key]?.account !== undefined) || ((config.vpcs[key]?.region ?? config.region) !== config.region);
  config.flowLogs?.vpcs?.forEach((key, i) => {
    if (known(key, `flowLogs.vpcs[${i}]`) && otherPlace(key)) {
      problems.push(error(`flowLogs.vpcs[${i}]`, `VPC ${key} is in another account or region; flow logs are built with the default provider only: remove it from the list`));
    }
  });
  if (config.flowLogs && !config.flowLogs.vpcs) {
    const away = keys.filter(otherPlace);
    if (away.length > 0) problems.push(error("flowLogs.vpcs", `defaults to every VPC, but ${away.join(", ")} are in another account or region: list the VPCs to log`));
  }

  config.flowLogs?.vpcs?.forEach((key, i) => known(key, `flowLogs.vpcs[${i}]`));

  config.privateZones.forEach((zone, z) => {
    known(zone.vpc, `privateZones[${z}].vpc`);
    [zone.vpc, ...zone.additionalVpcs].forEach((key, i) => {
      if (config.vpcs[key]?.account !== undefined) {
        problems.push(error(i === 0 ? `privateZones[${z}].vpc` : `privateZones[${z}].additionalVpcs[${i - 1}]`, `VPC ${key} is in account ${config.vpcs[key].account}; cross-account zone association is not supported yet: associate a VPC of the default account`));
      }
    });
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

function vpcProblems(config: TopologyConfig, key: string, vpc: TopologyConfig["vpcs"][string]): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  const base = `vpcs.${key}`;
  if (vpc.account !== undefined && !config.accounts[vpc.account]) {
    const declared = Object.keys(config.accounts);
    found.push(error(`${base}.account`, `unknown account key "${vpc.account}": ${declared.length ? `use one of ${declared.join(", ")}` : "declare it under accounts (id and roleArn)"}`));
  }
  if (vpc.create) {
    if (vpc.routeTables.length > 0) found.push(error(`${base}.routeTables`, "a created VPC gets its own route table: remove routeTables (or look the VPC up by id/name)"));
    if (vpc.subnets.length > 0) found.push(error(`${base}.subnets`, "a created VPC's subnets are listed under create.subnets: move them there"));
    if (vpc.ipv6Cidrs.length > 0) found.push(error(`${base}.ipv6Cidrs`, "created VPCs are IPv4-only here (AWS picks an Amazon IPv6 block at apply time): remove ipv6Cidrs"));
    if (vpc.networkAcl) found.push(error(`${base}.networkAcl`, "a created VPC uses its default network ACL: remove networkAcl"));
    const ranges = vpcCidrBlocks(vpc).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
    const subnets: CidrRange[] = [];
    vpc.create.subnets.forEach((subnet, i) => {
      const r = parseCidr(subnet.cidr);
      if (typeof r === "string") return;
      if (!ranges.some((v) => v.family === 4 && v.first <= r.first && r.last <= v.last)) {
        found.push(error(`${base}.create.subnets[${i}].cidr`, `${subnet.cidr} is not inside the VPC's blocks (${[vpc.cidr, ...vpc.secondaryCidrs].join(", ")}): pick a range inside them`));
      }
      const clash = subnets.findIndex((s) => cidrsOverlap(s, r));
      if (clash >= 0) found.push(error(`${base}.create.subnets[${i}].cidr`, `${subnet.cidr} overlaps create.subnets[${clash}] (${subnets[clash].cidr}): subnets of a VPC may not overlap`));
      subnets.push(r);
    });
  } else if (vpc.routeTables.length === 0 && vpc.subnets.length === 0) {
    found.push(error(`${base}.routeTables`, "list at least one route table (its id or Name tag), or subnets whose route tables get the routes"));
  }
  if (vpc.routeTo) {
    const own = vpcCidrBlocks(vpc).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
    vpc.routeTo.include?.forEach((cidr, i) => {
      const r = parseCidr(cidr);
      if (typeof r === "string") found.push(error(`${base}.routeTo.include[${i}]`, r));
      else if (!own.some((v) => v.family === r.family && v.first <= r.first && r.last <= v.last)) {
        found.push(error(`${base}.routeTo.include[${i}]`, `${cidr} is not inside any block of the VPC (${own.map((o) => o.cidr).join(", ")}): include only the VPC's own ranges`));
      }
    });
    const candidates = vpc.routeTo.include ?? vpcCidrBlocks(vpc);
    vpc.routeTo.exclude.forEach((cidr, i) => {
      if (!candidates.includes(cidr)) found.push(error(`${base}.routeTo.exclude[${i}]`, `${cidr} is not one of the blocks peers would route to (${candidates.join(", ")}): exclude one of those exactly`));
    });
    const left = peerFacingBlocks([vpc.cidr, ...vpc.secondaryCidrs], vpc.ipv6Cidrs, vpc.routeTo);
    if (left.ipv4.length + left.ipv6.length === 0) found.push(error(`${base}.routeTo`, "leaves no block for peers to route to: exclude fewer blocks"));
  }
  return found;
}

/** Network ACL rules of every peering together: numbers must stay in range and under the quota. */
function naclQuotaProblems(config: TopologyConfig, planned: ReturnType<typeof expandPeerings>): ConfigProblem[] {
  if (!Object.values(config.vpcs).some((v) => v.networkAcl)) return [];
  const numbers = new RuleNumbers();
  const side = (key: string, override?: readonly string[]) => {
    const vpc = config.vpcs[key];
    const blocks = peerFacingBlocks([vpc.cidr, ...vpc.secondaryCidrs], vpc.ipv6Cidrs, vpc.routeTo);
    return { ...blocks, securityGroups: override ?? vpc.securityGroups, networkAcl: vpc.networkAcl };
  };
  for (const { peering } of planned) {
    const rules = peering.securityRules;
    if (!rules) continue;
    planPeerSecurity({
      requester: side(peering.requester, rules.requesterSecurityGroups),
      accepter: side(peering.accepter, rules.accepterSecurityGroups),
      ports: rules.ports,
      allowInto: rules.allowInto,
      referencePeerGroups: false,
    }, numbers);
  }
  const found: ConfigProblem[] = [];
  const owner = (aclId: string) => Object.keys(config.vpcs).find((k) => config.vpcs[k].networkAcl?.id === aclId) ?? aclId;
  for (const { key, count, highest } of numbers.usage()) {
    const [aclId, direction] = key.split(" ");
    const path = `vpcs.${owner(aclId)}.networkAcl`;
    if (count > MAX_NACL_RULES_PER_DIRECTION) {
      found.push(error(path, `needs ${count} ${direction} rules for its peers; AWS allows at most ${MAX_NACL_RULES_PER_DIRECTION} per direction (default 20): open fewer ports, route fewer blocks, or drop the custom ACL`));
    }
    if (highest > MAX_NACL_RULE_NUMBER) {
      found.push(error(`${path}.ruleNumberBase`, `rule numbers run up to ${highest}, past AWS's ${MAX_NACL_RULE_NUMBER}: lower ruleNumberBase`));
    }
  }
  return found;
}

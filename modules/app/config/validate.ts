import type { ConfigProblem } from "../../core/problems";
import type { TopologyConfig } from "./schema";
import { CidrRange, cidrsOverlap, parseCidr } from "../../core/cidr";
import { regionOfAvailabilityZone, SUBNET_IPV4_PREFIX } from "../../core/limits";
import { routeToProblems, vpcBlockProblems } from "../../core/vpc-blocks";
import { checkPeerings, planPeering } from "../../core/peering";
import { naclUsageProblems, RuleNumbers } from "../../core/security";
import { expandPeerings, peeringSpec, vpcCidrBlocks } from "../adapter";
import { generatedNameProblems } from "../names";
import { splitProblems } from "../split";
import { dnsProblems, dnsQueryLogProblems } from "./dns-checks";
import { endpointConfigProblems } from "./endpoint-checks";
import { transitConfigProblems, transitRouteSets } from "./transit-checks";
import { meshSizeAdvice } from "../../core/transit";
import { settingProblems } from "./setting-checks";
import { error } from "../../core/problems";
import { routeTableListProblems } from "./route-checks";
import { securityRuleProblems } from "./security-checks";

/**
 * Checks that relate fields to each other. Runs after the schema has accepted every field,
 * and returns all problems (errors and warnings) rather than stopping at the first.
 * Each concern lives in its own file: route-checks.ts (routes, quotas), dns-checks.ts (zones, records),
 * security-checks.ts (peer security-group and network-ACL rules).
 */
export function validateTopology(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const keys = Object.keys(config.vpcs);
  const known = (key: string, path: string) => {
    // Own keys only: "constructor" or "toString" must not find Object.prototype members.
    if (Object.hasOwn(config.vpcs, key)) return true;
    problems.push(error(path, `unknown VPC key "${key}": use one of ${keys.join(", ")}`));
    return false;
  };

  for (const key of keys) problems.push(...ownBlockProblems(config, key), ...vpcProblems(config, key, config.vpcs[key]));

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
    const advice = mesh.topology === "full" ? meshSizeAdvice("mesh.vpcs", meshKeys.length) : undefined;
    if (advice) problems.push(advice);
    if (!mesh.namePattern.includes("{requester}") || !mesh.namePattern.includes("{accepter}")) {
      problems.push(error("mesh.namePattern", "must contain both {requester} and {accepter} so each peering gets its own name"));
    }
    meshOk = !problems.slice(before).some((p) => p.severity === "error");
  }

  // A broken mesh is reported above; its peerings are left out rather than guessed at.
  const planned = expandPeerings(meshOk ? config : { ...config, mesh: undefined });
  if (planned.length === 0 && meshOk && config.transitGateways.length === 0) problems.push(error("peerings", "declare at least one peering (or a mesh, or a transit gateway)"));

  // Peerings whose keys are known go through the planner the constructs use; the rules AWS applies
  // across peerings (self, pairs, overlaps, routes, quotas) are checked on what it planned.
  const ruleNumbers = new RuleNumbers();
  const plans = planned.flatMap((configured) => {
    const { peering, path: base } = configured;
    const okRequester = known(peering.requester, `${base}.requester`);
    const okAccepter = known(peering.accepter, `${base}.accepter`);
    if (!okRequester || !okAccepter) return [];
    const ruleProblems = securityRuleProblems(config, peering, base);
    problems.push(...ruleProblems);
    // Rules with a bad port are reported above; the rest of the peering is still planned and checked.
    const spec = peeringSpec(config, configured);
    return [planPeering(ruleProblems.length > 0 ? { ...spec, securityRules: undefined } : spec, { defaultRegion: config.region, ruleNumbers })];
  });
  const listProblems = routeTableListProblems(config);
  problems.push(...listProblems);
  const findings = checkPeerings(plans, {
    routesPerRouteTable: config.quotas.routesPerRouteTable,
    peeringsPerVpc: config.quotas.peeringsPerVpc,
    quotaSettings: { routesPerRouteTable: "quotas.routesPerRouteTable", peeringsPerVpc: "quotas.peeringsPerVpc" },
    // With a table listed twice every route would conflict with itself: report the list, not each route.
    routeConflicts: listProblems.length === 0,
    // The VPC routes to transit gateways share the tables (and their quota) with the peerings' routes.
    routeSets: transitRouteSets(config),
  });
  problems.push(...findings.map((f) => f.problem));

  problems.push(...generatedNameProblems(config), ...settingProblems(config), ...splitProblems(config));
  const names = new Map<string, string>();
  planned.forEach(({ peering: p, path }) => {
    const first = names.get(p.name);
    if (first !== undefined) problems.push(error(`${path}.name`, `"${p.name}" is already the name of ${first}: names must be unique`));
    else names.set(p.name, path);
  });

  if (!problems.some((p) => p.severity === "error")) {
    const owner = (aclId: string) => `vpcs.${Object.keys(config.vpcs).find((k) => config.vpcs[k].networkAcl?.id === aclId) ?? aclId}.networkAcl`;
    problems.push(...naclUsageProblems(ruleNumbers, owner));
  }

  config.flowLogs?.vpcs?.forEach((key, i) => known(key, `flowLogs.vpcs[${i}]`));

  problems.push(...dnsProblems(config, known), ...dnsQueryLogProblems(config, known));
  problems.push(...endpointConfigProblems(config, known));
  problems.push(...transitConfigProblems(config, known));
  return problems;
}


/** A VPC's own blocks: the core rule the VPC constructs apply too. */
function ownBlockProblems(config: TopologyConfig, key: string): ConfigProblem[] {
  const vpc = config.vpcs[key];
  return vpcBlockProblems(
    [{ path: `vpcs.${key}.cidr`, cidr: vpc.cidr }, ...vpc.secondaryCidrs.map((cidr, i) => ({ path: `vpcs.${key}.secondaryCidrs[${i}]`, cidr }))],
    vpc.ipv6Cidrs.map((cidr, i) => ({ path: `vpcs.${key}.ipv6Cidrs[${i}]`, cidr })),
  );
}

function vpcProblems(config: TopologyConfig, key: string, vpc: TopologyConfig["vpcs"][string]): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  const base = `vpcs.${key}`;
  if (vpc.account !== undefined && !Object.hasOwn(config.accounts, vpc.account)) {
    const declared = Object.keys(config.accounts);
    found.push(error(`${base}.account`, `unknown account key "${vpc.account}": ${declared.length ? `use one of ${declared.join(", ")}` : "declare it under accounts (id and roleArn)"}`));
  }
  if (vpc.external) {
    // Nothing is looked up or changed in another account's VPC: it is known by id and blocks only.
    if (vpc.id === undefined) found.push(error(`${base}.id`, "an external VPC is known by its id (vpc-...): its Name tag cannot be looked up from this account"));
    const managedOnly = [
      ["name", vpc.name !== undefined], ["create", vpc.create !== undefined], ["account", vpc.account !== undefined],
      ["routeTables", vpc.routeTables.length > 0], ["subnets", vpc.subnets.length > 0],
      ["discoverRouteTables", vpc.discoverRouteTables !== undefined],
      ["securityGroups", vpc.securityGroups.length > 0], ["networkAcl", vpc.networkAcl !== undefined],
    ] as const;
    for (const [field, given] of managedOnly) {
      if (given) found.push(error(`${base}.${field}`, `belongs to a VPC the stack manages; ${key} is external (its account makes its own routes and rules): remove ${field}`));
    }
    return found;
  }
  if (vpc.create) {
    if (vpc.routeTables.length > 0) found.push(error(`${base}.routeTables`, "a created VPC gets its own route table: remove routeTables (or look the VPC up by id/name)"));
    if (vpc.discoverRouteTables !== undefined) {
      found.push(error(`${base}.discoverRouteTables`, "a created VPC gets its own route table, and its tables cannot be found before it exists: remove discoverRouteTables (or look the VPC up by id/name)"));
    }
    if (vpc.subnets.length > 0) found.push(error(`${base}.subnets`, "a created VPC's subnets are listed under create.subnets: move them there"));
    if (vpc.ipv6Cidrs.length > 0) found.push(error(`${base}.ipv6Cidrs`, "created VPCs are IPv4-only here (AWS picks an Amazon IPv6 block at apply time): remove ipv6Cidrs"));
    if (vpc.networkAcl) found.push(error(`${base}.networkAcl`, "a created VPC uses its default network ACL: remove networkAcl"));
    const ranges = vpcCidrBlocks(vpc).map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
    const subnets: CidrRange[] = [];
    vpc.create.subnets.forEach((subnet, i) => {
      const region = vpc.region ?? config.region;
      if (regionOfAvailabilityZone(subnet.az) !== region) {
        found.push(error(`${base}.create.subnets[${i}].az`, `${subnet.az} is not in the VPC's region ${region}: use an availability zone of ${region}, e.g. ${region}a`));
      }
      const r = parseCidr(subnet.cidr);
      if (typeof r === "string") return;
      const prefix = Number(subnet.cidr.split("/")[1]);
      if (prefix < SUBNET_IPV4_PREFIX.min || prefix > SUBNET_IPV4_PREFIX.max) {
        found.push(error(`${base}.create.subnets[${i}].cidr`, `${subnet.cidr} cannot be a subnet: AWS allows IPv4 subnets from /${SUBNET_IPV4_PREFIX.min} to /${SUBNET_IPV4_PREFIX.max}`));
        return;
      }
      if (!ranges.some((v) => v.family === 4 && v.first <= r.first && r.last <= v.last)) {
        found.push(error(`${base}.create.subnets[${i}].cidr`, `${subnet.cidr} is not inside the VPC's blocks (${[vpc.cidr, ...vpc.secondaryCidrs].join(", ")}): pick a range inside them`));
      }
      const clash = subnets.findIndex((s) => cidrsOverlap(s, r));
      if (clash >= 0) found.push(error(`${base}.create.subnets[${i}].cidr`, `${subnet.cidr} overlaps create.subnets[${clash}] (${subnets[clash].cidr}): subnets of a VPC may not overlap`));
      subnets.push(r);
    });
  } else if (vpc.discoverRouteTables !== undefined) {
    if (vpc.routeTables.length > 0) found.push(error(`${base}.routeTables`, "and discoverRouteTables both choose the route tables: keep one"));
    if (vpc.subnets.length > 0) found.push(error(`${base}.subnets`, "and discoverRouteTables both choose the route tables: keep one"));
  } else if (vpc.routeTables.length === 0 && vpc.subnets.length === 0) {
    found.push(error(`${base}.routeTables`, "list at least one route table (its id or Name tag), subnets whose route tables get the routes, or discoverRouteTables"));
  }
  found.push(...routeToProblems(`${base}.routeTo`, [vpc.cidr, ...vpc.secondaryCidrs], vpc.ipv6Cidrs, vpc.routeTo));
  return found;
}

import type { RouteSet } from "../../core/peering";
import { ConfigProblem, error } from "../../core/problems";
import { transitGatewayProblems, transitVpcRoutes, type TransitGatewaySpec, type TransitVpc } from "../../core/transit";
import { transitPeeringProblems, transitPeeringSides, type TransitPeeringSpec } from "../../core/transit-peering";
import { vpcIdentity, vpcRouteTables } from "../adapter";
import type { TopologyConfig, TransitGatewayConfig } from "./schema";

/**
 * The config's transit gateways through the rules the constructs apply (core/transit.ts: where
 * an attached VPC may be, what a gateway holds), and what this version does not build (a split stack).
 */
export function transitConfigProblems(config: TopologyConfig, known: (key: string, path: string) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Map<string, string>();
  config.transitGateways.forEach((tgw, i) => {
    const where = `transitGateways[${i}]`;
    const first = names.get(tgw.name);
    if (first) problems.push(error(`${where}.name`, `"${tgw.name}" is already the name of ${first}: give each transit gateway its own name`));
    else names.set(tgw.name, where);
    if (tgw.existing && tgw.amazonSideAsn !== undefined) problems.push(error(`${where}.amazonSideAsn`, "is for a gateway the stack creates: an existing gateway keeps its ASN; remove it"));
    if (tgw.existing && tgw.description !== undefined) problems.push(error(`${where}.description`, "is for a gateway the stack creates: remove it"));
    if (config.split !== "none") problems.push(error(where, "a transit gateway and its attachments are built in one stack: use split: none"));
    tgw.attachments.forEach((a, j) => known(a.vpc, `${where}.attachments[${j}].vpc`));
  });
  for (const spec of transitSpecs(config)) problems.push(...transitGatewayProblems(spec));
  problems.push(...transitPeeringProblems(config.transitGateways.map((tgw, i) => transitSpec(config, tgw, `transitGateways[${i}]`)), transitPeerings(config)));
  return problems;
}

/** The config's TGW peerings, each requested by the gateway that lists it. */
export function transitPeerings(config: TopologyConfig): TransitPeeringSpec[] {
  return config.transitGateways.flatMap((tgw, i) => tgw.peerWith.map((p, j) => ({ where: `transitGateways[${i}].peerWith[${j}]`, gateway: tgw.name, peer: p.gateway, routeTable: p.routeTable, peerRouteTable: p.peerRouteTable })));
}

/** Every gateway as the core rules see it, with its sides of the TGW peerings (static routes to the peer's blocks). */
export function transitSpecs(config: TopologyConfig): TransitGatewaySpec[] {
  const specs = config.transitGateways.map((tgw, i) => transitSpec(config, tgw, `transitGateways[${i}]`));
  const sides = transitPeeringSides(specs, transitPeerings(config));
  return specs.map((spec) => ({ ...spec, peerings: sides.get(spec.name) ?? [] }));
}

/** One transit gateway of the config as the core rules see it. */
export function transitSpec(config: TopologyConfig, tgw: TransitGatewayConfig, where: string): TransitGatewaySpec {
  return {
    where,
    name: tgw.name,
    amazonSideAsn: tgw.amazonSideAsn,
    region: tgw.region ?? config.region,
    routeTables: tgw.routeTables.map((t, i) => ({ where: `${where}.routeTables[${i}]`, name: t.name, routes: t.routes.map((r, j) => ({ where: `${where}.routeTables[${i}].routes[${j}]`, ...r })) })),
    attachments: tgw.attachments.map((a, j) => ({ where: `${where}.attachments[${j}]`, vpc: transitVpc(config, a.vpc, a.vpcRoutes), subnets: a.subnets, routeTable: a.routeTable, propagateTo: a.propagateTo })),
  };
}

function transitVpc(config: TopologyConfig, key: string, vpcRoutes: boolean): TransitVpc {
  if (!Object.hasOwn(config.vpcs, key)) return { key, identity: `unknown:${key}`, ipv4: [], ipv6: [], refused: true };
  const vpc = config.vpcs[key];
  const knownSubnets = vpc.create ? vpc.create.subnets.map((s, i) => ({ name: s.name ?? `${key}-${s.az}-${i}`, az: s.az })) : undefined;
  return { key, identity: vpcIdentity(config, key), ipv4: [vpc.cidr, ...vpc.secondaryCidrs], ipv6: vpc.ipv6Cidrs, routeTables: vpcRoutes ? vpcRouteTables(config, key) : [], knownSubnets, account: vpc.account, region: vpc.region ?? config.region, external: vpc.external !== undefined };
}

/** The VPC routes to each gateway, for the route checks beside the peerings' routes. */
export function transitRouteSets(config: TopologyConfig): RouteSet[] {
  return transitSpecs(config).flatMap((spec) => {
    return spec.attachments.filter((a) => !a.vpc.refused).map((a) => ({ where: a.where, routes: transitVpcRoutes(spec, a) }));
  });
}

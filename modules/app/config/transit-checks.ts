import type { RouteSet } from "../../core/peering";
import { ConfigProblem, error } from "../../core/problems";
import { transitGatewayProblems, transitVpcRoutes, type TransitGatewaySpec, type TransitVpc } from "../../core/transit";
import { vpcIdentity, vpcRouteTables } from "../adapter";
import type { TopologyConfig, TransitGatewayConfig } from "./schema";

/**
 * The config's transit gateways through the rules the constructs apply (core/transit.ts), and
 * what this version does not build yet (another account's or region's VPC, a split stack).
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
    tgw.attachments.forEach((a, j) => {
      const path = `${where}.attachments[${j}].vpc`;
      if (!known(a.vpc, path)) return;
      problems.push(...placementProblems(config, a.vpc, path));
    });
    problems.push(...transitGatewayProblems(transitSpec(config, tgw, where)));
  });
  return problems;
}

/** Cross-account (RAM) and inter-region (TGW peering) attachments are not built yet: say so, and how to connect such a VPC today. */
function placementProblems(config: TopologyConfig, key: string, path: string): ConfigProblem[] {
  const vpc = config.vpcs[key];
  if (vpc.external) return [error(path, `${key} is a VPC of an account the stack does not manage: its attachment would need RAM sharing and its owner's acceptance, which this version does not build; peer it instead (peerings)`)];
  if (vpc.account !== undefined) return [error(path, `${key} is in account ${vpc.account}: attachments from another account (RAM sharing) are not built yet; peer it instead, or attach only VPCs of the default account`)];
  if ((vpc.region ?? config.region) !== config.region) return [error(path, `${key} is in ${vpc.region}, the gateway in ${config.region}: a gateway attaches VPCs of its own region (another region needs a TGW peering, not built yet); peer it instead`)];
  return [];
}

/** One transit gateway of the config as the core rules see it. */
export function transitSpec(config: TopologyConfig, tgw: TransitGatewayConfig, where: string): TransitGatewaySpec {
  return {
    where,
    name: tgw.name,
    amazonSideAsn: tgw.amazonSideAsn,
    routeTables: tgw.routeTables.map((t, i) => ({ where: `${where}.routeTables[${i}]`, name: t.name, routes: t.routes.map((r, j) => ({ where: `${where}.routeTables[${i}].routes[${j}]`, ...r })) })),
    attachments: tgw.attachments.map((a, j) => ({ where: `${where}.attachments[${j}]`, vpc: transitVpc(config, a.vpc, a.vpcRoutes), subnets: a.subnets, routeTable: a.routeTable, propagateTo: a.propagateTo })),
  };
}

function transitVpc(config: TopologyConfig, key: string, vpcRoutes: boolean): TransitVpc {
  if (!Object.hasOwn(config.vpcs, key)) return { key, identity: `unknown:${key}`, ipv4: [], ipv6: [], refused: true };
  const vpc = config.vpcs[key];
  const knownSubnets = vpc.create ? vpc.create.subnets.map((s, i) => ({ name: s.name ?? `${key}-${s.az}-${i}`, az: s.az })) : undefined;
  return { key, identity: vpcIdentity(config, key), ipv4: [vpc.cidr, ...vpc.secondaryCidrs], ipv6: vpc.ipv6Cidrs, routeTables: vpcRoutes ? vpcRouteTables(config, key) : [], knownSubnets };
}

/** The VPC routes to each gateway, for the route checks beside the peerings' routes. */
export function transitRouteSets(config: TopologyConfig): RouteSet[] {
  return config.transitGateways.flatMap((tgw, i) => {
    const spec = transitSpec(config, tgw, `transitGateways[${i}]`);
    return spec.attachments.filter((a) => !a.vpc.refused).map((a) => ({ where: a.where, routes: transitVpcRoutes(spec, a) }));
  });
}

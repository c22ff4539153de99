import type { ConfigProblem } from "../../core/problems";
import type { TopologyConfig } from "./schema";
import { CidrRange, cidrsOverlap, parseCidr } from "../../core/cidr";
import { error, warning } from "../../core/problems";
import { peerFacingBlocks, routeTableLookup } from "../plan";

/** One route a config or a construct tree would create. */
export interface PlannedRoute {
  /** Identity of the route table (`rtb-...`, or `<vpc>/<Name tag>`, or a resolved Terraform reference). */
  readonly table: string;
  /** How to name the table in a message, e.g. `web-vpc-rtb (vpcs.web)`. */
  readonly tableLabel: string;
  readonly destination: string;
  /** Where the route comes from, e.g. `peerings[2]`: the path a problem is reported at. */
  readonly source: string;
}

export interface RouteConflict {
  readonly route: PlannedRoute;
  readonly earlier: PlannedRoute;
  /** `same`: identical destination (AWS refuses the second route); `overlap`: one contains the other. */
  readonly kind: "same" | "overlap";
}

/** Pairs of routes in one table whose destinations are equal or overlap, each reported at the later route. */
export function routeConflicts(routes: readonly PlannedRoute[]): RouteConflict[] {
  const byTable = new Map<string, { route: PlannedRoute; range: CidrRange }[]>();
  const conflicts: RouteConflict[] = [];
  for (const route of routes) {
    const range = parseCidr(route.destination);
    if (typeof range === "string") continue;
    const seen = byTable.get(route.table) ?? [];
    const same = seen.find((s) => s.range.family === range.family && s.range.first === range.first && s.range.last === range.last);
    const overlap = same ? undefined : seen.find((s) => cidrsOverlap(s.range, range));
    if (same) conflicts.push({ route, earlier: same.route, kind: "same" });
    else if (overlap) conflicts.push({ route, earlier: overlap.route, kind: "overlap" });
    seen.push({ route, range });
    byTable.set(route.table, seen);
  }
  return conflicts;
}

export function describeRouteConflict(c: RouteConflict): ConfigProblem {
  if (c.kind === "same") {
    return error(
      c.route.source,
      `route table ${c.route.tableLabel} would get a second route to ${c.route.destination} (the first comes from ${c.earlier.source}): AWS allows one route per destination, re-address one of the VPCs or drop one peering`,
    );
  }
  return warning(
    c.route.source,
    `route table ${c.route.tableLabel} would route ${c.route.destination} and ${c.earlier.destination} (from ${c.earlier.source}), which overlap: the longer prefix wins, so part of one VPC is unreachable; re-address one of the VPCs`,
  );
}

/** Counts routes per table against the account quota. */
export function routeQuotaProblems(routes: readonly PlannedRoute[], quota: number, quotaPath = "quotas.routesPerRouteTable"): ConfigProblem[] {
  const counts = new Map<string, { count: number; label: string; source: string }>();
  for (const r of routes) {
    const c = counts.get(r.table) ?? { count: 0, label: r.tableLabel, source: r.source };
    c.count += 1;
    counts.set(r.table, c);
  }
  return [...counts.values()]
    .filter((c) => c.count > quota)
    .map((c) =>
      error(
        c.source,
        `route table ${c.label} would get ${c.count} peering routes, more than the route quota of ${quota} (existing routes count too): split the VPC's subnets over more route tables, peer fewer VPCs, or raise the quota in Service Quotas and set ${quotaPath}`,
      ),
    );
}

/** The largest number of peerings AWS allows on one VPC, even after a quota increase. */
export const MAX_PEERINGS_PER_VPC = 125;

export function peeringQuotaProblems(counts: ReadonlyMap<string, number>, quota: number): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [vpc, count] of counts) {
    if (count > MAX_PEERINGS_PER_VPC) {
      problems.push(error(`vpcs.${vpc}`, `is in ${count} peerings; AWS allows at most ${MAX_PEERINGS_PER_VPC} active peerings per VPC: use a Transit Gateway or split the mesh`));
    } else if (count > quota) {
      problems.push(warning(`vpcs.${vpc}`, `is in ${count} peerings, above the ${quota} active peerings per VPC quota: request an increase (up to ${MAX_PEERINGS_PER_VPC}) in Service Quotas before deploying, then set quotas.peeringsPerVpc`));
    }
  }
  return problems;
}

export interface CheckedPeering {
  readonly requester: string;
  readonly accepter: string;
  /** Config path of the peering, e.g. `peerings[3]`. */
  readonly path: string;
}

type VpcEntry = TopologyConfig["vpcs"][string];

/**
 * The route tables that get a VPC's peer routes, keyed so that the same Name tag in two VPCs stays
 * two tables. A created VPC has its one table; subnets stand for their (unknown) associated table.
 */
function vpcTables(vpcKey: string, vpc: VpcEntry): { id: string; key: string; path: string }[] {
  if (vpc.create) {
    const name = vpc.create.routeTableName ?? `${vpcKey}-rtb`;
    return [{ id: `${vpcKey}/${name}`, key: name, path: `vpcs.${vpcKey}.create` }];
  }
  return [
    ...vpc.routeTables.map((ref, i) => {
      const { key, lookup } = routeTableLookup(ref);
      return { id: "id" in lookup ? lookup.id : `${vpcKey}/${lookup.name}`, key, path: `vpcs.${vpcKey}.routeTables[${i}]` };
    }),
    ...vpc.subnets.map((subnet, i) => ({ id: `${vpcKey}/subnet:${subnet}`, key: `the table of subnet ${subnet}`, path: `vpcs.${vpcKey}.subnets[${i}]` })),
  ];
}

/** The routes every peering adds, one per (table of one side, peer-facing block of the other side). */
export function configRoutes(config: TopologyConfig, peerings: readonly CheckedPeering[]): PlannedRoute[] {
  const routes: PlannedRoute[] = [];
  for (const p of peerings) {
    for (const [from, to] of [[p.requester, p.accepter], [p.accepter, p.requester]]) {
      const dest = config.vpcs[to];
      const blocks = peerFacingBlocks([dest.cidr, ...dest.secondaryCidrs], dest.ipv6Cidrs, dest.routeTo);
      for (const table of vpcTables(from, config.vpcs[from])) {
        for (const destination of [...blocks.ipv4, ...blocks.ipv6]) {
          routes.push({ table: table.id, tableLabel: `${table.key} (vpcs.${from})`, destination, source: p.path });
        }
      }
    }
  }
  return routes;
}

/** Route tables or subnets listed twice, or one table id listed under two VPCs: either would duplicate every route. */
export function routeTableListProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owners = new Map<string, string>();
  for (const [vpcKey, vpc] of Object.entries(config.vpcs)) {
    for (const { id, key, path } of vpcTables(vpcKey, vpc)) {
      const owner = owners.get(id);
      if (owner === undefined) owners.set(id, path);
      else if (owner.startsWith(`vpcs.${vpcKey}.`)) problems.push(error(path, `${key} is already listed at ${owner}: remove the duplicate`));
      else problems.push(error(path, `${key} is already listed at ${owner}; a route table belongs to one VPC: remove it from one of them`));
    }
  }
  return problems;
}

export function routeProblems(config: TopologyConfig, peerings: readonly CheckedPeering[]): ConfigProblem[] {
  const listProblems = routeTableListProblems(config);
  const routes = configRoutes(config, peerings);
  const counts = new Map<string, number>();
  for (const p of peerings) for (const k of [p.requester, p.accepter]) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [
    ...listProblems,
    // With a table listed twice every route would conflict with itself: report the list, not each route.
    ...(listProblems.length > 0 ? [] : routeConflicts(routes).map(describeRouteConflict)),
    ...routeQuotaProblems(routes, config.quotas.routesPerRouteTable),
    ...peeringQuotaProblems(counts, config.quotas.peeringsPerVpc),
  ];
}

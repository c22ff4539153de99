import { CidrRange, cidrsOverlap, parseCidr } from "./cidr";
import { ID, QUOTAS } from "./limits";
import { constructIdPart } from "./names";
import { ConfigProblem, error, warning } from "./problems";

// Pure route planning and the checks on routes: which blocks of a VPC its peers route to, the
// routes a peering adds on both sides, and what AWS refuses (two routes to one destination in a
// table, more routes than the quota).

export type Side = "requester" | "accepter";

export interface RouteToSpec {
  /** Only these blocks (or narrower ranges inside them). @default every block */
  readonly include?: readonly string[];
  /** Blocks left out. @default [] */
  readonly exclude?: readonly string[];
}

/**
 * The blocks of a VPC its peers route to: `include` (default all blocks) minus `exclude`.
 * Validation has checked that each entry lies inside the VPC's blocks.
 */
export function peerFacingBlocks(
  ipv4: readonly string[],
  ipv6: readonly string[],
  routeTo?: RouteToSpec,
): { ipv4: string[]; ipv6: string[] } {
  if (!routeTo) return { ipv4: [...ipv4], ipv6: [...ipv6] };
  const exclude = new Set(routeTo.exclude ?? []);
  const all = routeTo.include ?? [...ipv4, ...ipv6];
  const kept = all.filter((c) => !exclude.has(c));
  return { ipv4: kept.filter((c) => !c.includes(":")), ipv6: kept.filter((c) => c.includes(":")) };
}

/** Regions compare with an unset region meaning the provider's (`defaultRegion`, when known). */
export function sameRegion(a: string | undefined, b: string | undefined, defaultRegion?: string): boolean {
  return (a ?? defaultRegion) === (b ?? defaultRegion);
}

/** A route table as planning sees it. */
export interface RouteTableSpec {
  /** Stable within its VPC: the Name tag or id as written; used in construct ids. */
  readonly key: string;
  /** Equal identities are one table: an `rtb-...` id, else `<VPC identity>/<key>`. */
  readonly identity: string;
  /** How messages name it, e.g. `web-vpc-rtb (vpcs.web)`. */
  readonly label: string;
  /** Set when this stands for the tables found at plan time by this selection (one route per table). */
  readonly discovered?: RouteTableDiscovery;
}

/**
 * What a route sends traffic to, as plans, checks and the report name it: a kind (`vpc-peering`,
 * `transit-gateway`, ...) and the target's name. Any target kind plans and checks alike.
 */
export interface RouteTargetRef {
  readonly kind: string;
  readonly name: string;
}

/** The kind of a peering connection as a route target. */
export const PEERING_TARGET = "vpc-peering";

export interface RoutePlan {
  /** Construct id from table key and destination, so it survives list reordering. */
  readonly id: string;
  /** The peering side whose table gets the route; unset for targets that are not peerings. */
  readonly side?: Side;
  readonly routeTable: RouteTableSpec;
  readonly destination: string;
  readonly family: 4 | 6;
  readonly target: RouteTargetRef;
}

export interface RouteSide {
  readonly routeTables: readonly RouteTableSpec[];
  /** Blocks peers route to (already narrowed by routeTo). */
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

/**
 * Names a destination in a construct id. A literal block names itself; anything else (an
 * expression only known at plan time) is named by its position, so ids never carry tokens.
 */
function destinationLabel(destination: string, family: 4 | 6, index: number): string {
  return typeof parseCidr(destination) === "string" ? `ipv${family}-block-${index}` : constructIdPart(destination);
}

/** Routes to `target` from each of `tables` to each destination block (IPv4 and IPv6 apart). */
export function planRoutes(target: RouteTargetRef, tables: readonly RouteTableSpec[], destinations: { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] }, side?: Side): RoutePlan[] {
  const labelled = [
    ...destinations.ipv4.map((d, i) => ({ d, family: 4 as const, label: destinationLabel(d, 4, i) })),
    ...destinations.ipv6.map((d, i) => ({ d, family: 6 as const, label: destinationLabel(d, 6, i) })),
  ];
  return tables.flatMap((table) =>
    labelled.map(({ d, family, label }) => ({ id: `${constructIdPart(table.key)}-to-${label}`, side, routeTable: table, destination: d, family, target })),
  );
}

/** A route of a peering: always on one of its sides. */
export type PeeringRoutePlan = RoutePlan & { readonly side: Side };

/** Every route both sides need: each table of one side gets a route to each peer-facing block of the other. */
export function peeringRoutes(requester: RouteSide, accepter: RouteSide, target: RouteTargetRef): PeeringRoutePlan[] {
  return [...planRoutes(target, requester.routeTables, accepter, "requester"), ...planRoutes(target, accepter.routeTables, requester, "accepter")] as PeeringRoutePlan[];
}

/** One route placed in a table, with where it comes from (a config path or a construct path). */
export interface PlacedRoute {
  readonly table: string;
  readonly tableLabel: string;
  readonly destination: string;
  readonly source: string;
  /** @default PEERING_TARGET */
  readonly targetKind?: string;
}

export interface RouteConflict<R extends PlacedRoute = PlacedRoute> {
  readonly route: R;
  readonly earlier: R;
  /** `same`: identical destination (AWS refuses the second route); `overlap`: one contains the other. */
  readonly kind: "same" | "overlap";
}

/** Pairs of routes in one table whose destinations are equal or overlap, each reported at the later route. */
export function routeConflicts<R extends PlacedRoute>(routes: readonly R[]): RouteConflict<R>[] {
  const byTable = new Map<string, { route: R; range: CidrRange }[]>();
  const conflicts: RouteConflict<R>[] = [];
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
      `route table ${c.route.tableLabel} would get a second route to ${c.route.destination} (the first comes from ${c.earlier.source}): AWS allows one route per destination in a table, re-address one of the VPCs or drop one of the two routes (its peering or target)`,
    );
  }
  return warning(
    c.route.source,
    `route table ${c.route.tableLabel} would route ${c.route.destination} and ${c.earlier.destination} (from ${c.earlier.source}), which overlap: the longer prefix wins, so part of one VPC is unreachable; re-address one of the VPCs`,
  );
}

/** Counts routes per table against the account quota; each problem sits at the table's first route. */
export function routeQuotaProblems<R extends PlacedRoute>(
  routes: readonly R[],
  quota: number,
  quotaSetting: string,
): { problem: ConfigProblem; at: R }[] {
  const counts = new Map<string, { count: number; first: R; peeringOnly: boolean }>();
  for (const r of routes) {
    const c = counts.get(r.table) ?? { count: 0, first: r, peeringOnly: true };
    c.count += 1;
    c.peeringOnly &&= (r.targetKind ?? PEERING_TARGET) === PEERING_TARGET;
    counts.set(r.table, c);
  }
  return [...counts.values()]
    .filter((c) => c.count > quota)
    .map((c) => ({
      at: c.first,
      problem: error(
        c.first.source,
        `route table ${c.first.tableLabel} would get ${c.count} ${c.peeringOnly ? "peering routes" : "routes"}, more than the route quota of ${quota} (existing routes count too): split the VPC's subnets over more route tables, peer fewer VPCs, or raise the quota in Service Quotas and set ${quotaSetting}`,
      ),
    }));
}

/** Peerings per VPC against the quota (warning) and AWS's ceiling (error). */
export function peeringQuotaProblem(where: string, count: number, quota: number, quotaSetting: string): ConfigProblem | undefined {
  const ceiling = QUOTAS.peeringsPerVpc.max;
  if (count > ceiling) {
    return error(where, `is in ${count} peerings; AWS allows at most ${ceiling} active peerings per VPC: use a Transit Gateway or split the mesh`);
  }
  if (count > quota) {
    return warning(where, `is in ${count} peerings, above the ${quota} active peerings per VPC quota: request an increase (up to ${ceiling}) in Service Quotas before deploying, then set ${quotaSetting}`);
  }
  return undefined;
}

/** A route table named by the user: an id, a Name tag, or a key with how to find it. */
export type RouteTableRef =
  | string
  | { readonly id: string }
  | { readonly name: string }
  | { readonly key: string; readonly lookup: { readonly id: string } | { readonly name: string } };

/** `rtb-...` is an id; any other string is a Name tag. The key is what construct ids and messages use. */
export function routeTableLookup(ref: RouteTableRef): { key: string; lookup: { id: string } | { name: string } } {
  if (typeof ref === "string") {
    return ID.routeTable.pattern.test(ref) ? { key: ref, lookup: { id: ref } } : { key: ref, lookup: { name: ref } };
  }
  if ("lookup" in ref) return { key: ref.key, lookup: ref.lookup };
  return "id" in ref ? { key: ref.id, lookup: { id: ref.id } } : { key: ref.name, lookup: { name: ref.name } };
}

/** Which of a VPC's route tables are found at plan time: every one (the main one included), or those carrying all the tags. */
export type RouteTableDiscovery = "all" | { readonly tags: Readonly<Record<string, string>> };

/**
 * The key discovered tables go by in plans and messages: `all route tables` or `route tables
 * tagged K=V,...`, tags in key order (as the synthesized JSON holds them, where the report reads them).
 */
export function discoveredKey(discover: RouteTableDiscovery): string {
  if (discover === "all") return "all route tables";
  const tags = Object.entries(discover.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `route tables tagged ${tags.map(([k, v]) => `${k}=${v}`).join(",")}`;
}

/**
 * The tables of a discovered set that also carry `tags` (one peering's share of a VPC's found
 * tables): the set's tags and these together, or the tag whose two values contradict each other.
 */
export function narrowDiscovery(discover: RouteTableDiscovery, tags: Readonly<Record<string, string>>): { readonly tags: Readonly<Record<string, string>> } | { readonly conflict: string } {
  const base = discover === "all" ? {} : discover.tags;
  const clash = Object.keys(tags).find((k) => Object.hasOwn(base, k) && base[k] !== tags[k]);
  if (clash !== undefined) return { conflict: `${clash}=${tags[clash]} contradicts ${clash}=${base[clash]}, which every found table carries` };
  return { tags: { ...base, ...tags } };
}

import { cidrContains, cidrsOverlap, parseCidr, type CidrRange } from "./cidr";
import { QUOTAS, TRANSIT_GATEWAY_ASN } from "./limits";
import { ConfigProblem, error, warning } from "./problems";
import { planRoutes, type RoutePlan, type RouteTableSpec, type RouteTargetRef } from "./routes";

// Transit Gateway as plain data: a gateway, its route tables (associations, propagations, static
// and blackhole routes) and its VPC attachments, the rules AWS applies to them, what each TGW
// route table holds, and the VPC routes that send traffic to the gateway. Config validation
// (app/config/transit-checks.ts) and the constructs (constructs/transit/) check with these
// functions, and the report follows traffic with them, so one rule reads the same everywhere.
//
// What decides correctness (AWS Transit Gateway docs):
// - One VPC attachment per VPC per transit gateway, with at most one subnet per availability zone
//   (the gateway reaches only the zones it has a subnet in).
// - Each attachment is associated with exactly one TGW route table (where its traffic is looked
//   up) and may propagate its VPC's blocks to many. A lookup picks the longest matching prefix;
//   a static route beats a propagated one for the same prefix; a blackhole drops the traffic.
// - Routing through a transit gateway is transitive as far as its route tables say: there is no
//   rule against VPC A reaching VPC C through the gateway, only the tables decide.
// - Quotas: 20 route tables per gateway, 10,000 routes across its tables (both adjustable).

/** The kind of a transit gateway as a route target (core/routes RouteTargetRef). */
export const TRANSIT_TARGET = "transit-gateway";

/** A VPC as the transit rules see it. */
export interface TransitVpc {
  readonly key: string;
  /** Equal identities are one VPC (core vpcIdentityOf). */
  readonly identity: string;
  /** Blocks its attachment propagates (IPv4 and IPv6). */
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** Its route tables: each gets a route to the gateway for every block its TGW route table reaches. */
  readonly routeTables?: readonly RouteTableSpec[];
  /** Subnets known with their zone (a created VPC's): attachment subnets are checked against them. */
  readonly knownSubnets?: readonly { readonly name: string; readonly az: string }[];
  /** Already refused elsewhere (an unknown key): the rules pass over it. */
  readonly refused?: boolean;
  /** Its account (a key or id) when not the gateway's default one: the gateway is shared with it through RAM. @default the default account */
  readonly account?: string;
  /** Its region; unset (the provider's, unknown here) is not compared. */
  readonly region?: string;
  /** A VPC of an account the stack does not manage (nothing can be made on its side). */
  readonly external?: boolean;
}

export interface TransitAttachmentSpec {
  /** Prefix of each problem's path: `transitGateways[0].attachments[1]`, a construct path, or "". */
  readonly where: string;
  readonly vpc: TransitVpc;
  /** One subnet per availability zone: ids (`subnet-...`) or Name tags in the VPC. */
  readonly subnets: readonly string[];
  /** The TGW route table the attachment is associated with. */
  readonly routeTable: string;
  /** TGW route tables that learn the VPC's blocks. */
  readonly propagateTo: readonly string[];
}

/** A static route: to an attachment (by its VPC's key), or a blackhole. */
export interface TransitStaticRoute {
  readonly where: string;
  readonly destination: string;
  readonly vpc?: string;
  readonly blackhole?: boolean;
}

export interface TransitRouteTableSpec {
  readonly where: string;
  readonly name: string;
  readonly routes: readonly TransitStaticRoute[];
}

export interface TransitGatewaySpec {
  readonly where: string;
  readonly name: string;
  readonly amazonSideAsn?: number;
  /** The gateway's region; unset (the provider's, unknown here) is not compared. */
  readonly region?: string;
  /** The gateway's account (a key or id) when not the default one. @default the default account */
  readonly account?: string;
  readonly routeTables: readonly TransitRouteTableSpec[];
  readonly attachments: readonly TransitAttachmentSpec[];
  /** Its sides of TGW peerings (transitPeeringSides): static routes to the peer's blocks. @default none */
  readonly peerings?: readonly TransitPeeringSide[];
}

/** One gateway's side of a TGW peering: the table the peering attachment is associated with, which gets static routes to the peer's blocks. */
export interface TransitPeeringSide {
  readonly where: string;
  /** Name of the gateway at the other end. */
  readonly peer: string;
  readonly routeTable: string;
  /** The peer's blocks this side routes to the peering (TGW peering attachments do not propagate). */
  readonly destinations: readonly string[];
}

/** One route of a TGW route table: where traffic for `destination` goes. */
export interface TransitEntry {
  readonly destination: string;
  readonly origin: "propagated" | "static";
  /** Key of the attached VPC the traffic goes to; unset for a blackhole or a peering. */
  readonly vpc?: string;
  /** Name of the peered gateway the traffic goes to (a static route to a TGW peering attachment). */
  readonly peer?: string;
  readonly blackhole: boolean;
  /** Where the entry comes from: the propagating attachment or the static route. */
  readonly source: string;
}

const at = (where: string, field: string) => (where ? `${where}.${field}` : field);

/** Every problem of one transit gateway, each naming its field and the fix. */
export function transitGatewayProblems(spec: TransitGatewaySpec): ConfigProblem[] {
  const tableNames = spec.routeTables.map((t) => t.name);
  const problems: ConfigProblem[] = [...asnProblems(spec), ...tableProblems(spec)];
  const seen = new Map<string, TransitAttachmentSpec>();
  for (const a of spec.attachments) {
    problems.push(...attachmentProblems(a, tableNames));
    if (a.vpc.refused) continue;
    problems.push(...placementProblems(spec, a));
    const first = seen.get(a.vpc.identity);
    if (first) problems.push(error(at(a.where, "vpc"), `${a.vpc.key} is already attached to transit gateway ${spec.name} (${first.where || "an earlier attachment"}): AWS allows one VPC attachment per VPC per transit gateway; remove one, and list all the subnets in the other`));
    else seen.set(a.vpc.identity, a);
  }
  problems.push(...staticRouteProblems(spec), ...transitTableConflicts(spec), ...transitQuotaProblems(spec));
  return problems;
}

/**
 * Where the attached VPC is against the gateway: another account's VPC is attached through a RAM
 * share (built), a VPC of an unmanaged account cannot be (its owner makes the attachment), and
 * a VPC of another region attaches to a gateway of its own region.
 */
function placementProblems(spec: TransitGatewaySpec, a: TransitAttachmentSpec): ConfigProblem[] {
  const vpc = a.vpc;
  const where = at(a.where, "vpc");
  if (vpc.external) return [error(where, `${vpc.key} is a VPC of an account the stack does not manage: its owner would have to create the attachment; declare its account under accounts and set vpcs.${vpc.key}.account (the gateway is then shared with it through RAM), or peer it instead (peerings)`)];
  if (vpc.region !== undefined && spec.region !== undefined && vpc.region !== spec.region) return [error(where, `${vpc.key} is in ${vpc.region}, transit gateway ${spec.name} in ${spec.region}: a gateway attaches VPCs of its own region only; attach it to a gateway in ${vpc.region} and peer the two gateways (transitGateways[].region, peerWith), or peer the VPCs instead`)];
  return [];
}

/** The accounts a gateway is shared with through RAM: its attached VPCs' accounts other than its own, in attachment order. */
export function transitSharedAccounts(spec: Pick<TransitGatewaySpec, "account" | "attachments">): string[] {
  return [...new Set(spec.attachments.filter((a) => !a.vpc.refused && !a.vpc.external && a.vpc.account !== undefined && a.vpc.account !== spec.account).map((a) => a.vpc.account!))];
}

function asnProblems(spec: TransitGatewaySpec): ConfigProblem[] {
  const asn = spec.amazonSideAsn;
  if (asn === undefined || TRANSIT_GATEWAY_ASN.ranges.some(([lo, hi]) => Number.isInteger(asn) && asn >= lo && asn <= hi)) return [];
  return [error(at(spec.where, "amazonSideAsn"), `${asn} is not a private ASN a transit gateway can take: use ${TRANSIT_GATEWAY_ASN.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")} (default ${TRANSIT_GATEWAY_ASN.default})`)];
}

function tableProblems(spec: TransitGatewaySpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (spec.routeTables.length === 0) problems.push(error(at(spec.where, "routeTables"), "declare at least one route table: every attachment is associated with one (e.g. routeTables: [{name: shared}])"));
  spec.routeTables.forEach((t, i) => {
    const first = spec.routeTables.findIndex((o) => o.name === t.name);
    if (first < i) problems.push(error(at(t.where, "name"), `"${t.name}" is already the name of ${spec.routeTables[first].where || `route table ${first}`}: give each route table its own name`));
  });
  spec.routeTables.forEach((t) => {
    const used = spec.attachments.some((a) => a.routeTable === t.name || a.propagateTo.includes(t.name));
    if (!used && t.routes.length === 0) problems.push(warning(at(t.where, "name"), `route table ${t.name} has no association, propagation or route: it routes nothing; associate an attachment with it or remove it`));
  });
  return problems;
}

/**
 * The "known table" rule, the one definition for the config's checks (attachmentProblems: an
 * attachment's routeTable and propagateTo) and terraform/transit-gateway's plan-time checks
 * (route_table, propagate_to, static_routes' tables): a table named must be one of the gateway's
 * declared route tables.
 */
export const TRANSIT_KNOWN_TABLE = {
  /** The synth-time problem of `name` against the declared `tables`: undefined when it is one. */
  problem: (name: string, tables: readonly string[]): string | undefined =>
    tables.includes(name) ? undefined : `"${name}" is not a route table of this transit gateway: use one of ${tables.join(", ") || "(none declared)"}`,
  /** The rule as a Terraform condition: `name` and `tables` (a list of names) are expressions. */
  condition: (name: string, tables: string): string => `contains(${tables}, ${name})`,
  /** Every name of the list expression `names` is a declared table. */
  allCondition: (names: string, tables: string): string => `alltrue([for t in ${names} : ${TRANSIT_KNOWN_TABLE.condition("t", tables)}])`,
  /** How a message names what is expected, given the declared tables as text. */
  expected: (tables: string): string => `route tables of this gateway (${tables})`,
};

/**
 * The "attached VPC" rule of a static route (staticRouteProblems, and terraform/transit-gateway's
 * static_routes check): the VPC a route sends traffic to must be attached to the gateway.
 */
export const TRANSIT_ATTACHED_VPC = {
  problem: (vpc: string, gateway: string, attached: readonly string[]): string | undefined =>
    attached.includes(vpc) ? undefined : `${vpc} has no attachment on transit gateway ${gateway}: use one of ${attached.join(", ") || "(none attached)"}`,
  /** As a Terraform condition: `vpc` and `attached` (a list of keys) are expressions. */
  condition: (vpc: string, attached: string): string => `contains(${attached}, ${vpc})`,
};

function attachmentProblems(a: TransitAttachmentSpec, tables: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (a.subnets.length === 0) problems.push(error(at(a.where, "subnets"), "list the subnets the attachment uses, one per availability zone (ids or Name tags in the VPC): the gateway reaches only the zones it has a subnet in"));
  a.subnets.forEach((s, i) => {
    const first = a.subnets.indexOf(s);
    if (first < i) problems.push(error(at(a.where, `subnets[${i}]`), `lists ${s} again (subnets[${first}]): remove the duplicate`));
  });
  problems.push(...knownSubnetProblems(a));
  const unknown = (name: string) => TRANSIT_KNOWN_TABLE.problem(name, tables);
  if (unknown(a.routeTable)) problems.push(error(at(a.where, "routeTable"), unknown(a.routeTable)!));
  a.propagateTo.forEach((t, i) => {
    if (unknown(t)) problems.push(error(at(a.where, `propagateTo[${i}]`), unknown(t)!));
    else if (a.propagateTo.indexOf(t) < i) problems.push(error(at(a.where, `propagateTo[${i}]`), `lists ${t} twice: remove the duplicate`));
  });
  return problems;
}

/** Against a created VPC's subnets (known with their zones): a subnet of another VPC, two in one zone. */
function knownSubnetProblems(a: TransitAttachmentSpec): ConfigProblem[] {
  const known = a.vpc.knownSubnets;
  if (!known) return [];
  const problems: ConfigProblem[] = [];
  const zones = new Map<string, string>();
  a.subnets.forEach((s, i) => {
    const subnet = known.find((k) => k.name === s);
    if (!subnet) {
      if (!/^subnet-/.test(s)) problems.push(error(at(a.where, `subnets[${i}]`), `${s} is not a subnet of ${a.vpc.key}: use one of ${known.map((k) => k.name).join(", ") || "(it has none; add subnets to the VPC)"}`));
      return;
    }
    const other = zones.get(subnet.az);
    if (other) problems.push(error(at(a.where, `subnets[${i}]`), `${s} is in ${subnet.az} like ${other}: an attachment takes one subnet per availability zone; keep one of the two`));
    else zones.set(subnet.az, s);
  });
  return problems;
}

function staticRouteProblems(spec: TransitGatewaySpec): ConfigProblem[] {
  const attached = new Set(spec.attachments.map((a) => a.vpc.key));
  return spec.routeTables.flatMap((t) => t.routes.flatMap((r) => {
    const problems: ConfigProblem[] = [];
    if (typeof parseCidr(r.destination) === "string") problems.push(error(at(r.where, "destination"), `"${r.destination}" is not a CIDR block: write a network address and prefix, such as 10.1.0.0/16`));
    if ((r.vpc === undefined) === (r.blackhole !== true)) problems.push(error(r.where, "give exactly one of vpc (the attached VPC the route sends traffic to) and blackhole: true (drop the traffic)"));
    else if (r.vpc !== undefined && TRANSIT_ATTACHED_VPC.problem(r.vpc, spec.name, [...attached])) problems.push(error(at(r.where, "vpc"), TRANSIT_ATTACHED_VPC.problem(r.vpc, spec.name, [...attached])!));
    return problems;
  }));
}

/** What each TGW route table holds: the blocks propagated to it, then its static routes (which win over a propagated route for the same prefix). */
export function transitRouteTableEntries(spec: Pick<TransitGatewaySpec, "routeTables" | "attachments" | "peerings">): Map<string, TransitEntry[]> {
  const out = new Map<string, TransitEntry[]>(spec.routeTables.map((t) => [t.name, []]));
  for (const a of spec.attachments) {
    for (const table of a.propagateTo) {
      const entries = out.get(table);
      if (!entries) continue;
      for (const block of [...a.vpc.ipv4, ...a.vpc.ipv6]) entries.push({ destination: block, origin: "propagated", vpc: a.vpc.key, blackhole: false, source: at(a.where, "propagateTo") });
    }
  }
  for (const t of spec.routeTables) {
    for (const r of t.routes) out.get(t.name)!.push({ destination: r.destination, origin: "static", vpc: r.vpc, blackhole: r.blackhole === true, source: r.where });
  }
  for (const p of spec.peerings ?? []) {
    for (const d of p.destinations) out.get(p.routeTable)?.push({ destination: d, origin: "static", peer: p.peer, blackhole: false, source: p.where });
  }
  return out;
}

/**
 * Within one TGW route table: two propagations of one block (AWS keeps one, so one VPC is cut
 * off), two static routes for one prefix, and overlapping propagated blocks of different VPCs
 * (the longer prefix takes part of the other VPC). A static route over a propagated one is how
 * isolation is written, and is left alone.
 */
export function transitTableConflicts(spec: Pick<TransitGatewaySpec, "name" | "routeTables" | "attachments" | "peerings">): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [table, entries] of transitRouteTableEntries(spec)) {
    const seen: { e: TransitEntry; range: CidrRange }[] = [];
    for (const e of entries) {
      const range = parseCidr(e.destination);
      if (typeof range === "string") continue;
      for (const { e: o, range: r } of seen) {
        if (o.origin !== e.origin || r.family !== range.family || !cidrsOverlap(r, range) || o.vpc === e.vpc && e.origin === "propagated") continue;
        const same = r.first === range.first && r.last === range.last;
        if (same) problems.push(error(e.source, `TGW route table ${table} of ${spec.name} would get ${e.destination} twice (${e.origin}; the first from ${o.source}): ${e.origin === "static" ? "AWS allows one static route per prefix; remove one" : "AWS keeps one propagated route per prefix, so one VPC is cut off; re-address one VPC or propagate only one of them to this table"}`));
        else if (e.origin === "propagated") problems.push(warning(e.source, `TGW route table ${table} of ${spec.name} would hold ${e.destination} (${e.vpc}) and ${o.destination} (${o.vpc}), which overlap: the longer prefix wins, so part of one VPC is unreachable through the gateway; re-address one of the VPCs`));
      }
      seen.push({ e, range });
    }
  }
  return problems;
}

function transitQuotaProblems(spec: TransitGatewaySpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const tables = QUOTAS.transitGatewayRouteTables.default;
  if (spec.routeTables.length > tables) problems.push(error(at(spec.where, "routeTables"), `declares ${spec.routeTables.length} route tables, more than the ${tables} a transit gateway has by default: merge tables that route alike, or raise the quota in Service Quotas first`));
  const routes = [...transitRouteTableEntries(spec).values()].reduce((n, e) => n + e.length, 0);
  const limit = QUOTAS.transitGatewayRoutes.default;
  if (routes > limit) problems.push(error(at(spec.where, "routeTables"), `would hold ${routes} routes across its route tables, more than the ${limit} a transit gateway has by default: propagate to fewer tables, summarize blocks in static routes, or raise the quota in Service Quotas first`));
  return problems;
}

/**
 * Where traffic for `block` goes in a TGW route table: the most specific entry holding the whole
 * block (a static route over a propagated one of the same prefix), or none.
 */
export function transitLookup(entries: readonly TransitEntry[], block: string): TransitEntry | undefined {
  const target = parseCidr(block);
  if (typeof target === "string") return undefined;
  let best: { e: TransitEntry; range: CidrRange } | undefined;
  for (const e of entries) {
    const range = parseCidr(e.destination);
    if (typeof range === "string" || range.family !== target.family || !cidrContains(range, target)) continue;
    const size = range.last - range.first;
    const bestSize = best ? best.range.last - best.range.first : undefined;
    if (!best || size < bestSize! || (size === bestSize && e.origin === "static")) best = { e, range };
  }
  return best?.e;
}

/**
 * The blocks an attachment's VPC sends to the gateway: every destination of its associated TGW
 * route table that leads to another attached VPC or across a TGW peering (not its own blocks,
 * not blackholes).
 */
export function transitDestinations(spec: Pick<TransitGatewaySpec, "routeTables" | "attachments" | "peerings">, attachment: TransitAttachmentSpec): { ipv4: string[]; ipv6: string[] } {
  const entries = transitRouteTableEntries(spec).get(attachment.routeTable) ?? [];
  const own = new Set([...attachment.vpc.ipv4, ...attachment.vpc.ipv6]);
  const blocks = [...new Set(entries.filter((e) => !e.blackhole && ((e.vpc !== undefined && e.vpc !== attachment.vpc.key) || e.peer !== undefined) && !own.has(e.destination) && typeof parseCidr(e.destination) !== "string").map((e) => e.destination))];
  return { ipv4: blocks.filter((b) => !b.includes(":")), ipv6: blocks.filter((b) => b.includes(":")) };
}

/** Names of a module's plan-time values that transitDestinationsExpression reads (Terraform expressions). */
export interface TransitModuleRefs {
  /** Attachments by VPC key: objects with `route_table` (a table name) and `propagate_to` (table names). */
  readonly attachments: string;
  /** Each attached VPC's blocks by VPC key (lists of CIDRs). */
  readonly blocks: string;
  /** Static routes to attachments by table name: maps of destination CIDR to VPC key. */
  readonly staticRoutes: string;
}

/**
 * transitDestinations as a Terraform expression, for a module whose attachments are known only
 * at plan time: the blocks the TGW route table of the attachment `key` (an expression) leads to
 * another VPC, propagated there or by a static route (not blackholes, not its own blocks). The
 * same rule, written for plan time; a test evaluates both on the same gateways.
 */
export function transitDestinationsExpression(refs: TransitModuleRefs, key: string): string {
  // Loop names of their own, so `key` may be any expression of the caller's (its own loop's key).
  const table = `${refs.attachments}[${key}].route_table`;
  const propagated = `flatten([for other_key, other in ${refs.attachments} : ${refs.blocks}[other_key] if other_key != ${key} && contains(other.propagate_to, ${table})])`;
  const routed = `[for route_destination, route_vpc in lookup(${refs.staticRoutes}, ${table}, {}) : route_destination if route_vpc != ${key}]`;
  return `[for block in distinct(concat(${propagated}, ${routed})) : block if !contains(${refs.blocks}[${key}], block) && can(cidrhost(block, 0))]`;
}

/** The private ASNs a transit gateway takes (asnProblems' rule) as a Terraform condition on `expr`. */
export function transitAsnCondition(expr: string): string {
  return TRANSIT_GATEWAY_ASN.ranges.map(([lo, hi]) => `(${expr} >= ${lo} && ${expr} <= ${hi})`).join(" || ");
}

/** What transitAsnCondition's message says is expected. */
export const TRANSIT_ASN_EXPECTED = `a private ASN: ${TRANSIT_GATEWAY_ASN.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")} (default ${TRANSIT_GATEWAY_ASN.default})`;

/** The VPC routes of one attachment: each of its VPC's route tables to each of its destinations, through the gateway. */
export function transitVpcRoutes(spec: TransitGatewaySpec, attachment: TransitAttachmentSpec): RoutePlan[] {
  const target: RouteTargetRef = { kind: TRANSIT_TARGET, name: spec.name };
  return planRoutes(target, attachment.vpc.routeTables ?? [], transitDestinations(spec, attachment));
}

/** A full mesh of many VPCs: peerings grow with the square, a transit gateway with the count. */
export function meshSizeAdvice(path: string, vpcs: number): ConfigProblem | undefined {
  if (vpcs <= QUOTAS.meshVpcsBeforeTransit.default) return undefined;
  const peerings = (vpcs * (vpcs - 1)) / 2;
  const ceiling = vpcs - 1 > QUOTAS.peeringsPerVpc.max ? ` and each VPC would need ${vpcs - 1} peerings, past AWS's ceiling of ${QUOTAS.peeringsPerVpc.max}` : "";
  return warning(path, `a full mesh of ${vpcs} VPCs makes ${peerings} peerings${ceiling}: consider a transit gateway (transitGateways: one attachment per VPC) and keep peerings for the few high-traffic pairs`);
}

import { cidrsOverlap, parseCidr } from "./cidr";
import { ConfigProblem, error } from "./problems";
import { transitRouteTableEntries, type TransitGatewaySpec, type TransitPeeringSide } from "./transit";

// TGW peering as plain data: two gateways (usually in two regions) joined by a peering attachment
// that the requester makes and the peer accepts in its own region. What decides correctness (AWS
// Transit Gateway peering docs): a peering attachment does not propagate, so each side's table
// needs a static route to every block of the other side it should reach; the attachment is
// associated with one table on each side, where traffic arriving from the peer is looked up; one
// peering per pair of gateways; blocks of the two sides must not overlap. Config validation
// (app/config/transit-checks.ts) and the constructs (TransitGateway.peerWith) check with these.

/** A TGW peering: `gateway` requests, `peer` accepts; each associates the peering attachment with one of its tables. */
export interface TransitPeeringSpec {
  /** Prefix of each problem's path: `transitGateways[0].peerWith[0]`, a construct path, or "". */
  readonly where: string;
  readonly gateway: string;
  readonly peer: string;
  /** The requester's table: associated with the peering attachment, gets static routes to the peer's blocks. */
  readonly routeTable: string;
  /** The peer's table, the same on its side. */
  readonly peerRouteTable: string;
}

const at = (where: string, field: string) => (where ? `${where}.${field}` : field);

/** The blocks a gateway's table leads to a VPC attached to it (propagated or static, not blackholes, not across another peering). */
export function transitTableVpcBlocks(spec: Pick<TransitGatewaySpec, "routeTables" | "attachments">, table: string): string[] {
  const entries = transitRouteTableEntries({ routeTables: spec.routeTables, attachments: spec.attachments }).get(table) ?? [];
  return [...new Set(entries.filter((e) => !e.blackhole && e.vpc !== undefined && typeof parseCidr(e.destination) !== "string").map((e) => e.destination))];
}

/** Each gateway's sides of the peerings, with the static routes they need (the other side's table's VPC blocks). Unknown names are left to transitPeeringProblems. */
export function transitPeeringSides(gateways: readonly TransitGatewaySpec[], peerings: readonly TransitPeeringSpec[]): Map<string, TransitPeeringSide[]> {
  const byName = new Map(gateways.map((g) => [g.name, g]));
  const out = new Map<string, TransitPeeringSide[]>(gateways.map((g) => [g.name, []]));
  for (const p of peerings) {
    const [a, b] = [byName.get(p.gateway), byName.get(p.peer)];
    if (!a || !b || a === b) continue;
    out.get(a.name)!.push({ where: p.where, peer: b.name, routeTable: p.routeTable, destinations: transitTableVpcBlocks(b, p.peerRouteTable) });
    out.get(b.name)!.push({ where: p.where, peer: a.name, routeTable: p.peerRouteTable, destinations: transitTableVpcBlocks(a, p.routeTable) });
  }
  return out;
}

/** Every problem of the peerings between gateways, each naming its field and the fix. */
export function transitPeeringProblems(gateways: readonly TransitGatewaySpec[], peerings: readonly TransitPeeringSpec[]): ConfigProblem[] {
  const byName = new Map(gateways.map((g) => [g.name, g]));
  const names = gateways.map((g) => g.name).join(", ") || "(none)";
  const problems: ConfigProblem[] = [];
  const pairs = new Map<string, string>();
  for (const p of peerings) {
    const [a, b] = [byName.get(p.gateway), byName.get(p.peer)];
    if (!b) problems.push(error(at(p.where, "gateway"), `"${p.peer}" is not a transit gateway of this config: use one of ${names}`));
    else if (p.peer === p.gateway) problems.push(error(at(p.where, "gateway"), `transit gateway ${p.gateway} cannot peer with itself: name another gateway`));
    if (a && !a.routeTables.some((t) => t.name === p.routeTable)) problems.push(error(at(p.where, "routeTable"), `"${p.routeTable}" is not a route table of transit gateway ${a.name}: use one of ${a.routeTables.map((t) => t.name).join(", ")}`));
    if (b && b !== a && !b.routeTables.some((t) => t.name === p.peerRouteTable)) problems.push(error(at(p.where, "peerRouteTable"), `"${p.peerRouteTable}" is not a route table of transit gateway ${b.name}: use one of ${b.routeTables.map((t) => t.name).join(", ")}`));
    if (!a || !b || a === b) continue;
    const key = [a.name, b.name].sort().join(" ");
    const first = pairs.get(key);
    if (first) problems.push(error(at(p.where, "gateway"), `transit gateways ${a.name} and ${b.name} are already peered (${first}): AWS allows one peering per pair of gateways; remove one`));
    else pairs.set(key, p.where);
    problems.push(...overlapProblems(a, b, p));
  }
  return problems;
}

/** Blocks reached across the peering may not overlap the blocks of the other side's attached VPCs. */
function overlapProblems(a: TransitGatewaySpec, b: TransitGatewaySpec, p: TransitPeeringSpec): ConfigProblem[] {
  const blocksOf = (g: TransitGatewaySpec) => g.attachments.flatMap((x) => [...x.vpc.ipv4, ...x.vpc.ipv6].map((block) => ({ vpc: x.vpc.key, block })));
  const problems: ConfigProblem[] = [];
  for (const x of blocksOf(a)) {
    for (const y of blocksOf(b)) {
      const [rx, ry] = [parseCidr(x.block), parseCidr(y.block)];
      if (typeof rx === "string" || typeof ry === "string" || rx.family !== ry.family || !cidrsOverlap(rx, ry)) continue;
      problems.push(error(at(p.where, "gateway"), `${x.vpc} (${x.block}, on ${a.name}) and ${y.vpc} (${y.block}, on ${b.name}) overlap: traffic across the peering cannot tell them apart; re-address one of the VPCs`));
    }
  }
  return problems;
}

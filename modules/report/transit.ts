import { cidrContains, parseCidr, type CidrRange } from "../core/cidr";
import type { TransitGatewayFact } from "../core/facts";
import { TRANSIT_TARGET, transitLookup, type TransitEntry } from "../core/transit";
import type { NetworkModel, VpcNode } from "./network-model";
import type { BlockResult, PairResult } from "./reachability";

// Traffic through a transit gateway, read from the gateways' facts: the source VPC's route tables
// must send the block to the gateway, the table its attachment is associated with must lead to
// the destination's attachment (transitive as the TGW routes say; blackholes and missing
// propagations stop it), and the same holds for the way back. Across a TGW peering (one hop):
// the source gateway's table sends the block to the peer (a static route), and the table the
// peering attachment is associated with on the peer's side leads to the destination's attachment.

export interface TransitLeg {
  readonly ok: boolean;
  readonly detail: string;
  readonly decidedBy: string;
}

const entriesOf = (tgw: TransitGatewayFact, table: string): TransitEntry[] =>
  (tgw.routeTables.find((t) => t.name === table)?.routes ?? []).map((r) => ({ destination: r.destination, origin: r.origin, vpc: r.vpc, peer: r.peer, blackhole: r.blackhole, source: `TGW route table ${table}` }));

const attachedTo = (tgw: TransitGatewayFact, vpc: VpcNode) => tgw.attachments.some((a) => a.vpc === vpc.label);

/** Whether `from`'s in-use route tables send `block` to a transit gateway (a route holding the block, target kind transit-gateway). */
function vpcRoutesToGateway(model: NetworkModel, from: VpcNode, block: CidrRange, gateway: string): boolean {
  const tables = model.routeTables.filter((t) => t.vpc === from.ref && t.inUse);
  return tables.length > 0 && tables.every((t) => model.routes.some((r) => {
    const range = parseCidr(r.destination);
    return r.table === t.ref && r.target?.kind === TRANSIT_TARGET && r.target.name === gateway && typeof range !== "string" && range.family === block.family && cidrContains(range, block);
  }));
}

/** One direction, one destination block: the VPC's route to the gateway, then its TGW route table (and across a peering, the peer's). */
export function transitLeg(model: NetworkModel, tgw: TransitGatewayFact, from: VpcNode, to: VpcNode, block: string): TransitLeg {
  const range = parseCidr(block) as CidrRange;
  const attachment = tgw.attachments.find((a) => a.vpc === from.label);
  const at = `transit gateway ${tgw.name}`;
  if (!attachment) return { ok: false, detail: `${from.label} is not attached to ${at}`, decidedBy: at };
  if (!attachedTo(tgw, to) && !peerOf(model, tgw, to)) return { ok: false, detail: `${to.label} is not attached to ${at} or a gateway peered with it`, decidedBy: at };
  if (!vpcRoutesToGateway(model, from, range, tgw.name)) return { ok: false, detail: `${from.label}'s route tables do not send ${block} to ${at}`, decidedBy: from.ref };
  const table = `TGW route table ${attachment.routeTable} of ${tgw.name}`;
  const entry = transitLookup(entriesOf(tgw, attachment.routeTable), block);
  if (!entry) return { ok: false, detail: `${table} (associated with ${from.label}) has no route to ${block}: nothing propagates it there and no static route names it`, decidedBy: table };
  if (entry.blackhole) return { ok: false, detail: `${table} (associated with ${from.label}) blackholes ${entry.destination}`, decidedBy: table };
  if (entry.peer !== undefined) return acrossPeering(model, tgw, entry.peer, to, block, table);
  if (entry.vpc !== to.label) return { ok: false, detail: `${table} sends ${block} to ${entry.vpc}'s attachment, not ${to.label}'s`, decidedBy: table };
  return { ok: true, detail: `${table} sends ${block} to ${to.label} (${entry.origin})`, decidedBy: table };
}

/** The second gateway of a leg: the table the peering attachment is associated with on the peer's side must lead to the destination. */
function acrossPeering(model: NetworkModel, tgw: TransitGatewayFact, peerName: string, to: VpcNode, block: string, table: string): TransitLeg {
  const peer = (model.transitGateways ?? []).find((t) => t.name === peerName);
  const side = peer?.peerings?.find((p) => p.peer === tgw.name);
  if (!peer || !side) return { ok: false, detail: `${table} sends ${block} to transit gateway ${peerName}, which is not peered back in this topology`, decidedBy: table };
  const there = `TGW route table ${side.routeTable} of ${peer.name} (associated with the peering from ${tgw.name})`;
  const entry = transitLookup(entriesOf(peer, side.routeTable), block);
  if (!entry) return { ok: false, detail: `${table} sends ${block} across the peering to ${peer.name}, but ${there} has no route to it: propagate ${to.label} there`, decidedBy: there };
  if (entry.blackhole) return { ok: false, detail: `${there} blackholes ${entry.destination}`, decidedBy: there };
  if (entry.vpc !== to.label) return { ok: false, detail: `${there} sends ${block} to ${entry.vpc ?? `transit gateway ${entry.peer}`}, not ${to.label}'s attachment (one peering hop is followed)`, decidedBy: there };
  return { ok: true, detail: `${table} sends ${block} across the peering to ${peer.name}, whose ${there.replace(/^TGW route table /, "table ")} sends it to ${to.label} (${entry.origin})`, decidedBy: there };
}

/** A gateway peered with `tgw` that `vpc` is attached to, if any. */
function peerOf(model: NetworkModel, tgw: TransitGatewayFact, vpc: VpcNode): TransitGatewayFact | undefined {
  const names = new Set((tgw.peerings ?? []).map((p) => p.peer));
  return (model.transitGateways ?? []).find((t) => names.has(t.name) && attachedTo(t, vpc));
}

/** The gateways a pair's traffic enters on each way: one shared gateway, or each VPC's own gateway when the two are peered. */
export function transitRoute(model: NetworkModel, a: VpcNode, b: VpcNode): { there: TransitGatewayFact; back: TransitGatewayFact } | undefined {
  const shared = sharedGateway(model, a, b);
  if (shared) return { there: shared, back: shared };
  for (const there of (model.transitGateways ?? []).filter((t) => attachedTo(t, a))) {
    const back = peerOf(model, there, b);
    if (back) return { there, back };
  }
  return undefined;
}

/** The gateway both VPCs are attached to, if any. */
export function sharedGateway(model: NetworkModel, a: VpcNode, b: VpcNode): TransitGatewayFact | undefined {
  return (model.transitGateways ?? []).find((t) => t.attachments.some((x) => x.vpc === a.label) && t.attachments.some((x) => x.vpc === b.label));
}

/**
 * A pair that no peering connects but one transit gateway does: each destination block there and
 * each source block back. The network path only: security groups and network ACLs are not
 * followed through a gateway yet, so a flowing path is `assumed`.
 */
export function transitPair(model: NetworkModel, route: { there: TransitGatewayFact; back: TransitGatewayFact }, src: VpcNode, dst: VpcNode, port: string, families: readonly (4 | 6)[]): PairResult {
  const of = (v: VpcNode, f: 4 | 6) => (f === 4 ? v.ipv4 : v.ipv6);
  const blocks: BlockResult[] = families.flatMap((family) => of(dst, family).map((block): BlockResult => {
    const there = transitLeg(model, route.there, src, dst, block);
    const back = there.ok ? of(src, family).map((b) => transitLeg(model, route.back, dst, src, b)).find((l) => !l.ok) : undefined;
    if (!there.ok) return { block, family, verdict: "blocked", step: "no route there", detail: there.detail, decidedBy: [there.decidedBy] };
    if (back) return { block, family, verdict: "blocked", step: "no route back", detail: back.detail, decidedBy: [back.decidedBy] };
    return { block, family, verdict: "assumed", detail: `${there.detail}, and back; security groups and network ACLs are not followed through a transit gateway`, decidedBy: [there.decidedBy] };
  }));
  const first = blocks.find((b) => b.verdict === "blocked");
  const flowing = blocks.filter((b) => b.verdict !== "blocked");
  const through = route.there === route.back ? `through transit gateway ${route.there.name}` : `through transit gateways ${route.there.name} and ${route.back.name} (TGW peering)`;
  const base = { from: src.label, to: dst.label, port, notes: [through], blocks };
  if (first && flowing.length === 0) return { ...base, verdict: "blocked", step: first.step, detail: first.detail, decidedBy: first.decidedBy };
  return { ...base, verdict: "assumed", detail: flowing[0]?.detail ?? `no block of ${dst.label} to reach`, decidedBy: flowing.flatMap((b) => b.decidedBy), ...(first ? { partial: true } : {}) };
}

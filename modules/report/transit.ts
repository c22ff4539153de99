import { cidrContains, parseCidr, type CidrRange } from "../core/cidr";
import type { TransitGatewayFact } from "../core/facts";
import { TRANSIT_TARGET, transitLookup, type TransitEntry } from "../core/transit";
import type { NetworkModel, VpcNode } from "./network-model";
import type { BlockResult, PairResult } from "./reachability";

// Traffic through a transit gateway, read from the gateways' facts: the source VPC's route tables
// must send the block to the gateway, the table its attachment is associated with must lead to
// the destination's attachment (transitive as the TGW routes say; blackholes and missing
// propagations stop it), and the same holds for the way back.

export interface TransitLeg {
  readonly ok: boolean;
  readonly detail: string;
  readonly decidedBy: string;
}

const entriesOf = (tgw: TransitGatewayFact, table: string): TransitEntry[] =>
  (tgw.routeTables.find((t) => t.name === table)?.routes ?? []).map((r) => ({ destination: r.destination, origin: r.origin, vpc: r.vpc, blackhole: r.blackhole, source: `TGW route table ${table}` }));

/** Whether `from`'s in-use route tables send `block` to a transit gateway (a route holding the block, target kind transit-gateway). */
function vpcRoutesToGateway(model: NetworkModel, from: VpcNode, block: CidrRange, gateway: string): boolean {
  const tables = model.routeTables.filter((t) => t.vpc === from.ref && t.inUse);
  return tables.length > 0 && tables.every((t) => model.routes.some((r) => {
    const range = parseCidr(r.destination);
    return r.table === t.ref && r.target?.kind === TRANSIT_TARGET && r.target.name === gateway && typeof range !== "string" && range.family === block.family && cidrContains(range, block);
  }));
}

/** One direction, one destination block: the VPC's route to the gateway, then its TGW route table. */
export function transitLeg(model: NetworkModel, tgw: TransitGatewayFact, from: VpcNode, to: VpcNode, block: string): TransitLeg {
  const range = parseCidr(block) as CidrRange;
  const attachment = tgw.attachments.find((a) => a.vpc === from.label);
  const at = `transit gateway ${tgw.name}`;
  if (!attachment) return { ok: false, detail: `${from.label} is not attached to ${at}`, decidedBy: at };
  if (!tgw.attachments.some((a) => a.vpc === to.label)) return { ok: false, detail: `${to.label} is not attached to ${at}`, decidedBy: at };
  if (!vpcRoutesToGateway(model, from, range, tgw.name)) return { ok: false, detail: `${from.label}'s route tables do not send ${block} to ${at}`, decidedBy: from.ref };
  const table = `TGW route table ${attachment.routeTable} of ${tgw.name}`;
  const entry = transitLookup(entriesOf(tgw, attachment.routeTable), block);
  if (!entry) return { ok: false, detail: `${table} (associated with ${from.label}) has no route to ${block}: nothing propagates it there and no static route names it`, decidedBy: table };
  if (entry.blackhole) return { ok: false, detail: `${table} (associated with ${from.label}) blackholes ${entry.destination}`, decidedBy: table };
  if (entry.vpc !== to.label) return { ok: false, detail: `${table} sends ${block} to ${entry.vpc}'s attachment, not ${to.label}'s`, decidedBy: table };
  return { ok: true, detail: `${table} sends ${block} to ${to.label} (${entry.origin})`, decidedBy: table };
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
export function transitPair(model: NetworkModel, tgw: TransitGatewayFact, src: VpcNode, dst: VpcNode, port: string, families: readonly (4 | 6)[]): PairResult {
  const of = (v: VpcNode, f: 4 | 6) => (f === 4 ? v.ipv4 : v.ipv6);
  const blocks: BlockResult[] = families.flatMap((family) => of(dst, family).map((block): BlockResult => {
    const there = transitLeg(model, tgw, src, dst, block);
    const back = there.ok ? of(src, family).map((b) => transitLeg(model, tgw, dst, src, b)).find((l) => !l.ok) : undefined;
    if (!there.ok) return { block, family, verdict: "blocked", step: "no route there", detail: there.detail, decidedBy: [there.decidedBy] };
    if (back) return { block, family, verdict: "blocked", step: "no route back", detail: back.detail, decidedBy: [back.decidedBy] };
    return { block, family, verdict: "assumed", detail: `${there.detail}, and back; security groups and network ACLs are not followed through a transit gateway`, decidedBy: [there.decidedBy] };
  }));
  const first = blocks.find((b) => b.verdict === "blocked");
  const flowing = blocks.filter((b) => b.verdict !== "blocked");
  const base = { from: src.label, to: dst.label, port, notes: [`through transit gateway ${tgw.name}`], blocks };
  if (first && flowing.length === 0) return { ...base, verdict: "blocked", step: first.step, detail: first.detail, decidedBy: first.decidedBy };
  return { ...base, verdict: "assumed", detail: flowing[0]?.detail ?? `no block of ${dst.label} to reach`, decidedBy: flowing.flatMap((b) => b.decidedBy), ...(first ? { partial: true } : {}) };
}

import { CidrRange, parseCidr } from "../core/cidr";
import { endpointZoneName } from "../core/endpoints";
import type { EndpointNode, NetworkModel, SgRule, VpcNode } from "./network-model";
import { findPeering, routeFrom } from "./reachability";

// Who reaches each VPC endpoint. A gateway endpoint serves its own VPC only (AWS routes the
// service's prefix list to it in the associated tables; a peered VPC cannot use it: no
// edge-to-edge routing). An interface endpoint is reached from its own VPC, and across a peering
// when the peering is accepted, routes go both ways, its security group admits the source on its
// port, and the source resolves the service's name to it (a private zone aliasing it).

export interface EndpointReach {
  /** How people name it: `ssm interface endpoint in shared`. */
  readonly endpoint: string;
  readonly service: string;
  readonly type: "gateway" | "interface";
  readonly from: string;
  readonly reachable: boolean;
  readonly why: string;
  /** The resources that decide (the endpoint, tables, zone, group rules). */
  readonly decidedBy: readonly string[];
}

const ranges = (cidrs: readonly string[]) => cidrs.map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");

export function analyzeEndpoints(model: NetworkModel): EndpointReach[] {
  const out: EndpointReach[] = [];
  for (const e of model.endpoints ?? []) {
    const home = model.vpcs.find((v) => v.ref === e.vpc);
    if (!home) continue;
    const label = `${e.service} ${e.type} endpoint in ${home.label}`;
    for (const from of model.vpcs) {
      const verdict = e.type === "gateway" ? gatewayFrom(model, e, home, from) : interfaceFrom(model, e, home, from);
      out.push({ endpoint: label, service: e.service, type: e.type, from: from.label, ...verdict });
    }
  }
  return out;
}

type Verdict = Pick<EndpointReach, "reachable" | "why" | "decidedBy">;

function gatewayFrom(model: NetworkModel, e: EndpointNode, home: VpcNode, from: VpcNode): Verdict {
  if (from !== home) {
    return { reachable: false, why: `a gateway endpoint serves only its own VPC (${home.label}): traffic from ${from.label} cannot use it across a peering (edge-to-edge routing is not supported); give ${from.label} its own ${e.service} gateway endpoint`, decidedBy: [e.ref] };
  }
  const tables = model.routeTables.filter((t) => e.routeTables.includes(t.ref));
  if (tables.length === 0) return { reachable: false, why: `no route table of ${home.label} is associated with it, so nothing routes the ${e.service} prefix list to it`, decidedBy: [e.ref] };
  return { reachable: true, why: `AWS routes the ${e.service} prefix list to it in ${tables.map((t) => t.label).join(", ")}`, decidedBy: [e.ref, ...tables.map((t) => t.ref)] };
}

/** The endpoint's group admits `blocks` on its port (tcp). */
function admitted(e: EndpointNode, blocks: readonly string[]): SgRule | undefined {
  const port = e.port ?? 443;
  const src = ranges(blocks);
  return e.ingress.find((r) => (r.protocol === "tcp" || r.protocol === "6" || r.protocol === "-1") && (r.from === -1 || (r.from <= port && port <= r.to)) && "cidr" in r.source
    && ranges([r.source.cidr]).some((c) => src.some((s) => s.family === c.family && s.first <= c.last && c.first <= s.last)));
}

/** How `from` resolves the service's default name: to the endpoint (a zone aliasing it, or AWS's private DNS at home), or not. */
function resolution(model: NetworkModel, e: EndpointNode, home: VpcNode, from: VpcNode): Verdict {
  if (from === home && e.privateDns) return { reachable: true, why: `AWS's private DNS answers ${e.service}'s name with the endpoint in ${home.label}`, decidedBy: [e.ref] };
  const record = model.records.find((r) => r.target?.ref === e.ref && model.zones.some((z) => z.ref === r.zone && z.vpcs.includes(from.ref)));
  if (record) {
    const zone = model.zones.find((z) => z.ref === record.zone)!;
    return { reachable: true, why: `zone ${zone.name} (associated with ${from.label}) aliases ${record.fqdn} to the endpoint`, decidedBy: [zone.ref, record.address] };
  }
  const name = home.region ? endpointZoneName(e.service, home.region) : `${e.service}.<region>.amazonaws.com`;
  const fix = from === home ? "turn privateDnsEnabled on, or share it so the stack makes the zone" : `add ${from.label} to the endpoint's sharedWith (a zone for ${name} associated with it)`;
  return { reachable: false, why: `${from.label} resolves ${name} to the service's public addresses, not the endpoint: ${fix}`, decidedBy: [e.ref] };
}

function interfaceFrom(model: NetworkModel, e: EndpointNode, home: VpcNode, from: VpcNode): Verdict {
  const blocks = [...from.ipv4, ...from.ipv6];
  if (from !== home) {
    const peering = findPeering(model, from.ref, home.ref);
    if (!peering) return { reachable: false, why: `no peering between ${from.label} and ${home.label} (peering is not transitive)`, decidedBy: [] };
    if (!peering.accepted) return { reachable: false, why: `${peering.label} is not accepted`, decidedBy: [peering.ref] };
    const there = ranges(home.ipv4).map((b) => routeFrom(model, from, b, peering)).flatMap((r) => r.withRoute);
    if (there.length === 0) return { reachable: false, why: `no table of ${from.label} routes ${home.label}'s blocks via ${peering.label}`, decidedBy: [peering.ref] };
    const back = ranges(from.ipv4).map((b) => routeFrom(model, home, b, peering)).flatMap((r) => r.withRoute);
    if (back.length === 0) return { reachable: false, why: `no table of ${home.label} routes ${from.label}'s blocks back via ${peering.label}`, decidedBy: [peering.ref] };
  }
  const rule = admitted(e, blocks);
  if (!rule) return { reachable: false, why: `the endpoint's security group admits no tcp/${e.port ?? 443} from ${from.label}'s blocks: add ${from.label} to sharedWith (which admits it)`, decidedBy: [e.ref] };
  const dns = resolution(model, e, home, from);
  if (!dns.reachable) return dns;
  return { reachable: true, why: `${from === home ? "in its own VPC" : `via ${findPeering(model, from.ref, home.ref)!.label}`}; its group admits tcp/${e.port ?? 443}; ${dns.why}`, decidedBy: [e.ref, rule.address, ...dns.decidedBy] };
}

/** The endpoints section of the report for people. */
export function formatEndpoints(reach: readonly EndpointReach[]): string[] {
  if (reach.length === 0) return [];
  const ew = Math.max(...reach.map((r) => r.endpoint.length));
  const fw = Math.max(...reach.map((r) => r.from.length));
  return ["", "VPC endpoints:", ...reach.map((r) => `  ${r.endpoint.padEnd(ew)}  from ${r.from.padEnd(fw)}  ${r.reachable ? "REACHABLE" : "NOT REACHABLE"}: ${r.why}`)];
}

import { CidrRange, cidrsOverlap, parseCidr } from "../core/cidr";
import type { NaclRule, NetworkModel, PeeringNode, SgRule, VpcNode } from "./network-model";

// Pure analysis over a NetworkModel: for each ordered VPC pair and port, does traffic flow, and if
// not, the first failing step in the order people troubleshoot peering (seed 003):
// peering → accepted → route there → route back → security group → network ACL → name resolution.

export type Step = "no peering" | "not accepted" | "no route there" | "no route back" | "SG denies" | "NACL denies" | "name not resolvable";
export const STEPS: readonly Step[] = ["no peering", "not accepted", "no route there", "no route back", "SG denies", "NACL denies", "name not resolvable"];

export interface PortSpec {
  readonly protocol: "tcp" | "udp" | "icmp" | "icmpv6" | "all";
  readonly port?: number;
  /** With `port`, the last port of a range (`tcp/1024-65535`): every port of it must be admitted. */
  readonly toPort?: number;
}

export interface PairResult {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  /**
   * `flows`: every step is decided by this stack and passes. `assumed`: the network path is there but
   * security groups and/or network ACLs of an end are not managed by this stack, so they are assumed
   * open. `blocked`: `step` is the first failing step.
   */
  readonly verdict: "flows" | "assumed" | "blocked";
  readonly step?: Step;
  readonly detail: string;
  readonly notes: readonly string[];
  /** Whether the source resolves the destination's instance public DNS hostnames to private IPs. */
  readonly peerHostnames?: "private-ip" | "public-ip";
}

export interface NameResult {
  readonly name: string;
  readonly type: string;
  readonly from: string;
  readonly resolves: boolean;
  readonly why: string;
}

export interface ReachabilityReport {
  readonly stack: string;
  readonly ports: readonly string[];
  readonly pairs: readonly PairResult[];
  readonly names: readonly NameResult[];
}

export const portLabel = (p: PortSpec) =>
  p.port === undefined ? p.protocol : `${p.protocol}/${p.port}${p.toPort !== undefined && p.toPort !== p.port ? `-${p.toPort}` : ""}`;

/** `443`, `tcp/443`, `udp/53`, `tcp/1024-65535`, `icmp`, `icmpv6`, `all`. */
export function parsePortSpec(text: string): PortSpec | string {
  const t = text.trim().toLowerCase();
  if (t === "icmp" || t === "icmpv6" || t === "all") return { protocol: t };
  const m = /^(?:(tcp|udp)\/)?(\d{1,5})(?:-(\d{1,5}))?$/.exec(t);
  const from = Number(m?.[2]);
  const to = m?.[3] === undefined ? from : Number(m[3]);
  if (!m || from > 65535 || to > 65535 || to < from) return `"${text}" is not a port: write 443, tcp/443, udp/53, tcp/1024-65535, icmp, icmpv6 or all`;
  return { protocol: (m[1] ?? "tcp") as "tcp" | "udp", port: from, ...(to !== from ? { toPort: to } : {}) };
}

const PROTO_NUMBER: Record<string, string> = { tcp: "6", udp: "17", icmp: "1", icmpv6: "58", all: "-1" };
const SG_PROTO: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

/** Ports the stack's security rules mention (the "configured" ports). */
export function configuredPorts(model: NetworkModel): PortSpec[] {
  const seen = new Map<string, PortSpec>();
  for (const r of model.sgRules) {
    const proto = SG_PROTO[r.protocol] ?? r.protocol;
    const spec: PortSpec =
      proto === "-1" ? { protocol: "all" } : proto === "icmp" || proto === "icmpv6" ? { protocol: proto } : { protocol: proto as "tcp" | "udp", port: r.from };
    seen.set(portLabel(spec), spec);
  }
  return [...seen.values()];
}

const ranges = (cidrs: readonly string[]) => cidrs.map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
const overlapsAny = (cidr: string, blocks: readonly string[]) => {
  const r = parseCidr(cidr);
  return typeof r !== "string" && ranges(blocks).some((b) => cidrsOverlap(b, r));
};
const blocksOf = (v: VpcNode) => [...v.ipv4, ...v.ipv6];

function sgAllows(rule: SgRule, port: PortSpec, src: VpcNode, srcGroups: ReadonlySet<string>): boolean {
  const proto = SG_PROTO[rule.protocol] ?? rule.protocol;
  // A rule for one protocol does not open "all".
  if (proto !== "-1" && proto !== port.protocol) return false;
  const last = port.toPort ?? port.port;
  const portOk = port.port === undefined || rule.from === -1 || (rule.from <= port.port && last !== undefined && last <= rule.to);
  if (!portOk) return false;
  // A rule naming a group admits only members of that group: the source must be known to own it.
  return "cidr" in rule.source ? overlapsAny(rule.source.cidr, blocksOf(src)) : srcGroups.has(rule.source.group);
}

/** First-match evaluation of one direction of a NACL's managed rules: the allowing/denying rule, or none. */
function naclDecision(rules: readonly NaclRule[], egress: boolean, proto: string, port: number | undefined, peer: VpcNode): NaclRule | undefined {
  const peerBlocks = ranges(blocksOf(peer));
  return [...rules]
    .filter((r) => r.egress === egress)
    .sort((a, b) => a.number - b.number)
    .find((r) => {
      if (r.protocol !== "-1" && r.protocol !== proto) return false;
      if (port !== undefined && r.protocol !== "-1" && (proto === "6" || proto === "17") && !(r.from <= port && port <= r.to)) return false;
      const rc = parseCidr(r.cidr);
      // Peer rules often cover only the routed part of the peer (routeTo): overlap is a match.
      return typeof rc !== "string" && peerBlocks.some((b) => cidrsOverlap(rc, b));
    });
}

/** Replies come back to the client's ephemeral ports; checked at both ends of 1024-65535. */
const EPHEMERAL_PROBES = [1024, 32768, 65535];

function naclProblem(model: NetworkModel, src: VpcNode, dst: VpcNode, port: PortSpec): { denied?: string; managed: boolean } {
  const proto = PROTO_NUMBER[port.protocol];
  const reply = port.protocol === "tcp" || port.protocol === "udp";
  const checks: { vpc: VpcNode; peer: VpcNode; egress: boolean; ports: (number | undefined)[]; what: string }[] = [
    // A range is probed at both of its ends.
    ...[{ vpc: src, peer: dst, egress: true, what: `out of ${src.label} to ${dst.label}` }, { vpc: dst, peer: src, egress: false, what: `into ${dst.label} from ${src.label}` }].map((c) => ({
      ...c,
      ports: port.toPort !== undefined ? [port.port, port.toPort] : [port.port],
    })),
    { vpc: dst, peer: src, egress: true, ports: reply ? EPHEMERAL_PROBES : [port.port], what: `replies out of ${dst.label}` },
    { vpc: src, peer: dst, egress: false, ports: reply ? EPHEMERAL_PROBES : [port.port], what: `replies into ${src.label}` },
  ];
  let managed = true;
  for (const c of checks) {
    const byAcl = new Map<string, NaclRule[]>();
    for (const r of model.naclRules.filter((x) => x.vpc === c.vpc.ref)) byAcl.set(r.acl, [...(byAcl.get(r.acl) ?? []), r]);
    if (byAcl.size === 0) {
      managed = false;
      continue;
    }
    for (const [acl, rules] of byAcl) {
      for (const p of c.ports) {
        const hit = naclDecision(rules, c.egress, proto, p, c.peer);
        const at = `${port.protocol}${p === undefined ? "" : `/${p}`}`;
        if (!hit) return { managed, denied: `${acl}: no rule of this stack admits ${at} ${c.what} (custom ACLs deny what no rule allows)` };
        if (!hit.allow) return { managed, denied: `${acl}: rule ${hit.number} denies ${at} ${c.what}` };
      }
    }
  }
  return { managed };
}

function findPeering(model: NetworkModel, a: string, b: string): PeeringNode | undefined {
  return model.peerings.find((p) => (p.requester === a && p.accepter === b) || (p.requester === b && p.accepter === a));
}

/**
 * How `table` sends traffic for the blocks of `to` (of `family`) through `peering`. A VPC route
 * table picks the most specific route that matches each address (longest prefix match): a more
 * specific route to elsewhere takes the part of a block it covers, a less specific one loses it.
 * `stolen` lists the parts of `to` that go elsewhere while some of it goes through `peering`.
 */
function routesThrough(model: NetworkModel, table: string, to: VpcNode, peering: PeeringNode, family: 4 | 6): { flows: boolean; stolen: string[] } {
  const routes = model.routes
    .filter((r) => r.table === table)
    .map((r) => ({ r, range: parseCidr(r.destination) }))
    .filter((x): x is { r: (typeof x)["r"]; range: CidrRange } => typeof x.range !== "string" && x.range.family === family);
  const size = (x: { range: CidrRange }) => x.range.last - x.range.first;
  let flows = false;
  const stolen: string[] = [];
  for (const block of ranges(family === 4 ? to.ipv4 : to.ipv6)) {
    const containing = routes.filter((x) => x.range.first <= block.first && block.last <= x.range.last);
    const winner = containing.reduce<(typeof routes)[number] | undefined>((a, b) => (a === undefined || size(b) < size(a) ? b : a), undefined);
    const inside = routes.filter((x) => x !== winner && block.first <= x.range.first && x.range.last <= block.last && size(x) < size({ range: block }));
    const here = [winner, ...inside].filter((x) => x?.r.peering === peering.ref);
    if (here.length === 0) continue;
    flows = true;
    for (const x of [winner, ...inside]) if (x && x.r.peering !== peering.ref) stolen.push(`${x.r.destination}${x.r.peering ? ` goes via ${model.peerings.find((p) => p.ref === x.r.peering)?.label ?? x.r.peering}` : " goes elsewhere"}`);
  }
  return { flows, stolen };
}

/** Tables of `from` (that some subnet uses) routing `to` through `peering`, per address family; and all of them. */
function routedTables(model: NetworkModel, from: VpcNode, to: VpcNode, peering: PeeringNode, family: 4 | 6) {
  const tables = model.routeTables.filter((t) => t.vpc === from.ref && t.inUse);
  const routed = tables.map((t) => ({ t, ...routesThrough(model, t.ref, to, peering, family) }));
  const withRoute = routed.filter((x) => x.flows).map((x) => x.t);
  return { tables, withRoute, stolen: [...new Set(routed.flatMap((x) => x.stolen))] };
}

/** Records whose literal values are addresses inside `vpc`: names that lead to that VPC. */
function recordsInto(model: NetworkModel, vpc: VpcNode) {
  return model.records.filter((r) => r.values.some((v) => /^[0-9a-f.:]+$/i.test(v) && overlapsAny(`${v}/${v.includes(":") ? 128 : 32}`, blocksOf(vpc))));
}

/**
 * Resolving a private hosted zone's record from a VPC: the zone must be associated with that VPC and
 * the VPC must have DNS support (the Amazon resolver) on. The peering DNS option does not carry
 * private zones across a peering; it only makes the peer's instance public DNS hostnames resolve to
 * private IPs.
 */
function resolvesFrom(model: NetworkModel, record: NetworkModel["records"][number], vpc: VpcNode): { resolves: boolean; why: string } {
  const zone = model.zones.find((z) => z.ref === record.zone);
  if (!zone) return { resolves: false, why: "its zone is not managed by this stack" };
  if (!zone.vpcs.includes(vpc.ref)) return { resolves: false, why: `zone ${zone.name} is not associated with ${vpc.label}` };
  // Route 53 answers from the most specific private zone associated with the VPC that the name is
  // in, and does not fall back to a less specific one.
  const inZone = (name: string, z: string) => name === z || name.endsWith(`.${z}`);
  const shadow = model.zones
    .filter((z) => z !== zone && z.vpcs.includes(vpc.ref) && z.name.length > zone.name.length && inZone(record.fqdn, z.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (shadow) return { resolves: false, why: `the more specific zone ${shadow.name} is associated with ${vpc.label} and answers for ${record.fqdn} instead of ${zone.name}` };
  if (vpc.dnsSupport === false) return { resolves: false, why: `DNS support (enableDnsSupport) is off in ${vpc.label}` };
  return { resolves: true, why: `zone ${zone.name} is associated with ${vpc.label}${vpc.dnsSupport === undefined ? " (DNS support assumed on)" : ""}` };
}

export function analyzeReachability(model: NetworkModel, ports: readonly PortSpec[]): ReachabilityReport {
  const pairs: PairResult[] = [];
  // A VPC's groups: those its construct recorded, and those its own rules protect.
  const groupsOf = (v: VpcNode) => new Set([...v.securityGroups, ...model.sgRules.filter((r) => r.vpc === v.ref).map((r) => r.group)]);
  for (const src of model.vpcs) {
    for (const dst of model.vpcs) {
      if (src === dst) continue;
      for (const port of ports) pairs.push(analyzePair(model, src, dst, port, groupsOf(src)));
    }
  }
  const names: NameResult[] = [];
  for (const record of model.records) {
    for (const vpc of model.vpcs) {
      const r = resolvesFrom(model, record, vpc);
      names.push({ name: record.fqdn, type: record.type, from: vpc.label, ...r });
    }
  }
  return { stack: model.stack, ports: ports.map(portLabel), pairs, names };
}

function analyzePair(model: NetworkModel, src: VpcNode, dst: VpcNode, port: PortSpec, srcGroups: ReadonlySet<string>): PairResult {
  const base = { from: src.label, to: dst.label, port: portLabel(port) };
  const blocked = (step: Step, detail: string, notes: string[] = []): PairResult => ({ ...base, verdict: "blocked", step, detail, notes });
  const notes: string[] = [];

  const peering = findPeering(model, src.ref, dst.ref);
  if (!peering) return blocked("no peering", `no peering connection between ${src.label} and ${dst.label} (peering is not transitive)`);
  if (!peering.accepted) return blocked("not accepted", `${peering.label} is requested but nothing accepts it (no auto_accept, no accepter resource)`);

  // Traffic flows in an address family only when both ends have blocks of it and both directions
  // route it: an IPv6 route towards a peer with no IPv6 carries nothing.
  const families = ([4, 6] as const).filter((f) => (f === 4 ? src.ipv4.length && dst.ipv4.length : src.ipv6.length && dst.ipv6.length));
  const there = families.map((f) => ({ f, ...routedTables(model, src, dst, peering, f) }));
  const thereOk = there.filter((t) => t.withRoute.length > 0);
  if (thereOk.length === 0) {
    const tables = model.routeTables.filter((t) => t.vpc === src.ref && t.inUse);
    return blocked("no route there", tables.length === 0 ? `no route table of ${src.label} that a subnet uses is managed by this stack` : `no table of ${src.label} (${tables.map((t) => t.label).join(", ")}) routes ${dst.label} via ${peering.label}`);
  }
  const first = thereOk[0];
  if (first.withRoute.length < first.tables.length) notes.push(`only ${first.withRoute.map((t) => t.label).join(", ")} of ${src.label}'s tables route to ${dst.label}`);
  for (const t of thereOk) if (t.stolen.length > 0) notes.push(`partly: in ${src.label}'s tables ${t.stolen.join(", ")} (a more specific route wins)`);
  const backOk = thereOk.map((t) => ({ f: t.f, ...routedTables(model, dst, src, peering, t.f) })).filter((b) => b.withRoute.length > 0);
  if (backOk.length === 0) {
    const tables = model.routeTables.filter((t) => t.vpc === dst.ref && t.inUse);
    return blocked("no route back", tables.length === 0 ? `no route table of ${dst.label} that a subnet uses is managed by this stack` : `no table of ${dst.label} (${tables.map((t) => t.label).join(", ")}) routes ${src.label} via ${peering.label} in the family it is reached by`);
  }
  if (backOk.length < families.length) notes.push(`flows over IPv${backOk.map((b) => b.f).join(" and IPv")} only`);

  const sgRules = model.sgRules.filter((r) => r.vpc === dst.ref);
  let assumed = false;
  if (sgRules.length === 0) {
    assumed = true;
    notes.push(`SG not managed here: ${dst.label}'s security groups assumed open`);
  } else if (!sgRules.some((r) => sgAllows(r, port, src, srcGroups))) {
    const groups = [...new Set(sgRules.map((r) => r.group))].join(", ");
    return blocked("SG denies", `no ingress rule of ${groups} in ${dst.label} admits ${portLabel(port)} from ${src.label}`, notes);
  }

  const nacl = naclProblem(model, src, dst, port);
  if (nacl.denied) return blocked("NACL denies", nacl.denied, notes);
  if (!nacl.managed) {
    assumed = true;
    notes.push("NACL not managed here (at one or both ends): assumed open");
  }

  for (const record of recordsInto(model, dst)) {
    const r = resolvesFrom(model, record, src);
    if (!r.resolves) return blocked("name not resolvable", `${record.fqdn} (${record.type}): ${r.why}`, notes);
  }

  const dstSide = peering.requester === dst.ref ? "requester" : "accepter";
  const peerHostnames = peering.dns[dstSide] && dst.dnsHostnames !== false && src.dnsSupport !== false ? "private-ip" : "public-ip";
  // Only worth a note when the peering sets the option at all (one side on, this side off).
  if (peerHostnames === "public-ip" && (peering.dns.requester || peering.dns.accepter)) notes.push(`${dst.label}'s instance public DNS hostnames resolve to public IPs from ${src.label} (DNS option off on ${dst.label}'s side of ${peering.label})`);

  return { ...base, verdict: assumed ? "assumed" : "flows", detail: `via ${peering.label}`, notes, peerHostnames };
}

/** Fixed-width table for people. */
export function formatReport(report: ReachabilityReport): string {
  const rows = report.pairs.map((p) => [
    `${p.from} → ${p.to}`,
    p.port,
    p.verdict === "flows" ? "FLOWS" : p.verdict === "assumed" ? "FLOWS*" : "BLOCKED",
    p.step ? `${p.step}: ${p.detail}` : p.detail,
  ]);
  const head = ["PAIR", "PORT", "RESULT", "FIRST FAILING STEP / PATH"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const out = [`Reachability of stack ${report.stack} (ports: ${report.ports.join(", ")})`, "", line(head), ...rows.map(line)];
  if (report.pairs.some((p) => p.verdict === "assumed")) {
    out.push("", "* FLOWS*: peering and routes verified; security groups and/or network ACLs are not managed by this stack and are assumed open.");
  }
  const notes = report.pairs.filter((p) => p.notes.length > 0 && p.verdict !== "blocked");
  const distinct = [...new Set(notes.flatMap((p) => p.notes.filter((n) => !/assumed open/.test(n)).map((n) => `${p.from} → ${p.to} ${p.port}: ${n}`)))];
  if (distinct.length > 0) out.push("", "Notes:", ...distinct.map((n) => `  ${n}`));
  if (report.names.length > 0) {
    out.push("", "Names (private hosted zones):");
    const nw = Math.max(...report.names.map((n) => `${n.name} ${n.type}`.length));
    const fw = Math.max(...report.names.map((n) => n.from.length));
    for (const n of report.names) out.push(`  ${`${n.name} ${n.type}`.padEnd(nw)}  from ${n.from.padEnd(fw)}  ${n.resolves ? "RESOLVES" : "DOES NOT RESOLVE"}: ${n.why}`);
  }
  return out.join("\n");
}

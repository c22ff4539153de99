import { EPHEMERAL_PORTS } from "../core/security";
import { CidrRange, cidrContains, cidrsOverlap, parseCidr } from "../core/cidr";
import { analyzeEndpoints, formatEndpoints, type EndpointReach } from "./endpoints";
import { transitPair, transitRoute } from "./transit";
import type { NaclRule, NetworkModel, PeeringNode, RecordNode, RouteEdge, SgRule, VpcNode, ZoneNode } from "./network-model";

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

/** One of the destination's blocks, seen from the source, on one port. */
export interface BlockResult {
  readonly block: string;
  readonly family: 4 | 6;
  readonly verdict: "flows" | "assumed" | "blocked";
  readonly step?: Step;
  readonly detail: string;
  /**
   * Blocked on purpose: the config opens only the other way (securityRules.allowInto), leaves the
   * block out of the routes (routeTo), or the source has no block of the family. Not a fault.
   */
  readonly intended?: boolean;
  /**
   * What decides: for a blocked block the resources of the first failing step (route tables, the
   * more specific routes that take it, `security group sg-...` when no rule admits, the denying
   * NACL rule or `network ACL acl-...` when none matches); for a flowing one the routes and rules
   * that carry it. Terraform addresses where the stack manages them.
   */
  readonly decidedBy: readonly string[];
  /** Parts of the block that are routed, when only parts are (routeTo include, narrower routes). */
  readonly routed?: readonly string[];
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
  /** Per block of the destination (IPv4 then IPv6). */
  readonly blocks: readonly BlockResult[];
  /** Some blocks (or parts) of the destination do not flow while others do. */
  readonly partial?: boolean;
  /** Blocked, and every block blocked on purpose (see BlockResult.intended). */
  readonly intended?: boolean;
  /** BlockResult.decidedBy of the first blocked block, or of the flowing ones. */
  readonly decidedBy: readonly string[];
  /** Whether the source resolves the destination's instance public DNS hostnames to private IPs. */
  readonly peerHostnames?: "private-ip" | "public-ip";
}

export interface NameResult {
  readonly name: string;
  readonly type: string;
  readonly from: string;
  readonly resolves: boolean;
  readonly why: string;
  /** The zone (or VPC, record) that decides a failure, or the answering zone. */
  readonly decidedBy: string;
  /** Each name followed: the record, CNAME targets, the load balancer or endpoint. */
  readonly chain: readonly string[];
  /** Addresses, or `load balancer <name>` / `VPC endpoint <id>`, the name ends at. */
  readonly answers: readonly string[];
}

/**
 * The peering DNS option per direction: whether `from` resolves `to`'s instance public DNS
 * hostnames to private IPs (it needs the option on `to`'s side, hostnames on in `to`, DNS support in `from`).
 */
export interface DnsOptionResult {
  readonly peering: string;
  readonly from: string;
  readonly to: string;
  readonly privateIps: boolean;
  readonly why: string;
}

export interface ReachabilityReport {
  readonly stack: string;
  readonly ports: readonly string[];
  readonly pairs: readonly PairResult[];
  readonly names: readonly NameResult[];
  readonly dnsOption: readonly DnsOptionResult[];
  /** Who reaches each VPC endpoint (only when the stack makes endpoints). */
  readonly endpoints?: readonly EndpointReach[];
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
const familyBlocks = (v: VpcNode, family: 4 | 6) => (family === 4 ? v.ipv4 : v.ipv6);

function sgAllows(rule: SgRule, port: PortSpec, srcBlocks: readonly string[], srcGroups: ReadonlySet<string>): boolean {
  const proto = SG_PROTO[rule.protocol] ?? rule.protocol;
  // A rule for one protocol does not open "all".
  if (proto !== "-1" && proto !== port.protocol) return false;
  const last = port.toPort ?? port.port;
  const portOk = port.port === undefined || rule.from === -1 || (rule.from <= port.port && last !== undefined && last <= rule.to);
  if (!portOk) return false;
  return sourceMatches(rule, srcBlocks, srcGroups);
}

/**
 * A rule naming a group admits only members of that group (their addresses of either family): the
 * source must be known to own it. A CIDR rule admits its own family only.
 */
function sourceMatches(rule: SgRule, srcBlocks: readonly string[], srcGroups: ReadonlySet<string>): boolean {
  return "cidr" in rule.source ? overlapsAny(rule.source.cidr, srcBlocks) : srcGroups.has(rule.source.group);
}

/** First-match evaluation of one direction of a NACL's managed rules: the allowing/denying rule, or none. */
function naclDecision(rules: readonly NaclRule[], egress: boolean, proto: string, port: number | undefined, peerBlocks: readonly string[]): NaclRule | undefined {
  const peer = ranges(peerBlocks);
  return [...rules]
    .filter((r) => r.egress === egress)
    .sort((a, b) => a.number - b.number)
    .find((r) => {
      if (r.protocol !== "-1" && r.protocol !== proto) return false;
      if (port !== undefined && r.protocol !== "-1" && (proto === "6" || proto === "17") && !(r.from <= port && port <= r.to)) return false;
      const rc = parseCidr(r.cidr);
      // Peer rules often cover only the routed part of the peer (routeTo): overlap is a match.
      return typeof rc !== "string" && peer.some((b) => cidrsOverlap(rc, b));
    });
}

/** Replies come back to the client's ephemeral ports; checked at both ends of 1024-65535. */
const EPHEMERAL_PROBES = [EPHEMERAL_PORTS.from, 32768, EPHEMERAL_PORTS.to];

/**
 * Network ACLs on the path from `srcBlocks` to `dstBlocks` (one family), both ways: the first rule
 * (by number) that matches decides. `decidedBy` is the denying rule's address, or the ACL when no rule
 * matches (a custom ACL's final `*` rule denies); `allowedBy` the rules that admitted each check.
 */
function naclProblem(model: NetworkModel, src: VpcNode, dst: VpcNode, srcBlocks: readonly string[], dstBlocks: readonly string[], port: PortSpec) {
  const proto = PROTO_NUMBER[port.protocol];
  const reply = port.protocol === "tcp" || port.protocol === "udp";
  const ends = port.toPort !== undefined ? [port.port, port.toPort] : [port.port];
  const checks: { vpc: VpcNode; peer: readonly string[]; egress: boolean; ports: (number | undefined)[]; what: string }[] = [
    // A range is probed at both of its ends.
    { vpc: src, peer: dstBlocks, egress: true, ports: ends, what: `out of ${src.label} to ${dst.label}` },
    { vpc: dst, peer: srcBlocks, egress: false, ports: ends, what: `into ${dst.label} from ${src.label}` },
    { vpc: dst, peer: srcBlocks, egress: true, ports: reply ? EPHEMERAL_PROBES : [port.port], what: `replies out of ${dst.label}` },
    { vpc: src, peer: dstBlocks, egress: false, ports: reply ? EPHEMERAL_PROBES : [port.port], what: `replies into ${src.label}` },
  ];
  let managed = true;
  const allowedBy = new Set<string>();
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
        if (!hit) return { managed, allowedBy, decidedBy: `network ACL ${acl}`, denied: `${acl}: no rule of this stack admits ${at} ${c.what} (custom ACLs deny what no rule allows)` };
        if (!hit.allow) return { managed, allowedBy, decidedBy: hit.address, denied: `${acl}: rule ${hit.number} denies ${at} ${c.what}` };
        allowedBy.add(hit.address);
      }
    }
  }
  return { managed, allowedBy };
}

export function findPeering(model: NetworkModel, a: string, b: string): PeeringNode | undefined {
  return model.peerings.find((p) => (p.requester === a && p.accepter === b) || (p.requester === b && p.accepter === a));
}

type Routed = { r: RouteEdge; range: CidrRange };

/**
 * How `table` sends traffic for `block` through `peering`. A VPC route table picks the most specific
 * route that matches each address (longest prefix match): a more specific route to elsewhere takes the
 * part of the block it covers, a less specific one loses it. `via` lists the routes through `peering`
 * that carry some of the block; `stolen` the routes that take (part of) it elsewhere.
 */
function routeBlock(model: NetworkModel, table: string, block: CidrRange, peering: PeeringNode): { via: RouteEdge[]; stolen: RouteEdge[] } {
  const routes = model.routes
    .filter((r) => r.table === table)
    .map((r) => ({ r, range: parseCidr(r.destination) }))
    .filter((x): x is Routed => typeof x.range !== "string" && x.range.family === block.family);
  const size = (x: { range: CidrRange }) => x.range.last - x.range.first;
  const containing = routes.filter((x) => x.range.first <= block.first && block.last <= x.range.last);
  const winner = containing.reduce<Routed | undefined>((a, b) => (a === undefined || size(b) < size(a) ? b : a), undefined);
  const inside = routes.filter((x) => x !== winner && block.first <= x.range.first && x.range.last <= block.last && size(x) < size({ range: block }));
  const candidates = [winner, ...inside].filter((x): x is Routed => x !== undefined);
  // Longest prefix match over the block as a set of ranges: cut it where any candidate starts or
  // ends, and give each piece to the most specific route holding it. A route that wins no piece
  // carries none of the block (two /17s elsewhere leave nothing to the /16 through the peering).
  const cuts = [...new Set([block.first, block.last + 1n, ...candidates.flatMap((x) => [x.range.first > block.first ? x.range.first : block.first, (x.range.last < block.last ? x.range.last : block.last) + 1n])])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const winners = new Set<Routed>();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1] - 1n];
    const holding = candidates.filter((x) => x.range.first <= from && to <= x.range.last);
    const best = holding.reduce<Routed | undefined>((a, b) => (a === undefined || size(b) < size(a) ? b : a), undefined);
    if (best) winners.add(best);
  }
  const deciding = candidates.filter((x) => winners.has(x)).map((x) => x.r);
  const via = deciding.filter((r) => r.peering === peering.ref);
  return { via, stolen: via.length > 0 || winner ? deciding.filter((r) => r.peering !== peering.ref) : [] };
}

const wholeOrParts = (block: string, via: readonly RouteEdge[]) => (via.some((r) => r.destination === block || cidrContains(parseCidr(r.destination) as CidrRange, parseCidr(block) as CidrRange)) ? undefined : [...new Set(via.map((r) => r.destination))]);

/** Tables of `from` that some subnet uses, and which of them route (part of) `block` through `peering`. */
export function routeFrom(model: NetworkModel, from: VpcNode, block: CidrRange, peering: PeeringNode) {
  const tables = model.routeTables.filter((t) => t.vpc === from.ref && t.inUse);
  const per = tables.map((t) => ({ t, ...routeBlock(model, t.ref, block, peering) }));
  return { tables, withRoute: per.filter((x) => x.via.length > 0), per };
}

/** Where a route that is not the pair's own sends traffic: another peering, another recorded target, or elsewhere. */
const targetLabel = (model: NetworkModel, route: RouteEdge) =>
  route.peering ? `via ${model.peerings.find((p) => p.ref === route.peering)?.label ?? route.peering}` : route.target ? `via ${route.target.kind} ${route.target.name}` : "elsewhere";

// ---- names -----------------------------------------------------------------------------------

const inZone = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

/** The private zone Route 53 answers `name` from in `vpc`: the most specific associated zone holding the name. */
function answeringZone(model: NetworkModel, name: string, vpc: VpcNode): ZoneNode | undefined {
  return model.zones.filter((z) => z.vpcs.includes(vpc.ref) && inZone(name, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
}

/**
 * Resolving a private hosted zone's record from a VPC: the zone must be associated with that VPC and
 * the VPC must have DNS support (the Amazon resolver) on. The peering DNS option does not carry
 * private zones across a peering; it only makes the peer's instance public DNS hostnames resolve to
 * private IPs.
 */
function resolvesFrom(model: NetworkModel, record: RecordNode, vpc: VpcNode): { resolves: boolean; why: string; decidedBy: string } {
  const zone = model.zones.find((z) => z.ref === record.zone);
  if (!zone) return { resolves: false, why: "its zone is not managed by this stack", decidedBy: record.zone };
  if (!zone.vpcs.includes(vpc.ref)) return { resolves: false, why: `zone ${zone.name} is not associated with ${vpc.label}`, decidedBy: zone.ref };
  // Route 53 answers from the most specific private zone associated with the VPC that the name is
  // in, and does not fall back to a less specific one.
  const shadow = answeringZone(model, record.fqdn, vpc);
  if (shadow && shadow !== zone && shadow.name.length > zone.name.length) {
    return { resolves: false, why: `the more specific zone ${shadow.name} is associated with ${vpc.label} and answers for ${record.fqdn} instead of ${zone.name}`, decidedBy: shadow.ref };
  }
  if (vpc.dnsSupport === false) return { resolves: false, why: `DNS support (enableDnsSupport) is off in ${vpc.label}`, decidedBy: vpc.ref };
  return { resolves: true, why: `zone ${zone.name} is associated with ${vpc.label}${vpc.dnsSupport === undefined ? " (DNS support assumed on)" : ""}`, decidedBy: zone.ref };
}

/** The IANA root zone's top-level domains (the `tlds` package), lower case. */
const PUBLIC_TLDS: ReadonlySet<string> = new Set((require("tlds") as string[]).map((t) => t.toLowerCase()));
const tldOf = (name: string) => name.replace(/\.$/, "").split(".").pop()!.toLowerCase();
/** Only a name under a public TLD can fall through from the private zones to public DNS. */
const underPublicTld = (name: string) => PUBLIC_TLDS.has(tldOf(name));

const isAddress = (v: string) => /^[0-9.]+$/.test(v) || (/^[0-9a-f:]+$/i.test(v) && v.includes(":"));

/**
 * Where a record leads from `vpc`: its own zone's answer, then CNAME targets followed through the
 * private zones the VPC sees (the most specific associated zone answers, or NXDOMAIN: no fall back),
 * and CNAMEs/aliases to load balancers and endpoints named. Names outside every associated zone go to
 * public DNS, which this stack does not describe.
 */
function follow(model: NetworkModel, record: RecordNode, vpc: VpcNode, seen: Set<string> = new Set()): Omit<NameResult, "name" | "type" | "from"> {
  const own = resolvesFrom(model, record, vpc);
  const chain = [`${record.fqdn} ${record.type}${record.alias ? " alias" : ""} (${record.address})`];
  if (!own.resolves) return { ...own, chain, answers: [] };
  if (record.target) {
    chain.push(`${record.target.kind} ${record.target.name} (${record.target.ref})`);
    return { ...own, why: `${own.why}; ${record.type === "CNAME" ? "CNAME to" : "alias of"} ${record.target.kind} ${record.target.name}, whose DNS name Amazon DNS answers with its addresses`, chain, answers: [`${record.target.kind} ${record.target.name}`] };
  }
  if (record.type !== "CNAME") return { ...own, chain, answers: record.values.filter(isAddress) };
  const target = (record.values[0] ?? "").toLowerCase().replace(/\.$/, "");
  if (seen.has(target) || seen.size > 8) return { resolves: false, why: `CNAME loop through ${target}`, decidedBy: record.address, chain, answers: [] };
  seen.add(record.fqdn);
  const zone = answeringZone(model, target, vpc);
  if (!zone && !underPublicTld(target)) {
    // The Route 53 Resolver asks the internet only for names the internet can hold.
    return { resolves: false, why: `CNAME to ${target}: no private zone ${vpc.label} sees holds it, and .${tldOf(target)} is no public top-level domain, so the Route 53 Resolver answers NXDOMAIN`, decidedBy: record.address, chain: [...chain, `${target}: NXDOMAIN`], answers: [] };
  }
  if (!zone) return { ...own, why: `${own.why}; CNAME to ${target}, outside the private zones ${vpc.label} sees (answered by public DNS, assumed to exist there)`, chain: [...chain, `${target} (public DNS, assumed)`], answers: [] };
  const next = model.records.filter((r) => r.zone === zone.ref && r.fqdn === target && ["A", "AAAA", "CNAME"].includes(r.type));
  if (next.length === 0) {
    return { resolves: false, why: `CNAME to ${target}: zone ${zone.name}, the most specific zone associated with ${vpc.label}, holds no record of it (NXDOMAIN; Route 53 does not fall back)`, decidedBy: zone.ref, chain: [...chain, `${target}: NXDOMAIN in ${zone.name}`], answers: [] };
  }
  const followed = next.map((r) => follow(model, r, vpc, seen));
  const bad = followed.find((f) => !f.resolves);
  if (bad) return { ...bad, chain: [...chain, ...bad.chain] };
  return { ...own, why: `${own.why}; CNAME to ${target}`, chain: [...chain, ...followed.flatMap((f) => f.chain)], answers: [...new Set(followed.flatMap((f) => f.answers))] };
}

/** Addresses a record leads to whichever VPC asks (literal values, CNAMEs followed), for "which names lead into a VPC". */
function recordAddresses(model: NetworkModel, record: RecordNode, depth = 0): string[] {
  if (record.type !== "CNAME" || record.target || depth > 8) return record.values.filter(isAddress);
  const target = (record.values[0] ?? "").toLowerCase().replace(/\.$/, "");
  return model.records.filter((r) => r.fqdn === target && r !== record).flatMap((r) => recordAddresses(model, r, depth + 1));
}

// ---- pairs and blocks --------------------------------------------------------------------------

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
  const seen = new Set<string>();
  for (const record of model.records) {
    // Weighted and failover sets are one name to a resolver.
    const key = `${record.zone} ${record.fqdn} ${record.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const vpc of model.vpcs) names.push({ name: record.fqdn, type: record.type, from: vpc.label, ...follow(model, record, vpc) });
  }
  const dnsOption: DnsOptionResult[] = [];
  for (const p of model.peerings) {
    for (const [asker, owner, side] of [[p.requester, p.accepter, "accepter"], [p.accepter, p.requester, "requester"]] as const) {
      const from = model.vpcs.find((v) => v.ref === asker);
      const to = model.vpcs.find((v) => v.ref === owner);
      if (!from || !to) continue;
      const on = p.dns[side];
      const why = !on
        ? `allow_remote_vpc_dns_resolution is off on ${to.label}'s (the ${side}'s) side of ${p.label}`
        : to.dnsHostnames === false
          ? `DNS hostnames are off in ${to.label}`
          : from.dnsSupport === false
            ? `DNS support is off in ${from.label}`
            : `allow_remote_vpc_dns_resolution is on for ${to.label}'s (the ${side}'s) side of ${p.label}`;
      dnsOption.push({ peering: p.label, from: from.label, to: to.label, privateIps: on && to.dnsHostnames !== false && from.dnsSupport !== false, why });
    }
  }
  const endpoints = analyzeEndpoints(model);
  return { stack: model.stack, ports: ports.map(portLabel), pairs, names, dnsOption, ...(endpoints.length > 0 ? { endpoints } : {}) };
}

type BlockCheck = Omit<BlockResult, "block" | "family">;

// eslint-disable-next-line max-lines-per-function -- the decision chain for one pair, in the order traffic meets each step (route, SG, NACL, return path); each step returns the first blocker
function analyzePair(model: NetworkModel, src: VpcNode, dst: VpcNode, port: PortSpec, srcGroups: ReadonlySet<string>): PairResult {
  const base = { from: src.label, to: dst.label, port: portLabel(port) };
  // ICMP is IPv4's, ICMPv6 IPv6's: a port of one family says nothing about the other family's blocks.
  const families = port.protocol === "icmp" ? ([4] as const) : port.protocol === "icmpv6" ? ([6] as const) : ([4, 6] as const);
  const dstBlocks = families.flatMap((family) => familyBlocks(dst, family).map((block) => ({ block, family })));
  const everyBlock = (check: BlockCheck): BlockResult[] => dstBlocks.map((b) => ({ ...b, ...check }));
  const blockedPair = (step: Step, detail: string, decidedBy: string[]): PairResult => ({
    ...base, verdict: "blocked", step, detail, notes: [], decidedBy, blocks: everyBlock({ verdict: "blocked", step, detail, decidedBy }),
  });

  const peering = findPeering(model, src.ref, dst.ref);
  const gateway = peering ? undefined : transitRoute(model, src, dst);
  if (gateway) return transitPair(model, gateway, src, dst, portLabel(port), families);
  if (!peering) return blockedPair("no peering", `no peering connection between ${src.label} and ${dst.label} (peering is not transitive)`, []);
  const other = [src, dst].find((v) => v.external);
  if (!peering.accepted) {
    return blockedPair("not accepted", other
      ? `${peering.label} is requested from account ${other.account} (${other.label}), which has not accepted it yet (peerings[].accepted: false)`
      : `${peering.label} is requested but nothing accepts it (no auto_accept, no accepter resource)`, [peering.ref]);
  }
  if (dstBlocks.length === 0) return blockedPair("no route there", `${dst.label}'s blocks are not known from the JSON`, [dst.ref]);

  const notes: string[] = [];
  // Rules a peering's securityRules made: when they open only the other way, this way is closed on purpose.
  // A side is opened by the peering's SG rules into it; where neither side has any, by its ACL's
  // ingress rules other than replies (ephemeral ports). ICMP-only ACL rules cannot be told apart.
  const sgByPeering = model.sgRules.filter((r) => r.peering !== undefined && r.peering === peering.name);
  const naclByPeering = model.naclRules.filter((r) => r.peering !== undefined && r.peering === peering.name && !r.egress && !(r.from === EPHEMERAL_PORTS.from && r.to === EPHEMERAL_PORTS.to));
  const opening = sgByPeering.length > 0 ? sgByPeering : naclByPeering;
  const oneWay = opening.some((r) => r.vpc === src.ref) && !opening.some((r) => r.vpc === dst.ref);
  const oneWayWhy = `${peering.label}'s security rules admit connections into ${src.label} only, not into ${dst.label} (securityRules.allowInto)`;

  // Which blocks of dst the peering carries from src at all: a block no route mentions, beside others
  // that are routed, is left out by the config (routeTo), not lost.
  const srcTables = model.routeTables.filter((t) => t.vpc === src.ref && t.inUse);

  const analyzeBlock = (block: string, family: 4 | 6): BlockCheck => {
    const blocked = (step: Step, detail: string, decidedBy: string[], intended = false): BlockCheck => ({ verdict: "blocked", step, detail, decidedBy, ...(intended ? { intended } : {}) });
    const range = parseCidr(block) as CidrRange;
    const srcBlocks = familyBlocks(src, family);
    if (srcBlocks.length === 0) return blocked("no route there", `${src.label} has no IPv${family} block, so nothing in it sends IPv${family}`, [src.ref], true);

    // A peering's traffic needs a route in both VPCs' tables and the security groups' consent: in
    // an external VPC those are its account's, unknown here, so they are assumed.
    let assumed = false;
    const unknownSide = (v: VpcNode, what: string) => {
      assumed = true;
      notes.push(`${what} assumed: ${v.label} is account ${v.account}'s (external), its route tables, security groups and ACLs are not known here`);
    };
    // 1. Route there.
    if (src.external) unknownSide(src, `route from ${src.label} to ${dst.label}`);
    const there = routeFrom(model, src, range, peering);
    if (!src.external && there.tables.length === 0) return blocked("no route there", `no route table of ${src.label} that a subnet uses is managed by this stack`, model.routeTables.filter((t) => t.vpc === src.ref).map((t) => t.ref));
    if (!src.external && there.withRoute.length === 0) {
      const stolen = there.per.flatMap((x) => x.stolen);
      if (stolen.length > 0) {
        return blocked("no route there", `${stolen.map((r) => `${r.destination} goes ${targetLabel(model, r)}`).join(", ")} in ${src.label}'s tables: the most specific route wins`, stolen.map((r) => r.address));
      }
      const otherRouted = dstBlocks.some((b) => b.block !== block && srcTables.some((t) => routeBlock(model, t.ref, parseCidr(b.block) as CidrRange, peering).via.length > 0));
      return blocked(
        "no route there",
        otherRouted
          ? `no table of ${src.label} routes ${block} via ${peering.label}; other blocks of ${dst.label} are routed, so the config leaves this one out (routeTo)`
          : `no table of ${src.label} (${there.tables.map((t) => t.label).join(", ")}) routes ${dst.label} via ${peering.label}`,
        there.tables.map((t) => t.ref),
        otherRouted,
      );
    }
    const via = there.withRoute.flatMap((x) => x.via);
    const routed = src.external ? undefined : wholeOrParts(block, via);
    if (there.withRoute.length < there.tables.length) notes.push(`only ${there.withRoute.map((x) => x.t.label).join(", ")} of ${src.label}'s tables route to ${dst.label}`);
    const stolen = there.withRoute.flatMap((x) => x.stolen);
    if (stolen.length > 0) notes.push(`partly: in ${src.label}'s tables ${[...new Set(stolen.map((r) => `${r.destination} goes ${targetLabel(model, r)}`))].join(", ")} (a more specific route wins)`);

    // 2. Route back, to any of src's blocks of the family.
    const back = ranges(srcBlocks).map((b) => routeFrom(model, dst, b, peering));
    if (dst.external) unknownSide(dst, `route back from ${dst.label} to ${src.label}`);
    else if (!back.some((b) => b.withRoute.length > 0)) {
      const tables = model.routeTables.filter((t) => t.vpc === dst.ref && t.inUse);
      return blocked(
        "no route back",
        tables.length === 0 ? `no route table of ${dst.label} that a subnet uses is managed by this stack` : `no table of ${dst.label} (${tables.map((t) => t.label).join(", ")}) routes ${src.label}'s IPv${family} blocks via ${peering.label}`,
        tables.map((t) => t.ref),
      );
    }
    const backVia = back.flatMap((b) => b.withRoute.flatMap((x) => x.via));
    const path = [...new Set([...via, ...backVia].map((r) => r.address))];

    // 3. Security groups of dst (ingress; egress assumed the default allow-all).
    const sgRules = model.sgRules.filter((r) => r.vpc === dst.ref);
    if (sgRules.length === 0) {
      // No rule of this stack is in dst's groups: AWS decides by rules this stack does not know,
      // one-way or not (allowInto only says which side this stack opens).
      assumed = true;
      notes.push(oneWay
        ? `SG not managed here: ${oneWayWhy}, but no rule of this stack is in ${dst.label}'s groups, so rules it does not know decide: assumed open`
        : `SG not managed here: ${dst.label}'s security groups assumed open`);
    } else {
      const admits = sgRules.find((r) => sgAllows(r, port, srcBlocks, srcGroups));
      if (!admits) {
        const groups = [...new Set(sgRules.map((r) => r.group))];
        // The rules that admit this source on other ports or protocols: what a fix would extend.
        const near = sgRules.filter((r) => sourceMatches(r, srcBlocks, srcGroups));
        const nearText = near.length ? `; rules admitting ${src.label}: ${near.map((r) => `${SG_PROTO[r.protocol] ?? r.protocol}${r.from === -1 ? "" : `/${r.from}${r.to !== r.from ? `-${r.to}` : ""}`}`).join(", ")}` : "";
        return blocked(
          "SG denies",
          oneWay ? oneWayWhy : `no ingress rule of ${groups.join(", ")} in ${dst.label} admits ${portLabel(port)} from ${src.label}'s IPv${family} blocks${nearText}`,
          [...groups.map((g) => `security group ${g}`), ...near.map((r) => r.address)],
          oneWay,
        );
      }
      path.push(admits.address);
    }

    // 4. Network ACLs, both ends, both ways.
    const dstFamily = familyBlocks(dst, family);
    const nacl = naclProblem(model, src, dst, srcBlocks, dstFamily, port);
    if (nacl.denied) return blocked("NACL denies", oneWay ? `${oneWayWhy}: ${nacl.denied}` : nacl.denied, [nacl.decidedBy!], oneWay);
    if (!nacl.managed) {
      assumed = true;
      notes.push("NACL not managed here (at one or both ends): assumed open");
    }
    path.push(...nacl.allowedBy);

    return { verdict: assumed ? "assumed" : "flows", detail: `via ${peering.label}${routed ? ` (only ${routed.join(", ")} of ${block})` : ""}`, decidedBy: path, ...(routed ? { routed } : {}) };
  };
  let blocks: BlockResult[] = dstBlocks.map(({ block, family }) => ({ block, family, ...analyzeBlock(block, family) }));
  // 5. Names that lead into dst must resolve from src: a host is reached by its name, whichever block it answers in.
  for (const record of model.records) {
    if (!recordAddresses(model, record).some((a) => overlapsAny(`${a}/${a.includes(":") ? 128 : 32}`, blocksOf(dst)))) continue;
    const r = follow(model, record, src);
    if (r.resolves) continue;
    const step: Step = "name not resolvable";
    blocks = blocks.map((b) => (b.verdict === "blocked" ? b : { block: b.block, family: b.family, verdict: "blocked", step, detail: `${record.fqdn} (${record.type}): ${r.why}`, decidedBy: [r.decidedBy] }));
    break;
  }

  const dstSide = peering.requester === dst.ref ? "requester" : "accepter";
  const peerHostnames = peering.dns[dstSide] && dst.dnsHostnames !== false && src.dnsSupport !== false ? "private-ip" : "public-ip";
  // Only worth a note when the peering sets the option at all (one side on, this side off).
  if (peerHostnames === "public-ip" && (peering.dns.requester || peering.dns.accepter)) notes.push(`${dst.label}'s instance public DNS hostnames resolve to public IPs from ${src.label} (DNS option off on ${dst.label}'s side of ${peering.label})`);

  const open = blocks.filter((b) => b.verdict !== "blocked");
  const closed = blocks.filter((b) => b.verdict === "blocked");
  if (open.length === 0) {
    // The first block (the primary IPv4 block) tells the story; intended only when every block is.
    const first = closed.find((b) => !b.intended) ?? closed[0];
    return { ...base, verdict: "blocked", step: first.step, detail: first.detail, notes: [...new Set(notes)], decidedBy: first.decidedBy, blocks, ...(closed.every((b) => b.intended) ? { intended: true } : {}), peerHostnames };
  }
  for (const b of closed) notes.push(`${b.block} does not flow: ${b.step}: ${b.detail}`);
  const verdict = open.some((b) => b.verdict === "assumed") ? "assumed" : "flows";
  const partial = closed.length > 0 || open.some((b) => b.routed);
  const reached = open.map((b) => (b.routed ? b.routed.join(", ") : b.block));
  return {
    ...base,
    verdict,
    detail: `via ${peering.label}${partial ? ` to ${reached.join(", ")} only` : ""}`,
    notes: [...new Set(notes)],
    decidedBy: [...new Set(open.flatMap((b) => b.decidedBy))],
    blocks,
    ...(partial ? { partial } : {}),
    peerHostnames,
  };
}

/** The result as people read it: FLOWS, FLOWS* (SG/NACL assumed open), "(partly)" when some blocks do not flow, BLOCKED (intended). */
export function verdictLabel(p: { verdict: PairResult["verdict"]; partial?: boolean; intended?: boolean }): string {
  if (p.verdict === "blocked") return p.intended ? "BLOCKED (intended)" : "BLOCKED";
  return `${p.verdict === "flows" ? "FLOWS" : "FLOWS*"}${p.partial ? " (partly)" : ""}`;
}

/** Pairs whose blocks do not all share the pair's result: those get one line per block. */
export const showsBlocks = (p: PairResult) => p.partial === true || new Set(p.blocks.map((b) => `${b.verdict} ${b.step} ${b.detail}`)).size > 1;

/** Fixed-width table for people. */
export function formatReport(report: ReachabilityReport): string {
  const decided = (by: readonly string[]) => (by.length > 0 ? ` [decided by ${by.join(", ")}]` : "");
  const rows = report.pairs.map((p) => [`${p.from} → ${p.to}`, p.port, verdictLabel(p), p.step ? `${p.step}: ${p.detail}${decided(p.decidedBy)}` : p.detail]);
  const head = ["PAIR", "PORT", "RESULT", "FIRST FAILING STEP / PATH"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const out = [`Reachability of stack ${report.stack} (ports: ${report.ports.join(", ")})`, "", line(head), ...rows.map(line)];
  if (report.pairs.some((p) => p.verdict === "assumed")) {
    out.push("", report.pairs.some((p) => p.notes.some((n) => n.includes("(external)")))
      ? "* FLOWS*: what this stack manages is verified; security groups and/or network ACLs it does not manage, and an external VPC's routes, are assumed open."
      : "* FLOWS*: peering and routes verified; security groups and/or network ACLs are not managed by this stack and are assumed open.");
  }
  if (report.pairs.some((p) => p.intended)) out.push("BLOCKED (intended): closed on purpose by the config (securityRules.allowInto, routeTo), not a fault.");
  const perBlock = report.pairs.filter(showsBlocks);
  if (perBlock.length > 0) {
    out.push("", "Per destination block:");
    for (const p of perBlock) {
      out.push(`  ${p.from} → ${p.to} ${p.port}`);
      for (const b of p.blocks) out.push(`    ${b.block.padEnd(22)} ${verdictLabel({ ...b, partial: b.routed !== undefined }).padEnd(18)} ${b.step ? `${b.step}: ` : ""}${b.detail}${b.verdict === "blocked" ? decided(b.decidedBy) : ""}`);
    }
  }
  const notes = report.pairs.filter((p) => p.notes.length > 0 && p.verdict !== "blocked");
  const distinct = [...new Set(notes.flatMap((p) => p.notes.filter((n) => !/assumed open|does not flow:/.test(n)).map((n) => `${p.from} → ${p.to} ${p.port}: ${n}`)))];
  if (distinct.length > 0) out.push("", "Notes:", ...distinct.map((n) => `  ${n}`));
  if (report.dnsOption.length > 0) {
    out.push("", "Peering DNS option (peer public DNS hostnames resolve to private IPs):");
    for (const d of report.dnsOption) out.push(`  ${d.from} asking for ${d.to}'s hostnames: ${d.privateIps ? "private IPs" : "public IPs"} (${d.why})`);
  }
  if (report.names.length > 0) {
    out.push("", "Names (private hosted zones):");
    const nw = Math.max(...report.names.map((n) => `${n.name} ${n.type}`.length));
    const fw = Math.max(...report.names.map((n) => n.from.length));
    for (const n of report.names) {
      out.push(`  ${`${n.name} ${n.type}`.padEnd(nw)}  from ${n.from.padEnd(fw)}  ${n.resolves ? "RESOLVES" : "DOES NOT RESOLVE"}: ${n.why}`);
      if (n.resolves && n.answers.length > 0) out.push(`  ${"".padEnd(nw)}  ${"".padEnd(fw + 5)}  → ${n.answers.join(", ")}`);
    }
  }
  out.push(...formatEndpoints(report.endpoints ?? []));
  return out.join("\n");
}

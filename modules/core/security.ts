import { QUOTAS } from "./limits";
import { constructIdPart } from "./names";
import { ConfigProblem, error, warning } from "./problems";

// Pure planning of the security-group and network-ACL rules that let two peered VPCs talk.

export type Side = "requester" | "accepter";
export type PortProtocol = "tcp" | "udp" | "icmp" | "icmpv6" | "all";

export interface PortRange {
  readonly protocol: PortProtocol;
  /** tcp/udp only. */
  readonly from?: number;
  readonly to?: number;
}

/** `tcp/443`, `udp/53`, `tcp/8000-8099`, `icmp`, `icmpv6`, `all`; an error string when invalid. */
export function parsePort(spec: string): PortRange | string {
  if (spec === "all" || spec === "icmp" || spec === "icmpv6") return { protocol: spec };
  const m = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/.exec(spec);
  if (!m) return `"${spec}" is not a port: write tcp/443, udp/53, tcp/8000-8099, icmp, icmpv6 or all`;
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  if (from > 65535 || to > 65535 || from > to) return `"${spec}": ports run 0-65535, low end first`;
  return { protocol: m[1] as "tcp" | "udp", from, to };
}

/**
 * Problems with a list of ports, each at `path(i)`: not a port; the same protocol and range as an
 * earlier entry (`tcp/443` twice, or `tcp/443` and `tcp/443-443`: one rule would be made twice);
 * every TCP or UDP port at once (a warning: `all` says it plainly, a named list is safer).
 */
export function portListProblems(ports: readonly string[], path: (i: number) => string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  ports.forEach((spec, i) => {
    const p = parsePort(spec);
    if (typeof p === "string") {
      problems.push(error(path(i), p));
      return;
    }
    const key = `${p.protocol}/${p.from ?? ""}-${p.to ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(error(path(i), `"${spec}" opens what ${path(first)} ("${ports[first]}") opens already: remove one`));
    else seen.set(key, i);
    if ((p.protocol === "tcp" || p.protocol === "udp") && p.from === 0 && p.to === 65535) {
      problems.push(warning(path(i), `"${spec}" is every ${p.protocol.toUpperCase()} port: list the ports the peer needs (e.g. ${p.protocol}/443)`));
    }
  });
  return problems;
}

/** What the planner needs to know about one side. */
export interface SecuritySide {
  /** Blocks the peer routes to (and so may arrive from). */
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** Groups of this VPC that admit the peer. */
  readonly securityGroups: readonly string[];
  readonly networkAcl?: { readonly id: string; readonly ruleNumberBase?: number };
}

export interface SecurityRulesInput {
  readonly requester: SecuritySide;
  readonly accepter: SecuritySide;
  readonly ports: readonly string[];
  /** Sides that accept connections from the other. */
  readonly allowInto: readonly Side[];
  /** Reference the peer's groups instead of its CIDRs (same region, same account only). */
  readonly referencePeerGroups: boolean;
}

export interface SgRulePlan {
  readonly id: string;
  readonly side: Side;
  readonly securityGroupId: string;
  /** tcp, udp, icmp, icmpv6 or -1. */
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly source: { readonly cidrIpv4: string } | { readonly cidrIpv6: string } | { readonly securityGroupId: string };
}

export interface NaclRulePlan {
  readonly id: string;
  readonly side: Side;
  readonly networkAclId: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** IANA number as a string: 6 tcp, 17 udp, 1 icmp, 58 icmpv6, -1 all. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly cidr: string;
  readonly family: 4 | 6;
}

export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
export const DEFAULT_RULE_NUMBER_BASE = 1000;

/**
 * Hands out network-ACL rule numbers, counting up per ACL and direction from the ACL's base.
 * Share one across every peering of a stack so peerings that touch the same ACL never collide.
 */
export class RuleNumbers {
  private readonly next = new Map<string, { next: number; count: number }>();

  take(aclId: string, egress: boolean, base = DEFAULT_RULE_NUMBER_BASE): number {
    const key = `${aclId} ${egress ? "egress" : "ingress"}`;
    const entry = this.next.get(key) ?? { next: base, count: 0 };
    const n = entry.next;
    this.next.set(key, { next: n + 1, count: entry.count + 1 });
    return n;
  }

  /** Per ACL and direction (`"acl-1 ingress"`): rules handed out and the highest number used. */
  usage(): Array<{ readonly key: string; readonly count: number; readonly highest: number }> {
    return [...this.next].map(([key, e]) => ({ key, count: e.count, highest: e.next - 1 }));
  }
}

const NACL_PROTOCOL: Record<PortProtocol, string> = { tcp: "6", udp: "17", icmp: "1", icmpv6: "58", all: "-1" };
const SG_PROTOCOL: Record<PortProtocol, string> = { tcp: "tcp", udp: "udp", icmp: "icmp", icmpv6: "icmpv6", all: "-1" };
const fits = (p: PortProtocol, family: 4 | 6) => !((p === "icmp" && family === 6) || (p === "icmpv6" && family === 4));
const portLabel = (p: PortRange) => (p.from === undefined ? p.protocol : `${p.protocol}-${p.from}${p.to !== p.from ? `-${p.to}` : ""}`);

/**
 * Every rule for one peering. Into each side in `allowInto`: security-group ingress on the listed
 * ports from the peer (its groups, or its CIDRs); where a side has a custom network ACL, rules both
 * ways: the server side admits the ports and lets replies out to ephemeral ports 1024-65535, the
 * client side lets the ports out and admits the replies. Never 0.0.0.0/0: sources are the peer's blocks.
 */
export function planPeerSecurity(input: SecurityRulesInput, ruleNumbers = new RuleNumbers()): { sg: SgRulePlan[]; nacl: NaclRulePlan[] } {
  const ports = input.ports.map((spec) => {
    const p = parsePort(spec);
    if (typeof p === "string") throw new Error(`securityRules.ports: ${p}`);
    return p;
  });
  const sides = { requester: input.requester, accepter: input.accepter };
  for (const [side, s] of Object.entries(sides)) {
    for (const cidr of [...s.ipv4, ...s.ipv6]) {
      if (/\/0$/.test(cidr)) throw new Error(`securityRules: ${side} block ${cidr} would open the group to everyone; peer rules only admit the peer's VPC blocks`);
    }
  }
  const sg: SgRulePlan[] = [];
  const nacl: NaclRulePlan[] = [];
  const seenNacl = new Set<string>();
  const blocks = (s: SecuritySide) => [...s.ipv4.map((c) => ({ c, f: 4 as const })), ...s.ipv6.map((c) => ({ c, f: 6 as const }))];

  const naclRule = (side: Side, egress: boolean, p: PortRange, cidr: string, family: 4 | 6) => {
    const acl = sides[side].networkAcl!;
    const key = `${acl.id}|${egress}|${p.protocol}|${p.from}|${p.to}|${cidr}`;
    if (seenNacl.has(key)) return;
    seenNacl.add(key);
    const icmp = p.protocol === "icmp" || p.protocol === "icmpv6";
    nacl.push({
      id: `nacl-${side}-${egress ? "out" : "in"}-${portLabel(p)}-${constructIdPart(cidr, `block-${nacl.length}`)}`,
      side,
      networkAclId: acl.id,
      ruleNumber: ruleNumbers.take(acl.id, egress, acl.ruleNumberBase),
      egress,
      protocol: NACL_PROTOCOL[p.protocol],
      fromPort: p.from ?? 0,
      toPort: p.to ?? 0,
      ...(icmp ? { icmpType: -1, icmpCode: -1 } : {}),
      cidr,
      family,
    });
  };
  const reply = (p: PortRange): PortRange => (p.protocol === "tcp" || p.protocol === "udp" ? { protocol: p.protocol, ...EPHEMERAL_PORTS } : p);

  for (const server of (["requester", "accepter"] as const).filter((s) => input.allowInto.includes(s))) {
    const client: Side = server === "requester" ? "accepter" : "requester";
    const S = sides[server];
    const C = sides[client];
    for (const p of ports) {
      for (const [g, group] of S.securityGroups.entries()) {
        const groupPart = constructIdPart(group, `group-${g}`);
        const icmp = p.protocol === "icmp" || p.protocol === "icmpv6";
        // For ICMP the "ports" are type and code; -1/-1 admits every type.
        const base = { side: server, securityGroupId: group, ipProtocol: SG_PROTOCOL[p.protocol], fromPort: icmp ? -1 : p.from, toPort: icmp ? -1 : p.to };
        if (input.referencePeerGroups && C.securityGroups.length > 0) {
          for (const [j, peerGroup] of C.securityGroups.entries()) {
            sg.push({ ...base, id: `sg-${server}-${groupPart}-${portLabel(p)}-from-${constructIdPart(peerGroup, `group-${j}`)}`, source: { securityGroupId: peerGroup } });
          }
        } else {
          for (const { c, f } of blocks(C)) {
            if (!fits(p.protocol, f)) continue;
            sg.push({ ...base, id: `sg-${server}-${groupPart}-${portLabel(p)}-from-${constructIdPart(c, `block-${sg.length}`)}`, source: f === 4 ? { cidrIpv4: c } : { cidrIpv6: c } });
          }
        }
      }
      if (S.networkAcl) {
        for (const { c, f } of blocks(C)) if (fits(p.protocol, f)) naclRule(server, false, p, c, f);
        for (const { c, f } of blocks(C)) if (fits(p.protocol, f)) naclRule(server, true, reply(p), c, f);
      }
      if (C.networkAcl) {
        for (const { c, f } of blocks(S)) if (fits(p.protocol, f)) naclRule(client, true, p, c, f);
        for (const { c, f } of blocks(S)) if (fits(p.protocol, f)) naclRule(client, false, reply(p), c, f);
      }
    }
  }
  return { sg, nacl };
}

/**
 * Network-ACL rules handed out across a stack against AWS's limits: rules per direction and the
 * highest rule number. `ownerOf` names an ACL for the message (e.g. `vpcs.web.networkAcl`).
 */
export function naclUsageProblems(numbers: RuleNumbers, ownerOf: (aclId: string) => string): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  const perDirection = QUOTAS.naclRulesPerDirection;
  for (const { key, count, highest } of numbers.usage()) {
    const [aclId, direction] = key.split(" ");
    const path = ownerOf(aclId);
    if (count > perDirection.max) {
      found.push(error(path, `needs ${count} ${direction} rules for its peers; AWS allows at most ${perDirection.max} per direction (default ${perDirection.default}): open fewer ports, route fewer blocks, or drop the custom ACL`));
    }
    if (highest > QUOTAS.naclRuleNumber.max) {
      found.push(error(`${path}.ruleNumberBase`, `rule numbers run up to ${highest}, past AWS's ${QUOTAS.naclRuleNumber.max}: lower ruleNumberBase`));
    }
  }
  return found;
}

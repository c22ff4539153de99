import type { NaclRule, NetworkModel, RecordNode, RouteEdge, SgRule, VpcNode, ZoneNode } from "../../modules/report/network-model";
import { analyzeReachability, formatReport, PairResult, PortSpec } from "../../modules/report/reachability";

// Per direction and per destination block: each of the peer's blocks reachable or not, the first
// failing step and the resource deciding it, intended blocks told from faults; DNS followed through
// CNAMEs to load balancers. Each test names the AWS rule it rests on.

const vpc = (ref: string, ipv4: string[], ipv6: string[] = [], securityGroups: string[] = []): VpcNode => ({ ref, label: ref, created: false, ipv4, ipv6, securityGroups, dnsSupport: true, dnsHostnames: true });
const route = (table: string, destination: string, peering?: string): RouteEdge => ({ address: `aws_route.${table}-${destination}`, table, destination, peering });
const peering = (ref: string, requester: string, accepter: string) => ({ ref, label: ref, name: ref, requester, accepter, accepted: true, dns: { requester: false, accepter: false } });
const sg = (address: string, vpc: string, group: string, source: SgRule["source"], extra: Partial<SgRule> = {}): SgRule => ({ address, vpc, group, protocol: "tcp", from: 443, to: 443, source, ...extra });
const record = (address: string, zone: string, fqdn: string, type: string, values: string[], extra: Partial<RecordNode> = {}): RecordNode => ({ address, zone, fqdn, type, values, alias: false, ...extra });

function model(parts: Partial<NetworkModel>): NetworkModel {
  return {
    stack: "t",
    vpcs: [vpc("a", ["10.0.0.0/16"], ["2600:1::/56"]), vpc("b", ["10.1.0.0/16"], ["2600:2::/56"])],
    routeTables: [{ ref: "data.aws_route_table.ta", label: "ta", vpc: "a", inUse: true }, { ref: "data.aws_route_table.tb", label: "tb", vpc: "b", inUse: true }],
    peerings: [peering("p", "a", "b")],
    routes: [
      route("data.aws_route_table.ta", "10.1.0.0/16", "p"), route("data.aws_route_table.tb", "10.0.0.0/16", "p"),
      route("data.aws_route_table.ta", "2600:2::/56", "p"), route("data.aws_route_table.tb", "2600:1::/56", "p"),
    ],
    sgRules: [],
    naclRules: [],
    zones: [],
    records: [],
    ...parts,
  };
}
const tcp443: PortSpec = { protocol: "tcp", port: 443 };
const pair = (m: NetworkModel, from = "a", to = "b", port: PortSpec = tcp443): PairResult => analyzeReachability(m, [port]).pairs.find((p) => p.from === from && p.to === to)!;
const block = (p: PairResult, cidr: string) => p.blocks.find((b) => b.block === cidr)!;

it("every block of the peer is judged on its own, IPv4 then IPv6 (a route carries only its own address family)", () => {
  const m = model({ routes: model({}).routes.filter((r) => r.destination !== "2600:2::/56") });
  const p = pair(m);
  expect(p.blocks.map((b) => [b.block, b.verdict])).toEqual([["10.1.0.0/16", "assumed"], ["2600:2::/56", "blocked"]]);
  expect(p).toMatchObject({ verdict: "assumed", partial: true, detail: "via p to 10.1.0.0/16 only" });
  // The deciding resource of the blocked block: the source's route table that has no route for it.
  expect(block(p, "2600:2::/56")).toMatchObject({ step: "no route there", decidedBy: ["data.aws_route_table.ta"] });
  // The stack's routes all come from its config: with the peer's other block routed, this one was left out (routeTo).
  expect(block(p, "2600:2::/56")).toMatchObject({ intended: true, detail: expect.stringMatching(/leaves this one out \(routeTo\)/) });
  expect(formatReport(analyzeReachability(m, [tcp443]))).toMatch(/a → b\s+tcp\/443\s+FLOWS\* \(partly\)/);
  // The other direction: IPv6 reaches a, but a has no route back to b's IPv6 block.
  expect(block(pair(m, "b", "a"), "2600:1::/56")).toMatchObject({ step: "no route back", decidedBy: ["data.aws_route_table.ta"] });
  expect(block(pair(m, "b", "a"), "10.0.0.0/16").verdict).toBe("assumed");
});

it("longest prefix match (the most specific route wins): the route that takes the block away decides it", () => {
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"]), vpc("c", ["10.2.0.0/16"])],
    peerings: [peering("p", "a", "b"), peering("q", "a", "c")],
    routes: [route("data.aws_route_table.ta", "10.0.0.0/8", "p"), route("data.aws_route_table.ta", "10.1.0.0/16", "q"), route("data.aws_route_table.tb", "10.0.0.0/16", "p")],
  });
  expect(block(pair(m), "10.1.0.0/16")).toMatchObject({ verdict: "blocked", step: "no route there", decidedBy: ["aws_route.data.aws_route_table.ta-10.1.0.0/16"] });
  expect(block(pair(m), "10.1.0.0/16").detail).toMatch(/10\.1\.0\.0\/16 goes via q/);
});

it("a block no route mentions while the peer's other blocks are routed is left out by the config (routeTo), not a fault", () => {
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16", "100.64.0.0/20"])],
    routes: [route("data.aws_route_table.ta", "10.1.0.0/16", "p"), route("data.aws_route_table.tb", "10.0.0.0/16", "p")],
  });
  const p = pair(m);
  expect(block(p, "100.64.0.0/20")).toMatchObject({ verdict: "blocked", intended: true, detail: expect.stringMatching(/routeTo/) });
  // With no route to any block of the peer, the missing route is a fault.
  const none = model({ vpcs: m.vpcs, routes: [route("data.aws_route_table.tb", "10.0.0.0/16", "p")] });
  expect(pair(none)).toMatchObject({ verdict: "blocked", step: "no route there" });
  expect(pair(none).intended).toBeUndefined();
});

it("a route to a narrower range inside a block carries that range only (routeTo include): the block flows partly", () => {
  const m = model({ vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"])], routes: [route("data.aws_route_table.ta", "10.1.8.0/21", "p"), route("data.aws_route_table.tb", "10.0.0.0/16", "p")] });
  expect(block(pair(m), "10.1.0.0/16")).toMatchObject({ verdict: "assumed", routed: ["10.1.8.0/21"] });
  expect(pair(m)).toMatchObject({ partial: true, detail: "via p to 10.1.8.0/21 only" });
});

it("security groups deny what no ingress rule allows (stateful: replies need no rule): a one-way peering (allowInto) is blocked on purpose where the stack decides the closed side's groups", () => {
  // The peering's rules open b only: connections into a are closed by the config.
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"], [], ["sg-a"]), vpc("b", ["10.1.0.0/16"], [], ["sg-b"])],
    sgRules: [sg("aws_vpc_security_group_ingress_rule.into-b", "b", "sg-b", { cidr: "10.0.0.0/16" }, { peering: "p" })],
  });
  expect(pair(m, "a", "b").verdict).not.toBe("blocked");
  expect(pair(m, "a", "b").decidedBy).toContain("aws_vpc_security_group_ingress_rule.into-b");
  // The stack manages no rule in a's groups: rules it does not know decide, so b → a is assumed, not denied.
  expect(pair(m, "b", "a")).toMatchObject({ verdict: "assumed" });
  expect(pair(m, "b", "a").notes.join("\n")).toMatch(/admit connections into b only, not into a \(securityRules\.allowInto\), but no rule of this stack is in a's groups, so rules it does not know decide: assumed open/);
  // With a rule of this stack in a's group (from another peer), the closed direction is decided here: denied on purpose.
  const decided = model({ ...m, vpcs: [...m.vpcs, vpc("c", ["10.2.0.0/16"], [], ["sg-c"])], sgRules: [...m.sgRules, sg("aws_vpc_security_group_ingress_rule.c-into-a", "a", "sg-a", { cidr: "10.2.0.0/16" }, { peering: "q" })] });
  expect(pair(decided, "b", "a")).toMatchObject({ verdict: "blocked", step: "SG denies", intended: true });
  expect(formatReport(analyzeReachability(decided, [tcp443]))).toMatch(/b → a\s+tcp\/443\s+BLOCKED \(intended\)\s+SG denies/);
  // A rule that admits the wrong port is a fault, decided by the group.
  const wrong = model({ ...m, sgRules: [...m.sgRules, sg("aws_vpc_security_group_ingress_rule.into-a", "a", "sg-a", { cidr: "10.1.0.0/16" }, { peering: "p", from: 22, to: 22 })] });
  // The group decides; the rule that admits b on another port is named beside it (what a fix extends).
  expect(pair(wrong, "b", "a")).toMatchObject({ verdict: "blocked", step: "SG denies", decidedBy: ["security group sg-a", "aws_vpc_security_group_ingress_rule.into-a"] });
  expect(pair(wrong, "b", "a").detail).toMatch(/rules admitting b: tcp\/22$/);
  expect(pair(wrong, "b", "a").intended).toBeUndefined();
});

it("a CIDR rule admits its own address family only: an IPv4 rule does not admit the peer's IPv6 addresses", () => {
  const m = model({ sgRules: [sg("aws_vpc_security_group_ingress_rule.v4", "b", "sg-b", { cidr: "10.0.0.0/16" })] });
  const p = pair(m);
  expect(block(p, "10.1.0.0/16").verdict).not.toBe("blocked");
  expect(block(p, "2600:2::/56")).toMatchObject({ verdict: "blocked", step: "SG denies" });
});

it("network ACLs are evaluated in rule-number order and the first match decides: the denying entry is named", () => {
  const nacl = (address: string, vpc: string, number: number, egress: boolean, allow: boolean, cidr: string, from = 0, to = 65535): NaclRule => ({ address, vpc, acl: `acl-${vpc}`, number, egress, protocol: "-1", from, to, cidr, allow });
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"])],
    naclRules: [
      nacl("aws_network_acl_rule.a-out", "a", 100, true, true, "10.1.0.0/16"),
      nacl("aws_network_acl_rule.a-in", "a", 100, false, true, "10.1.0.0/16"),
      nacl("aws_network_acl_rule.b-deny", "b", 90, false, false, "10.0.0.0/16"),
      nacl("aws_network_acl_rule.b-in", "b", 100, false, true, "10.0.0.0/16"),
      nacl("aws_network_acl_rule.b-out", "b", 100, true, true, "10.0.0.0/16"),
    ],
  });
  expect(pair(m)).toMatchObject({ verdict: "blocked", step: "NACL denies", decidedBy: ["aws_network_acl_rule.b-deny"] });
  // With no entry matching, the ACL's final `*` entry denies: the ACL decides.
  const none = model({ ...m, naclRules: m.naclRules.filter((r) => r.address !== "aws_network_acl_rule.b-deny" && r.address !== "aws_network_acl_rule.b-in") });
  expect(pair(none)).toMatchObject({ step: "NACL denies", decidedBy: ["network ACL acl-b"] });
});

it("a one-way peering over managed network ACLs: the closed direction is closed by the stack's own ACL rules (intended), seen past the groups the stack does not manage", () => {
  const nacl = (address: string, vpc: string, number: number, egress: boolean, cidr: string, from: number, to: number): NaclRule => ({ address, vpc, acl: `acl-${vpc}`, number, egress, protocol: "6", from, to, cidr, allow: true });
  // The peering opens a only (allowInto); b's groups hold no rule of this stack; a's ACL admits b on
  // 443 and lets replies out, and nothing out of a on 443 toward b.
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"], [], ["sg-a"]), vpc("b", ["10.1.0.0/16"], [], ["sg-b"])],
    sgRules: [sg("aws_vpc_security_group_ingress_rule.into-a", "a", "sg-a", { cidr: "10.1.0.0/16" }, { peering: "p" })],
    naclRules: [
      nacl("aws_network_acl_rule.a-in-443", "a", 100, false, "10.1.0.0/16", 443, 443),
      nacl("aws_network_acl_rule.a-out-replies", "a", 110, true, "10.1.0.0/16", 1024, 65535),
    ],
  });
  expect(pair(m, "a", "b")).toMatchObject({ verdict: "blocked", step: "NACL denies", intended: true, decidedBy: ["network ACL acl-a"] });
  expect(pair(m, "a", "b").detail).toMatch(/acl-a: no rule of this stack admits tcp\/443 out of a to b/);
});

it("ICMP is IPv4's protocol: an icmp check covers the peer's IPv4 blocks only", () => {
  const p = pair(model({}), "a", "b", { protocol: "icmp" });
  expect(p.blocks.map((b) => b.block)).toEqual(["10.1.0.0/16"]);
  expect(p.partial).toBeUndefined();
});

describe("DNS", () => {
  const zone = (ref: string, name: string, vpcs: string[]): ZoneNode => ({ ref, name, vpcs });
  it("a CNAME is followed within the private zones the VPC sees (a missing target in the most specific zone is NXDOMAIN: no fall back)", () => {
    const m = model({
      zones: [zone("z1", "corp.internal", ["a", "b"]), zone("z2", "db.corp.internal", ["a"])],
      records: [
        record("aws_route53_record.reports", "z1", "reports.corp.internal", "CNAME", ["pg.db.corp.internal"]),
        record("aws_route53_record.pg", "z1", "pg.db.corp.internal", "A", ["10.1.0.10"]),
      ],
    });
    const names = analyzeReachability(m, [tcp443]).names.filter((n) => n.name === "reports.corp.internal");
    expect(names.find((n) => n.from === "b")).toMatchObject({ resolves: true, answers: ["10.1.0.10"] });
    expect(names.find((n) => n.from === "b")!.chain).toEqual(["reports.corp.internal CNAME (aws_route53_record.reports)", "pg.db.corp.internal A (aws_route53_record.pg)"]);
    // From a, db.corp.internal (associated, more specific) answers for the target and holds no record of it.
    expect(names.find((n) => n.from === "a")).toMatchObject({ resolves: false, decidedBy: "z2", why: expect.stringMatching(/NXDOMAIN; Route 53 does not fall back/) });
  });

  it("a CNAME or alias to a load balancer resolves to the load balancer, named with its data source", () => {
    const m = model({
      zones: [zone("aws_route53_zone.z", "lab.private", ["a"])],
      records: [record("aws_route53_record.api", "aws_route53_zone.z", "api.lab.private", "CNAME", ["${data.aws_lb.api.dns_name}"], { target: { kind: "load balancer", ref: "data.aws_lb.api", name: "api-elb" } })],
    });
    const names = analyzeReachability(m, [tcp443]).names;
    expect(names.find((n) => n.from === "a")).toMatchObject({ resolves: true, answers: ["load balancer api-elb"], chain: ["api.lab.private CNAME (aws_route53_record.api)", "load balancer api-elb (data.aws_lb.api)"] });
    expect(names.find((n) => n.from === "b")).toMatchObject({ resolves: false, decidedBy: "aws_route53_zone.z" });
  });

  it("the peering DNS option is what it is: the peer's public DNS hostnames resolve to private IPs, per direction, set by the peer's side", () => {
    const m = model({ peerings: [{ ...peering("p", "a", "b"), dns: { requester: false, accepter: true } }] });
    const r = analyzeReachability(m, [tcp443]);
    // The accepter (b) set it: a resolves b's hostnames to private IPs; b resolves a's to public IPs.
    expect(r.dnsOption).toEqual([
      expect.objectContaining({ from: "a", to: "b", privateIps: true }),
      expect.objectContaining({ from: "b", to: "a", privateIps: false, why: expect.stringMatching(/off on a's \(the requester's\) side of p/) }),
    ]);
    expect(formatReport(r)).toMatch(/Peering DNS option \(peer public DNS hostnames resolve to private IPs\):\n {2}a asking for b's hostnames: private IPs/);
  });
});

it("--against lists a block a still-flowing pair loses (IPv6 route removed), beside the pairs", () => {
  const { diffReports } = require("../../modules/report/diff") as typeof import("../../modules/report/diff");
  const before = analyzeReachability(model({}), [tcp443]);
  const after = analyzeReachability(model({ routes: model({}).routes.filter((r) => r.destination !== "2600:2::/56") }), [tcp443]);
  const diff = diffReports(before, after);
  expect(diff.gained).toEqual([]);
  expect(diff.lost.map((c) => c.what)).toEqual(["a → b tcp/443 block 2600:2::/56", "b → a tcp/443 block 2600:1::/56"]);
  expect(diff.lost[0]).toMatchObject({ before: "flows", after: expect.stringMatching(/^blocked \(no route there: /) });
});

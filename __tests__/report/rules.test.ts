import type { NetworkModel, RouteEdge, VpcNode } from "../../modules/report/network-model";
import { analyzeReachability } from "../../modules/report/reachability";

// The report's verdicts against AWS's documented rules, each on a small hand-built model.

const vpc = (ref: string, ipv4: string[], ipv6: string[] = [], securityGroups: string[] = []): VpcNode => ({ ref, label: ref, created: false, ipv4, ipv6, securityGroups, dnsSupport: true, dnsHostnames: true });
const route = (table: string, destination: string, peering?: string): RouteEdge => ({ address: `aws_route.${table}_${destination}`, table, destination, peering });
const peering = (ref: string, requester: string, accepter: string) => ({ ref, label: ref, name: ref, requester, accepter, accepted: true, dns: { requester: false, accepter: false } });

function model(parts: Partial<NetworkModel>): NetworkModel {
  return {
    stack: "t",
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"])],
    routeTables: [{ ref: "ta", label: "ta", vpc: "a", inUse: true }, { ref: "tb", label: "tb", vpc: "b", inUse: true }],
    peerings: [peering("p", "a", "b")],
    routes: [route("ta", "10.1.0.0/16", "p"), route("tb", "10.0.0.0/16", "p")],
    sgRules: [],
    naclRules: [],
    zones: [],
    records: [],
    ...parts,
  };
}
const verdict = (m: NetworkModel, from = "a", to = "b") => analyzeReachability(m, [{ protocol: "tcp", port: 443 }]).pairs.find((p) => p.from === from && p.to === to)!;

it("the baseline flows both ways (SG and NACL not managed: assumed open)", () => {
  expect(verdict(model({})).verdict).toBe("assumed");
  expect(verdict(model({}), "b", "a").verdict).toBe("assumed");
});

it("longest prefix match (VPC route tables use the most specific matching route): a more specific route to another peering takes part of the block", () => {
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"]), vpc("c", ["10.2.0.0/16"])],
    peerings: [peering("p", "a", "b"), peering("q", "a", "c")],
    routes: [
      route("ta", "10.1.0.0/16", "p"),
      route("ta", "10.1.0.0/17", "q"),
      route("tb", "10.0.0.0/16", "p"),
    ],
  });
  const partly = verdict(m);
  expect(partly.verdict).not.toBe("blocked");
  expect(partly.notes.join("\n")).toMatch(/partly: in a's tables 10\.1\.0\.0\/17 goes via q/);
  // A more specific route to elsewhere covering the whole block takes all of it.
  const all = model({
    vpcs: [vpc("a", ["10.0.0.0/16"]), vpc("b", ["10.1.0.0/16"]), vpc("c", ["10.2.0.0/16"])],
    peerings: [peering("p", "a", "b"), peering("q", "a", "c")],
    routes: [
      route("ta", "10.0.0.0/8", "p"),
      route("ta", "10.1.0.0/16", "q"),
      route("tb", "10.0.0.0/16", "p"),
    ],
  });
  expect(verdict(all)).toMatchObject({ verdict: "blocked", step: "no route there" });
});

it("address families (a route only carries its own family): an IPv6 route towards a peer with no IPv6 carries nothing", () => {
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"], ["2600:1f14:1::/56"]), vpc("b", ["10.1.0.0/16"])],
    routes: [route("ta", "2600:1f14:2::/56", "p"), route("tb", "10.0.0.0/16", "p")],
  });
  expect(verdict(m)).toMatchObject({ verdict: "blocked", step: "no route there" });
});

it("a rule referencing a security group admits only members of that group (not any peer's group)", () => {
  const m = model({
    vpcs: [vpc("a", ["10.0.0.0/16"], [], ["sg-aaa"]), vpc("b", ["10.1.0.0/16"], [], ["sg-bbb"]), vpc("c", ["10.2.0.0/16"], [], ["sg-ccc"])],
    peerings: [peering("p", "a", "b"), peering("q", "c", "b")],
    routes: [
      route("ta", "10.1.0.0/16", "p"),
      route("tb", "10.0.0.0/16", "p"),
      route("tc", "10.1.0.0/16", "q"),
      route("tb", "10.2.0.0/16", "q"),
    ],
    routeTables: [{ ref: "ta", label: "ta", vpc: "a", inUse: true }, { ref: "tb", label: "tb", vpc: "b", inUse: true }, { ref: "tc", label: "tc", vpc: "c", inUse: true }],
    sgRules: [{ address: "r", vpc: "b", group: "sg-bbb", protocol: "tcp", from: 443, to: 443, source: { group: "sg-ccc" } }],
  });
  expect(verdict(m, "c", "b").verdict).not.toBe("blocked");
  expect(verdict(m, "a", "b")).toMatchObject({ verdict: "blocked", step: "SG denies" });
});

it("a created route table no subnet uses routes nothing (only associated or main tables carry traffic)", () => {
  const m = model({ routeTables: [{ ref: "ta", label: "ta", vpc: "a", inUse: false }, { ref: "tb", label: "tb", vpc: "b", inUse: true }] });
  expect(verdict(m)).toMatchObject({ verdict: "blocked", step: "no route there" });
});

it("Route 53 answers from the most specific associated private zone and does not fall back to a less specific one", () => {
  const m = model({
    zones: [{ ref: "z1", name: "corp.internal", vpcs: ["a", "b"] }, { ref: "z2", name: "prod.corp.internal", vpcs: ["a"] }],
    records: [{ address: "aws_route53_record.db", zone: "z1", fqdn: "db.prod.corp.internal", type: "A", values: ["10.1.0.10"], alias: false }],
  });
  const names = analyzeReachability(m, [{ protocol: "tcp", port: 443 }]).names;
  expect(names.find((n) => n.from === "b")).toMatchObject({ resolves: true });
  expect(names.find((n) => n.from === "a")).toMatchObject({ resolves: false, why: expect.stringMatching(/more specific zone prod\.corp\.internal is associated with a/) });
});

describe("--ports: single ports, ranges and protocols", () => {
  const { parsePortSpec } = require("../../modules/report/reachability") as typeof import("../../modules/report/reachability");
  it("parses what users write and refuses the rest, saying what to write", () => {
    expect(parsePortSpec("443")).toEqual({ protocol: "tcp", port: 443 });
    expect(parsePortSpec("udp/53")).toEqual({ protocol: "udp", port: 53 });
    expect(parsePortSpec("tcp/1024-65535")).toEqual({ protocol: "tcp", port: 1024, toPort: 65535 });
    expect(parsePortSpec("icmp")).toEqual({ protocol: "icmp" });
    expect(parsePortSpec("tcp/2000-1000")).toMatch(/is not a port: write .*tcp\/1024-65535/);
  });

  it("a security group admits a range only when one rule covers all of it", () => {
    const m = model({ sgRules: [{ address: "r", vpc: "b", group: "sg-bbb", protocol: "tcp", from: 1024, to: 2048, source: { cidr: "10.0.0.0/16" } }] });
    const result = (spec: string) => analyzeReachability(m, [parsePortSpec(spec) as never]).pairs.find((p) => p.from === "a" && p.to === "b")!;
    expect(result("tcp/1024-2048").verdict).not.toBe("blocked");
    expect(result("tcp/1024-65535")).toMatchObject({ verdict: "blocked", step: "SG denies", port: "tcp/1024-65535" });
  });
});

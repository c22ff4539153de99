import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { planPeerSecurity, RuleNumbers } from "../../modules/core/security";
import { config, created, resources, synthConfig } from "./helpers";

const existing = (name: string, cidr: string, extra: Record<string, unknown> = {}) => ({ name, cidr, routeTables: [`${name}-rtb`], ...extra });

describe("peer security rules (examples/existing-vpcs-security.yaml)", () => {
  const out = synthConfig("examples/existing-vpcs-security.yaml");
  const sgRules = Object.values(resources(out, "aws_vpc_security_group_ingress_rule"));
  const naclRules = Object.values(resources(out, "aws_network_acl_rule"));

  it("admits the peer's routed blocks on the listed ports, into the allowed side only", () => {
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: "sg-0a1b2c3d4e5f60002", ip_protocol: "tcp", from_port: 5432, to_port: 5432, cidr_ipv4: "10.0.0.0/16",
    });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: "sg-0a1b2c3d4e5f60002", ip_protocol: "tcp", cidr_ipv6: "2600:1f14:aaa:1100::/56",
    });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { ip_protocol: "icmp", from_port: -1, to_port: -1, cidr_ipv4: "10.0.0.0/16" });
    expect(sgRules.every((r) => r.security_group_id === "sg-0a1b2c3d4e5f60002")).toBe(true);
    // web excludes its 100.64.0.0/20 pod range from what peers reach.
    expect(sgRules.some((r) => r.cidr_ipv4 === "100.64.0.0/20")).toBe(false);
  });

  it("never opens to 0.0.0.0/0 or ::/0", () => {
    for (const r of [...sgRules, ...naclRules]) {
      expect([r.cidr_ipv4, r.cidr_block]).not.toContain("0.0.0.0/0");
      expect([r.cidr_ipv6, r.ipv6_cidr_block]).not.toContain("::/0");
    }
  });

  it("opens the client's custom NACL both ways: ports out, ephemeral replies in", () => {
    expect(out).toHaveResourceWithProperties(NetworkAclRule, {
      network_acl_id: "acl-0a1b2c3d4e5f60001", egress: true, protocol: "6", from_port: 5432, to_port: 5432, cidr_block: "10.2.8.0/21", rule_action: "allow",
    });
    expect(out).toHaveResourceWithProperties(NetworkAclRule, {
      network_acl_id: "acl-0a1b2c3d4e5f60001", egress: false, protocol: "6", from_port: 1024, to_port: 65535, cidr_block: "10.2.8.0/21",
    });
    expect(out).toHaveResourceWithProperties(NetworkAclRule, {
      network_acl_id: "acl-0a1b2c3d4e5f60001", egress: false, protocol: "6", from_port: 1024, to_port: 65535, ipv6_cidr_block: "2600:1f14:aaa:2200::/56",
    });
    expect(out).toHaveResourceWithProperties(NetworkAclRule, { egress: true, protocol: "1", icmp_type: -1, icmp_code: -1 });
  });

  it("numbers NACL rules from the base, distinct per direction", () => {
    for (const egress of [true, false]) {
      const numbers = naclRules.filter((r) => r.egress === egress).map((r) => r.rule_number as number);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(Math.min(...numbers)).toBe(2000);
    }
  });
});

describe("peer security rules: sources and NACL sharing", () => {
  const vpcs = {
    hub: existing("hub", "10.0.0.0/16", { securityGroups: ["sg-0000000000000000a"], networkAcl: { id: "acl-0000000000000000a" } }),
    s1: existing("s1", "10.1.0.0/16", { securityGroups: ["sg-0000000000000000b"] }),
    s2: existing("s2", "10.2.0.0/16", { securityGroups: ["sg-0000000000000000c"], region: "us-east-1" }),
  };
  const out = synthConfig(config({ vpcs, mesh: { topology: "hub-and-spoke", hub: "hub", securityRules: { ports: ["tcp/443"], allowInto: ["requester"] } } }));

  it("references the peer's group in the same region, and uses CIDRs across regions", () => {
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: "sg-0000000000000000a", referenced_security_group_id: "sg-0000000000000000b", from_port: 443,
    });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: "sg-0000000000000000a", cidr_ipv4: "10.2.0.0/16" });
    expect(Object.values(resources(out, "aws_vpc_security_group_ingress_rule")).some((r) => r.referenced_security_group_id === "sg-0000000000000000c")).toBe(false);
  });

  it("gives rules on one NACL distinct numbers across peerings, replies to ephemeral ports", () => {
    const rules = Object.values(resources(out, "aws_network_acl_rule"));
    const ingress = rules.filter((r) => r.egress === false);
    const egress = rules.filter((r) => r.egress === true);
    expect(ingress.map((r) => r.rule_number).sort()).toEqual([1000, 1001]);
    expect(egress.map((r) => [r.from_port, r.to_port])).toEqual([[1024, 65535], [1024, 65535]]);
    expect(ingress.map((r) => r.cidr_block).sort()).toEqual(["10.1.0.0/16", "10.2.0.0/16"]);
  });

  it("rejects opening a side with no groups and no NACL, naming the path", () => {
    expect(() => synthConfig(config({
      vpcs: { a: created("10.0.0.0/16"), b: created("10.1.0.0/16") },
      peerings: [{ name: "a-b", requester: "a", accepter: "b", securityRules: { ports: ["tcp/22"] } }],
    }))).toThrow(/peerings\[0\]\.securityRules\.allowInto: requester VPC a has no securityGroups and no networkAcl/);
  });

  it("rejects a NACL that would need more than 40 rules per direction", () => {
    // One hub ACL (a network ACL belongs to one VPC) that every spoke's rules land on, both ways.
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`v${i}`, existing(`v${i}`, `10.${i}.0.0/16`, { securityGroups: ["sg-0000000000000000d"] })]));
    expect(() => synthConfig(config({ vpcs: { ...many, v0: { ...many.v0, networkAcl: { id: "acl-00000000000000001" } } }, mesh: { topology: "hub-and-spoke", hub: "v0", securityRules: { ports: ["tcp/443", "tcp/80", "tcp/8443"] } } })))
      .toThrow(/networkAcl: needs \d+ (ingress|egress) rules for its peers; AWS allows at most 40/);
  });

  it("refuses a /0 block in the planner itself", () => {
    const side = (ipv4: string[]) => ({ ipv4, ipv6: [], securityGroups: ["sg-1"] });
    expect(() => planPeerSecurity({ requester: side(["0.0.0.0/0"]), accepter: side(["10.0.0.0/16"]), ports: ["tcp/22"], allowInto: ["accepter"], referencePeerGroups: false }, new RuleNumbers()))
      .toThrow(/open the group to everyone/);
  });
});

// VPCs found by any tags (vpcs.<k>.matchTags, ExistingVpc tags) and timeouts on the peering
// resources (peerings[].timeouts, mesh.timeouts, VpcPeering timeouts): what reaches the JSON.
import { Testing } from "cdktf";
import { VpcPeering } from "../../modules/constructs/routing/vpc-peering";
import { ExistingVpc } from "../../modules/constructs/vpc/existing-vpc";
import { dataSources, one, resources, synthConfig } from "./helpers";

describe("VPCs found by tags (examples/flow-logs-s3.yaml)", () => {
  const out = synthConfig("examples/flow-logs-s3.yaml");

  it("looks db up by all its tags, not by a Name filter", () => {
    const db = Object.entries(dataSources(out, "aws_vpc")).filter(([id]) => id.startsWith("vpc-db"));
    expect(db).toHaveLength(1);
    expect(db[0][1]).toMatchObject({ tags: { Tier: "data", Environment: "prod" } });
    expect(db[0][1]).not.toHaveProperty("filter");
  });

  it("names the VPC by its tags and the config field in plan-time errors", () => {
    const db = Object.entries(dataSources(out, "aws_vpc")).find(([id]) => id.startsWith("vpc-db"))![1] as { lifecycle: { postcondition: { error_message: string }[] } };
    const messages = db.lifecycle.postcondition.map((p) => p.error_message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/VPC tagged (Tier=data,Environment=prod|Environment=prod,Tier=data)/);
    expect(messages.join("\n")).toContain("vpcs.db");
  });

  it("refuses an empty tag set and a second way to find the VPC, naming the field", () => {
    const base = { stack: "t", region: "us-west-2", backend: { type: "local" }, peerings: [{ name: "a-b", requester: "a", accepter: "b" }] };
    const b = { name: "b-vpc", cidr: "10.2.0.0/16", routeTables: ["b-rtb"] };
    expect(() => synthConfig({ ...base, vpcs: { a: { matchTags: {}, cidr: "10.1.0.0/16", routeTables: ["a-rtb"] }, b } } as never)).toThrow(/vpcs\.a\.matchTags: give at least one tag/);
    expect(() => synthConfig({ ...base, vpcs: { a: { id: "vpc-0a1b2c3d", matchTags: { Tier: "a" }, cidr: "10.1.0.0/16", routeTables: ["a-rtb"] }, b } } as never)).toThrow(/vpcs\.a: give exactly one of id/);
  });
});

describe("timeouts on the peering resources", () => {
  it("reach the connection (create, update, delete) and the accepter (create, update) across regions", () => {
    const out = synthConfig("examples/inter-region.yaml");
    expect(one(out, "aws_vpc_peering_connection", "peering-oregon-ireland_connection").timeouts).toEqual({ create: "10m", update: "10m", delete: "10m" });
    const accepters = Object.values(resources(out, "aws_vpc_peering_connection_accepter"));
    expect(accepters).toHaveLength(1);
    expect(accepters[0].timeouts).toEqual({ create: "10m", update: "10m" });
  });

  it("mesh.timeouts reach every mesh peering; none given, none written", () => {
    const vpc = (n: number) => ({ name: `v${n}-vpc`, cidr: `10.${n}.0.0/16`, routeTables: [`v${n}-rtb`] });
    const config = { stack: "t", region: "us-west-2", backend: { type: "local" }, vpcs: { a: vpc(1), b: vpc(2), c: vpc(3) } };
    const withTimeouts = synthConfig({ ...config, mesh: { topology: "full", timeouts: { create: "5m", delete: "2m" } } } as never);
    const connections = Object.values(resources(withTimeouts, "aws_vpc_peering_connection"));
    expect(connections).toHaveLength(3);
    for (const c of connections) expect(c.timeouts).toEqual({ create: "5m", delete: "2m" });
    const without = synthConfig({ ...config, mesh: { topology: "full" } } as never);
    for (const c of Object.values(resources(without, "aws_vpc_peering_connection"))) expect(c).not.toHaveProperty("timeouts");
  });

  it("VpcPeering timeouts: a delete timeout stays off the accepter, which has none", () => {
    const out = Testing.synthScope((scope) => {
      new VpcPeering(scope, "peering", {
        name: "pc",
        requester: ExistingVpc.fromLookup(scope, "requester", { vpcId: "vpc-0aaa", cidrBlocks: ["10.1.0.0/16"], routeTables: ["rtb-0a1"] }),
        accepter: ExistingVpc.fromLookup(scope, "accepter", { vpcId: "vpc-0bbb", cidrBlocks: ["10.2.0.0/16"], routeTables: ["rtb-0b1"], region: "eu-west-1" }),
        timeouts: { delete: "15m" },
      });
    });
    expect(Object.values(resources(out, "aws_vpc_peering_connection"))[0].timeouts).toEqual({ delete: "15m" });
    expect(Object.values(resources(out, "aws_vpc_peering_connection_accepter"))[0]).not.toHaveProperty("timeouts");
  });
});

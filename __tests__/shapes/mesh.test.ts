import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { TerraformStack, Testing } from "cdktf";
import { CreatedVpc } from "../../modules/constructs/vpc/created-vpc";
import { PeeringMesh } from "../../modules/constructs/routing/peering-mesh";
import { expandPeerings } from "../../modules/app/adapter";
import { meshPairs } from "../../modules/core/mesh";
import { config, created, resources, synthConfig } from "./helpers";
import { loadConfig } from "../../modules/app/config/load";
import { fullSynthStack } from "../helpers/lab";

describe("meshPairs", () => {
  it("pairs every VPC once in a full mesh, the earlier key requesting", () => {
    const keys = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const pairs = meshPairs(keys, { kind: "full" });
    expect(pairs).toHaveLength(66);
    expect(new Set(pairs.map((p) => [p.requester, p.accepter].sort().join("|"))).size).toBe(66);
    for (const p of pairs) expect(keys.indexOf(p.requester)).toBeLessThan(keys.indexOf(p.accepter));
  });

  it("pairs the hub with each spoke only", () => {
    expect(meshPairs(["a", "b", "c"], { kind: "hub-and-spoke", hub: "a" })).toEqual([
      { requester: "a", accepter: "b" },
      { requester: "a", accepter: "c" },
    ]);
  });

  it("keeps explicit peerings and adds the mesh's", () => {
    const planned = expandPeerings({
      vpcs: { a: {}, b: {}, c: {} } as never,
      peerings: [{ name: "b-c", requester: "b", accepter: "c", allowRemoteVpcDnsResolution: false, tags: {} }],
      mesh: { topology: "hub-and-spoke", hub: "a", namePattern: "{requester}-{accepter}", allowRemoteVpcDnsResolution: false, tags: {} },
    });
    expect(planned.map((p) => p.peering.name)).toEqual(["b-c", "a-b", "a-c"]);
    expect(planned[1].path).toBe("mesh (peering a-b)");
  });
});

describe("hub-and-spoke (seed 004: A peered with B and C)", () => {
  const out = synthConfig("examples/hub-and-spoke.yaml");
  const routes = Object.values(resources(out, "aws_route"));
  const tableOf = (key: string) => `\${aws_route_table.vpc-${key}_route-table.`;

  it("creates exactly the two hub peerings, the hub requesting", () => {
    const connections = resources(out, "aws_vpc_peering_connection");
    expect(Object.keys(connections).sort()).toEqual([
      expect.stringMatching(/^peering-a-to-b_connection/),
      expect.stringMatching(/^peering-a-to-c_connection/),
    ]);
    for (const c of Object.values(connections)) expect(c.vpc_id).toContain("aws_vpc.vpc-a_vpc");
  });

  it("gives B and C no route to each other: peering is not transitive", () => {
    const fromB = routes.filter((r) => String(r.route_table_id).startsWith(tableOf("b")));
    const fromC = routes.filter((r) => String(r.route_table_id).startsWith(tableOf("c")));
    expect(fromB.map((r) => r.destination_cidr_block)).toEqual(["172.16.0.0/16"]);
    expect(fromC.map((r) => r.destination_cidr_block)).toEqual(["172.16.0.0/16"]);
    const fromA = routes.filter((r) => String(r.route_table_id).startsWith(tableOf("a")));
    expect(fromA.map((r) => r.destination_cidr_block).sort()).toEqual(["10.0.0.0/16", "10.1.0.0/16"]);
  });

  it("rejects a hub-and-spoke mesh without a hub, naming mesh.hub", () => {
    expect(() => synthConfig(config({ vpcs: { a: created("10.0.0.0/16"), b: created("10.1.0.0/16") }, mesh: { topology: "hub-and-spoke" } })))
      .toThrow(/mesh\.hub: is required for hub-and-spoke/);
  });

  it("reports a pair declared both explicitly and by the mesh", () => {
    expect(() => synthConfig(config({
      vpcs: { a: created("10.0.0.0/16"), b: created("10.1.0.0/16") },
      peerings: [{ name: "x", requester: "b", accepter: "a" }],
      mesh: { topology: "full" },
    }))).toThrow(/mesh \(peering a-b\): peers a and b again \(already peerings\[0\]\)/);
  });

  it("reports overlapping CIDRs inside a mesh", () => {
    expect(() => synthConfig(config({ vpcs: { a: created("10.0.0.0/16"), b: created("10.0.0.0/20") }, mesh: { topology: "full" } })))
      .toThrow(/mesh \(peering a-b\): a \(10\.0\.0\.0\/16\) and b \(10\.0\.0\.0\/20\) overlap/);
  });
});

describe("full meshes (examples/mesh-10.yaml, examples/mesh-50.yaml)", () => {
  it("10 VPCs: 45 peerings, each VPC's table routes to the 9 others", () => {
    const out = synthConfig("examples/mesh-10.yaml");
    expect(Object.keys(resources(out, "aws_vpc_peering_connection"))).toHaveLength(45);
    const routes = Object.values(resources(out, "aws_route"));
    expect(routes).toHaveLength(90);
    const fromFirst = routes.filter((r) => String(r.route_table_id).startsWith("${aws_route_table.vpc-vpc01_"));
    expect(fromFirst.map((r) => r.destination_cidr_block).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `10.${i + 1}.0.0/16`).sort());
  });

  it("50 VPCs: 1,225 peerings, 2,450 routes, DNS options inline on each connection (3 resources per peering)", () => {
    const out = fullSynthStack(loadConfig("examples/mesh-50.yaml"));
    const connections = Object.values(resources(out, "aws_vpc_peering_connection"));
    expect(connections).toHaveLength(1225);
    expect(Object.keys(resources(out, "aws_route"))).toHaveLength(2450);
    expect(connections.every((c) => (c.requester as any).allow_remote_vpc_dns_resolution === true && (c.accepter as any).allow_remote_vpc_dns_resolution === true)).toBe(true);
    expect(Object.keys(resources(out, "aws_vpc_peering_connection_options"))).toHaveLength(0);
  });
});

describe("PeeringMesh construct", () => {
  const build = (topology: ConstructorParameters<typeof PeeringMesh>[2]["topology"]) => {
    const stack = new TerraformStack(Testing.app(), "mesh");
    const vpcs = Object.fromEntries(
      ["hub", "s1", "s2", "s3"].map((key, i) => [key, new CreatedVpc(stack, key, { key, cidrBlocks: [`10.${i}.0.0/16`] })]),
    );
    const mesh = new PeeringMesh(stack, "mesh", { vpcs, topology, allowRemoteVpcDnsResolution: true });
    return { mesh, out: Testing.synth(stack) };
  };

  it("builds a full mesh of 6 peerings over 4 VPCs", () => {
    const { mesh, out } = build("full");
    expect(Object.keys(mesh.peerings)).toEqual(["hub-s1", "hub-s2", "hub-s3", "s1-s2", "s1-s3", "s2-s3"]);
    expect(out).toHaveResourceWithProperties(VpcPeeringConnection, { auto_accept: true, tags: { Name: "s2-s3" } });
  });

  it("builds hub-and-spoke with no spoke-to-spoke route", () => {
    const { mesh, out } = build({ hub: "hub" });
    expect(Object.keys(mesh.peerings)).toEqual(["hub-s1", "hub-s2", "hub-s3"]);
    expect(out).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.0.0.0/16" });
    const fromS1 = Object.values(resources(out, "aws_route")).filter((r) => String(r.route_table_id).includes("s1_route-table"));
    expect(fromS1.map((r) => r.destination_cidr_block)).toEqual(["10.0.0.0/16"]);
  });

  it("builds explicit pairs and rejects unknown keys", () => {
    expect(Object.keys(build({ pairs: [["s1", "s3"]] }).mesh.peerings)).toEqual(["s1-s3"]);
    expect(() => build({ pairs: [["s1", "nope"]] })).toThrow(/unknown VPC key "nope"/);
  });
});

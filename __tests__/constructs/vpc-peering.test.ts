import "cdktf/lib/testing/adapters/jest";
import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { TerraformStack, Testing } from "cdktf";
import { VpcPeering, VpcPeeringProps } from "../../modules/constructs/routing/vpc-peering";
import { ExistingVpc, ExistingVpcProps } from "../../modules/constructs/vpc/existing-vpc";

const requester: ExistingVpcProps = { vpcId: "vpc-0aaaf000", cidrBlocks: ["10.1.0.0/16"], routeTables: ["rtb-0a1f0000", "rtb-0a2f0000"] };
const accepter: ExistingVpcProps = { name: "web-vpc", cidrBlocks: ["10.0.0.0/16", "10.2.0.0/16"], ipv6CidrBlocks: ["2600:1f14:abc:de00::/56"], routeTables: [{ name: "web-rtb" }] };

/** Both sides looked up with ExistingVpc.fromLookup (`sides` overrides their props). */
function synth(props: Partial<Omit<VpcPeeringProps, "requester" | "accepter">> = {}, sides: { requester?: ExistingVpcProps; accepter?: ExistingVpcProps } = {}) {
  return Testing.synthScope((scope) => {
    new VpcPeering(scope, "peering", {
      name: "pc",
      requester: ExistingVpc.fromLookup(scope, "requester", sides.requester ?? requester),
      accepter: ExistingVpc.fromLookup(scope, "accepter", sides.accepter ?? accepter),
      ...props,
    });
  });
}

/** Logical id of each route → "table destination", so tests can compare route sets. */
function routeIds(synthesized: string): Record<string, string> {
  const routes = JSON.parse(synthesized).resource.aws_route as Record<string, any>;
  return Object.fromEntries(
    Object.entries(routes).map(([id, r]) => [id, `${r.route_table_id} ${r.destination_cidr_block ?? r.destination_ipv6_cidr_block}`]),
  );
}

describe("VpcPeering", () => {
  it("looks up a side by id or by Name tag, and route tables by id or Name tag", () => {
    const out = synth();
    expect(out).toHaveDataSourceWithProperties(DataAwsVpc, { id: "vpc-0aaaf000" });
    expect(out).toHaveDataSourceWithProperties(DataAwsVpc, { filter: [{ name: "tag:Name", values: ["web-vpc"] }] });
    expect(out).toHaveDataSourceWithProperties(DataAwsRouteTable, { route_table_id: "rtb-0a1f0000" });
    expect(out).toHaveDataSourceWithProperties(DataAwsRouteTable, { filter: [{ name: "tag:Name", values: ["web-rtb"] }] });
  });

  it("checks secondary and IPv6 blocks at plan time", () => {
    expect(synth()).toHaveDataSourceWithProperties(DataAwsVpc, {
      lifecycle: {
        postcondition: expect.arrayContaining([
          expect.objectContaining({ condition: '${contains(self.cidr_block_associations[*].cidr_block, "10.2.0.0/16")}' }),
          expect.objectContaining({ condition: '${self.ipv6_cidr_block == "2600:1f14:abc:de00::/56"}' }),
        ]),
      },
    });
  });

  it("routes every listed table of each side to every block of the other", () => {
    const routes = Object.values(routeIds(synth())).map((r) => r.replace(/\$\{data\.aws_route_table\.([^.]+)\.route_table_id\}/, "$1"));
    expect(routes).toHaveLength(2 * 3 + 1);
    const out = synth();
    expect(out).toHaveResourceWithProperties(Route, { destination_ipv6_cidr_block: "2600:1f14:abc:de00::/56" });
    expect(out).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.1.0.0/16" });
  });

  it("routeTables: routes from the chosen tables only, one way with [], and refuses a key the side does not have", () => {
    // The data source each route's table comes from: <side>_route-table-<key>.
    const tables = (o: string) => [...new Set(Object.values(routeIds(o)).map((r) => /data\.aws_route_table\.([a-z]+_route-table-[^_]+)_/.exec(r)![1]))].sort();
    expect(tables(synth({ routeTables: { requester: ["rtb-0a2f0000"] } }))).toEqual(["accepter_route-table-web-rtb", "requester_route-table-rtb-0a2f0000"]);
    expect(tables(synth({ routeTables: { accepter: [] } }))).toEqual(["requester_route-table-rtb-0a1f0000", "requester_route-table-rtb-0a2f0000"]);
    expect(() => synth({ routeTables: { accepter: ["web-rtb", "web-rtb-2f000000"] } })).toThrow(
      'VpcPeering peering: routeTables.accepter: "web-rtb-2f000000" is not a route table of web-vpc: use one of web-rtb',
    );
    expect(() => synth({ routeTables: { accepter: { tags: { Tier: "app" } } } })).toThrow(
      "VpcPeering peering: routeTables.accepter: picks route tables by tags, which needs web-vpc to find its tables at plan time (discoverRouteTables); or name its tables (web-rtb)",
    );
    expect(() => synth({ routeTables: { requester: [], accepter: [] } })).toThrow(/routes nothing on either side/);
  });

  it("routeTables { tags } on a side that discovers its tables: routes for_each over the found tables carrying the tags too", () => {
    const discovering = { name: "web-vpc", cidrBlocks: ["10.0.0.0/16"], discoverRouteTables: { tags: { Tier: "private" } } } as const;
    const out = JSON.parse(synth({ routeTables: { accepter: { tags: { App: "api" } } } }, { accepter: discovering }));
    // Only the peering's share is looked up: no peering routes from the VPC's whole set.
    expect(Object.values(out.data.aws_route_tables).map((d: any) => d.tags)).toEqual([{ Tier: "private", App: "api" }]);
    const accepterRoutes = Object.entries(out.resource.aws_route as Record<string, any>).filter(([id]) => id.includes("route-accepter"));
    expect(accepterRoutes).toHaveLength(1);
    expect(accepterRoutes[0][0]).toMatch(/route-accepter-route-tables-tagged-App-api-Tier-private-to-10-1-0-0-16/);
    expect(accepterRoutes[0][1].for_each).toMatch(/^\$\{toset\(data\.aws_route_tables\.accepter_route-tables-tagged-App-api-Tier-private_[0-9A-F]+\.ids\)\}$/);
    expect(() => synth({ routeTables: { accepter: { tags: { Tier: "public" } } } }, { accepter: discovering })).toThrow(
      "routeTables.accepter: Tier=public contradicts Tier=private, which every found table carries (discoverRouteTables of web-vpc): no table could match",
    );
  });

  it("keeps route ids stable when route tables are added or reordered", () => {
    const before = routeIds(synth());
    const after = routeIds(synth({}, { requester: { ...requester, routeTables: ["rtb-0a9f0000", "rtb-0a2f0000", "rtb-0a1f0000"] } }));
    for (const [id, route] of Object.entries(before)) expect(after[id]).toBe(route);
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + 3);
  });

  it("writes each side's DNS option explicitly (off is an explicit false, so turning it off changes AWS)", () => {
    expect(synth()).toHaveResourceWithProperties(VpcPeeringConnection, {
      requester: { allow_remote_vpc_dns_resolution: false },
      accepter: { allow_remote_vpc_dns_resolution: false },
    });
    const out = synth({ allowRemoteVpcDnsResolution: { accepter: true } });
    expect(out).toHaveResourceWithProperties(VpcPeeringConnection, {
      requester: { allow_remote_vpc_dns_resolution: false },
      accepter: { allow_remote_vpc_dns_resolution: true },
    });
    // Same account and region: inline, never also in the separate resource (they would overwrite each other).
    expect(out).not.toHaveResource(VpcPeeringConnectionOptions);
  });

  it("requires DNS support and hostnames on both VPCs when a DNS option is on", () => {
    const dnsConditions = (out: string) =>
      Object.values(JSON.parse(out).data.aws_vpc as Record<string, any>).map((v) =>
        v.lifecycle.postcondition.filter((p: any) => /enable_dns/.test(p.condition)).length,
      );
    expect(dnsConditions(synth())).toEqual([0, 0]);
    expect(dnsConditions(synth({ allowRemoteVpcDnsResolution: true }))).toEqual([2, 2]);
  });

  it("takes VPCs known by their ids (fromAttributes): no lookups, construct ids free of tokens", () => {
    const out = Testing.synthScope((scope) => {
      const a = ExistingVpc.fromLookup(scope, "a", requester);
      const b = ExistingVpc.fromAttributes(scope, "b", { key: "b", vpcId: "vpc-0bbbf000", cidrBlocks: ["10.7.0.0/16"], routeTableIds: ["rtb-0b1f0000"] });
      // Route table ids given as expressions (another resource's attribute) get positional keys.
      const c = ExistingVpc.fromAttributes(scope, "c", { key: "c", vpcId: "vpc-0cccf000", cidrBlocks: ["10.8.0.0/16"], routeTableIds: [a.routeTableIds["rtb-0a1f0000"]] });
      new VpcPeering(scope, "ab", { name: "ab", requester: a, accepter: b });
      new VpcPeering(scope, "bc", { name: "bc", requester: b, accepter: c });
    });
    const json = JSON.parse(out);
    expect(Object.keys(json.data.aws_vpc)).toHaveLength(1);
    expect(out).toHaveResourceWithProperties(Route, { route_table_id: "rtb-0b1f0000", destination_cidr_block: "10.1.0.0/16" });
    expect(Object.keys(json.resource.aws_route).join(" ")).not.toMatch(/Token|TOKEN/);
  });

  it("names routes to a block given as an expression by position, never by the token", () => {
    const out = Testing.synthScope((scope) => {
      const a = ExistingVpc.fromLookup(scope, "a", requester);
      const b = ExistingVpc.fromAttributes(scope, "b", { key: "b", vpcId: "vpc-0bbbf000", cidrBlocks: [(a as ExistingVpc).vpc.cidrBlock], routeTableIds: ["rtb-0b1f0000"] });
      new VpcPeering(scope, "ab", { name: "ab", requester: a, accepter: b });
    });
    const ids = Object.keys(JSON.parse(out).resource.aws_route);
    expect(ids.some((id) => id.includes("rtb-0a1f0000-to-ipv4-block-0"))).toBe(true);
    expect(ids.join(" ")).not.toMatch(/Token|TOKEN/);
  });

  it("refuses security rules that would open nothing (a side with no groups and no ACL)", () => {
    expect(() => synth({ securityRules: { ports: ["tcp/443"] } })).toThrow(/requester VPC vpc-0aaaf000 has no securityGroupIds and no networkAcl/);
  });

  it("fails fast on a side given both or neither of id and name", () => {
    expect(() => synth({}, { requester: { ...requester, name: "also" } })).toThrow(/give exactly one of 'vpcId', 'name' or 'tags'/);
  });
});

it("security rules between VPCs known only at plan time are refused, not planned as none", () => {
  const stack = new TerraformStack(Testing.app(), "plan-time-sides");
  const side = (key: string) => ExistingVpc.fromPlanTimeId(stack, `vpc-${key}`, { key, vpcId: `\${var.${key}_vpc_id}` });
  expect(() => new VpcPeering(stack, "peering", { name: "a-b", requester: side("a"), accepter: side("b"), securityRules: { ports: ["tcp/443"] } })).toThrow(
    "PeerSecurityRules security: requester VPC a has no blocks known at synth time (ExistingVpc.fromPlanTimeId), so no rule could be planned from them: give the VPC with ExistingVpc.fromLookup or fromAttributes and its cidrBlocks, or write the rules yourself",
  );
});

import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcIpv4CidrBlockAssociation } from "@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association";
import { peerFacingBlocks } from "../../modules/core/routes";
import { config, created, resources, synthConfig } from "./helpers";

describe("IPv6, secondary blocks, routeTo and subnet-level routes (examples/existing-vpcs-security.yaml)", () => {
  const out = synthConfig("examples/existing-vpcs-security.yaml");
  const routes = Object.values(resources(out, "aws_route"));

  it("routes IPv6 blocks with destination_ipv6_cidr_block", () => {
    expect(out).toHaveResourceWithProperties(Route, { destination_ipv6_cidr_block: "2600:1f14:aaa:2200::/56" });
    expect(out).toHaveResourceWithProperties(Route, { destination_ipv6_cidr_block: "2600:1f14:aaa:1100::/56" });
    for (const r of routes) expect(Boolean(r.destination_cidr_block) !== Boolean(r.destination_ipv6_cidr_block)).toBe(true);
  });

  it("routes only to the included range and never to an excluded block", () => {
    const destinations = routes.map((r) => r.destination_cidr_block).filter(Boolean);
    expect(destinations).toContain("10.2.8.0/21");
    expect(destinations).not.toContain("10.2.0.0/16");
    expect(destinations).not.toContain("100.64.0.0/20");
  });

  it("finds the route tables of the listed subnets (by id, and by Name tag via aws_subnet)", () => {
    expect(out).toHaveDataSourceWithProperties(DataAwsRouteTable, { subnet_id: "subnet-0a1b2c3d4e5f60002" });
    expect(out).toHaveDataSourceWithProperties(DataAwsSubnet, { filter: [{ name: "tag:Name", values: ["db-private-b"] }] });
    expect(out).toHaveDataSourceWithProperties(DataAwsRouteTable, { subnet_id: expect.stringContaining("data.aws_subnet.vpc-db_subnet-db-private-b") });
    const fromDb = routes.filter((r) => String(r.route_table_id).includes("vpc-db_subnet-route-table"));
    expect(fromDb).toHaveLength(4); // 2 subnets' tables x (web IPv4 + web IPv6)
  });

  it("secondary IPv4 blocks get routes unless excluded", () => {
    const out2 = synthConfig(config({
      vpcs: { a: created("10.0.0.0/16", { secondaryCidrs: ["10.100.0.0/16"] }), b: created("10.1.0.0/16") },
      peerings: [{ name: "a-b", requester: "a", accepter: "b" }],
    }));
    expect(out2).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.100.0.0/16" });
  });

  it("peerFacingBlocks: include narrows, exclude removes", () => {
    expect(peerFacingBlocks(["10.0.0.0/16", "10.9.0.0/16"], ["2600::/56"], { exclude: ["10.9.0.0/16"] })).toEqual({ ipv4: ["10.0.0.0/16"], ipv6: ["2600::/56"] });
    expect(peerFacingBlocks(["10.0.0.0/16"], ["2600::/56"], { include: ["10.0.4.0/22"] })).toEqual({ ipv4: ["10.0.4.0/22"], ipv6: [] });
  });

  it("rejects include ranges outside the VPC and exclusions that are not routed blocks", () => {
    expect(() => synthConfig(config({
      vpcs: { a: created("10.0.0.0/16", { routeTo: { include: ["10.5.0.0/24"], exclude: ["10.0.0.0/16"] } }), b: created("10.1.0.0/16") },
      peerings: [{ name: "a-b", requester: "a", accepter: "b" }],
    }))).toThrow(/vpcs\.a\.routeTo\.include\[0\]: 10\.5\.0\.0\/24 is not inside any block[\s\S]*vpcs\.a\.routeTo\.exclude\[0\]/);
  });
});

describe("created VPCs", () => {
  const out = synthConfig("examples/inter-region.yaml");

  it("creates the VPC with DNS support and hostnames on", () => {
    expect(out).toHaveResourceWithProperties(Vpc, { cidr_block: "10.40.0.0/16", enable_dns_support: true, enable_dns_hostnames: true, tags: { Name: "oregon" } });
  });

  it("associates secondary blocks and makes subnets in them after the association", () => {
    expect(out).toHaveResourceWithProperties(VpcIpv4CidrBlockAssociation, { cidr_block: "10.41.0.0/16" });
    expect(out).toHaveResourceWithProperties(Subnet, { cidr_block: "10.41.0.0/24", depends_on: [expect.stringContaining("aws_vpc_ipv4_cidr_block_association.")] });
  });

  it("puts every subnet on the route table that peers route from", () => {
    expect(Object.keys(resources(out, "aws_route_table_association"))).toHaveLength(3);
    expect(out).toHaveResourceWithProperties(RouteTableAssociation, { route_table_id: expect.stringContaining("aws_route_table.vpc-oregon_route-table") });
    expect(out).toHaveResourceWithProperties(Route, { route_table_id: expect.stringContaining("aws_route_table.vpc-oregon_route-table"), destination_cidr_block: "10.50.0.0/16" });
  });

  it("rejects a subnet outside the VPC and route tables on a created VPC, collecting both", () => {
    expect(() => synthConfig(config({
      vpcs: {
        a: { cidr: "10.0.0.0/16", routeTables: ["x"], create: { subnets: [{ cidr: "10.9.0.0/24", az: "us-west-2a" }] } },
        b: created("10.1.0.0/16"),
      },
      peerings: [{ name: "a-b", requester: "a", accepter: "b" }],
    }))).toThrow(/2 problems[\s\S]*vpcs\.a\.routeTables: a created VPC gets its own route table[\s\S]*vpcs\.a\.create\.subnets\[0\]\.cidr: 10\.9\.0\.0\/24 is not inside/);
  });

  it("rejects an existing VPC with neither route tables nor subnets", () => {
    expect(() => synthConfig(config({ vpcs: { a: { name: "a", cidr: "10.0.0.0/16" }, b: created("10.1.0.0/16") }, peerings: [{ name: "a-b", requester: "a", accepter: "b" }] })))
      .toThrow(/vpcs\.a\.routeTables: list at least one route table/);
  });
});

import { Route } from "@cdktf/provider-aws/lib/route";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { one, synthConfig } from "./helpers";

describe("inter-region peering in one account (examples/inter-region.yaml)", () => {
  const out = synthConfig("examples/inter-region.yaml");

  it("uses the default provider only: the region argument replaces a second provider", () => {
    expect(JSON.parse(out).provider.aws).toHaveLength(1);
    expect(out).not.toMatch(/"provider": "aws\./);
  });

  it("requests with peer_region and no auto_accept or peer_owner_id", () => {
    const connection = one(out, "aws_vpc_peering_connection", "peering-oregon-ireland_connection");
    expect(connection).toMatchObject({ peer_region: "eu-west-1" });
    expect(connection).not.toHaveProperty("auto_accept");
    expect(connection).not.toHaveProperty("peer_owner_id");
    expect(connection).not.toHaveProperty("region");
  });

  it("accepts in the accepter's region", () => {
    expect(out).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, { region: "eu-west-1", auto_accept: true });
  });

  it("sets each side's DNS option in that side's region", () => {
    const requester = one(out, "aws_vpc_peering_connection_options", "peering-oregon-ireland_requester-options");
    expect(requester).not.toHaveProperty("region");
    expect(out).toHaveResourceWithProperties(VpcPeeringConnectionOptions, {
      region: "eu-west-1",
      accepter: { allow_remote_vpc_dns_resolution: true },
    });
  });

  it("routes from each side in its own region, to every IPv4 block of the peer", () => {
    expect(out).toHaveResourceWithProperties(Route, { region: "eu-west-1", destination_cidr_block: "10.40.0.0/16" });
    expect(out).toHaveResourceWithProperties(Route, { region: "eu-west-1", destination_cidr_block: "10.41.0.0/16" });
    const toIreland = one(out, "aws_route", "peering-oregon-ireland_route-requester");
    expect(toIreland).toMatchObject({ destination_cidr_block: "10.50.0.0/16" });
    expect(toIreland).not.toHaveProperty("region");
  });

  it("creates the remote VPC's subnets in its region", () => {
    expect(out).toHaveResourceWithProperties(Subnet, { region: "eu-west-1", availability_zone: "eu-west-1a", cidr_block: "10.50.0.0/24" });
  });
});

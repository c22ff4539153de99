import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Route } from "@cdktf/provider-aws/lib/route";
import { TerraformStack, Testing } from "cdktf";
import { CreatedVpc } from "../../modules/constructs/vpc/created-vpc";
import { VpcPeering } from "../../modules/constructs/routing/vpc-peering";
import { config, created, one, resources, synthConfig } from "./helpers";

const ACCOUNTS = { shared: { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/peering-admin" } };

describe("cross-account peering (examples/cross-account.yaml)", () => {
  const out = synthConfig("examples/cross-account.yaml");

  it("gives the other account its own provider with assume_role and an account guard", () => {
    expect(out).toHaveProviderWithProperties(AwsProvider, {
      alias: "shared",
      region: "us-west-2",
      allowed_account_ids: ["222222222222"],
      assume_role: [expect.objectContaining({ role_arn: "arn:aws:iam::222222222222:role/peering-admin" })],
    });
  });

  it("requests with peer_owner_id and without auto_accept", () => {
    const connection = one(out, "aws_vpc_peering_connection", "peering-app-shared_connection");
    expect(connection).toMatchObject({ peer_owner_id: "222222222222", tags: { Name: "app-shared" } });
    expect(connection).not.toHaveProperty("auto_accept");
    expect(connection).not.toHaveProperty("peer_region");
    expect(connection).not.toHaveProperty("provider");
  });

  it("accepts on the accepter's provider", () => {
    expect(out).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, {
      provider: "aws.shared",
      auto_accept: true,
      vpc_peering_connection_id: expect.stringContaining("aws_vpc_peering_connection.peering-app-shared_connection"),
    });
  });

  it("sets each side's DNS option on its own provider, after acceptance", () => {
    const requester = one(out, "aws_vpc_peering_connection_options", "peering-app-shared_requester-options");
    const accepter = one(out, "aws_vpc_peering_connection_options", "peering-app-shared_accepter-options");
    expect(requester).not.toHaveProperty("provider");
    expect(requester).toMatchObject({ requester: { allow_remote_vpc_dns_resolution: true } });
    expect(requester).not.toHaveProperty("accepter");
    expect(requester.vpc_peering_connection_id).toContain("aws_vpc_peering_connection_accepter.peering-app-shared_accepter");
    expect(accepter).toMatchObject({ provider: "aws.shared", accepter: { allow_remote_vpc_dns_resolution: true } });
    expect(accepter.vpc_peering_connection_id).toContain("aws_vpc_peering_connection_accepter.peering-app-shared_accepter");
  });

  it("routes each side through its own provider once accepted", () => {
    const routes = Object.entries(resources(out, "aws_route")).filter(([id]) => id.startsWith("peering-app-shared_"));
    expect(routes).toHaveLength(2);
    const accepterRoute = routes.find(([id]) => id.includes("route-accepter"))![1];
    expect(accepterRoute).toMatchObject({ provider: "aws.shared", destination_cidr_block: "10.10.0.0/16" });
    for (const [, r] of routes) expect(r.vpc_peering_connection_id).toContain("aws_vpc_peering_connection_accepter.");
  });

  it("combines cross-account with inter-region: peer_region on the request, region on the accepter", () => {
    const connection = one(out, "aws_vpc_peering_connection", "peering-app-shared-dr_connection");
    expect(connection).toMatchObject({ peer_owner_id: "222222222222", peer_region: "us-east-1" });
    expect(out).toHaveResourceWithProperties(VpcPeeringConnectionAccepterA, { provider: "aws.shared", region: "us-east-1" });
    expect(out).toHaveResourceWithProperties(Route, { provider: "aws.shared", region: "us-east-1", destination_cidr_block: "10.10.0.0/16" });
    // Only the requester asked for DNS resolution on this one; each side writes its own, the other an explicit false.
    const options = Object.entries(resources(out, "aws_vpc_peering_connection_options")).filter(([id]) => id.startsWith("peering-app-shared-dr_"));
    expect(options.map(([id, o]) => [id.includes("requester-options") ? "requester" : "accepter", o.requester ?? o.accepter])).toEqual(
      expect.arrayContaining([
        ["requester", { allow_remote_vpc_dns_resolution: true }],
        ["accepter", { allow_remote_vpc_dns_resolution: false }],
      ]),
    );
  });

  it("creates the other account's VPC with its provider", () => {
    const vpc = one(out, "aws_vpc", "vpc-shared_vpc");
    expect(vpc).toMatchObject({ provider: "aws.shared", cidr_block: "10.20.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("keeps auto_accept for same-account peerings", () => {
    const same = synthConfig(config({ vpcs: { a: created("10.0.0.0/16"), b: created("10.1.0.0/16") }, peerings: [{ name: "a-b", requester: "a", accepter: "b" }] }));
    expect(same).toHaveResourceWithProperties(VpcPeeringConnection, { auto_accept: true });
    expect(same).not.toHaveResource(VpcPeeringConnectionAccepterA);
    expect(Object.keys(JSON.parse(same).provider.aws)).toHaveLength(1);
  });

  it("looks up the accepter's account id when the accepter is the default account", () => {
    const out2 = synthConfig(config({
      accounts: ACCOUNTS,
      vpcs: { a: created("10.0.0.0/16", { account: "shared" }), b: created("10.1.0.0/16") },
      peerings: [{ name: "a-b", requester: "a", accepter: "b", allowRemoteVpcDnsResolution: true }],
    }));
    const connection = one(out2, "aws_vpc_peering_connection", "peering-a-b_connection");
    expect(connection).toMatchObject({ provider: "aws.shared" });
    expect(connection.peer_owner_id).toMatch(/^\$\{data\.aws_caller_identity\..*\.account_id\}$/);
    const accepter = one(out2, "aws_vpc_peering_connection_accepter", "peering-a-b_accepter");
    expect(accepter).not.toHaveProperty("provider");
    expect(out2).toHaveResourceWithProperties(VpcPeeringConnectionOptions, { provider: "aws.shared", requester: { allow_remote_vpc_dns_resolution: true } });
  });

  it("refuses a cross-account peering whose sides share one provider", () => {
    const scope = new TerraformStack(Testing.app(), "s");
    const a = new CreatedVpc(scope, "a", { key: "a", cidrBlocks: ["10.0.0.0/16"] });
    const b = new CreatedVpc(scope, "b", { key: "b", cidrBlocks: ["10.1.0.0/16"], accountId: "222222222222" });
    expect(() => new VpcPeering(scope, "p", { name: "p", requester: a, accepter: b })).toThrow(/needs its own provider/);
  });

  it("rejects an unknown account key with the config path", () => {
    expect(() => synthConfig(config({ vpcs: { a: created("10.0.0.0/16", { account: "nope" }), b: created("10.1.0.0/16") }, peerings: [{ name: "a-b", requester: "a", accepter: "b" }] })))
      .toThrow(/vpcs\.a\.account: unknown account key "nope"/);
  });
});

// Peerings with a VPC of an account the stack does not manage (examples/one-side.yaml): the stack
// requests (and adds its routes once accepted), or accepts a request it finds, and never touches
// the other account's side.
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { ConfigError } from "../../modules/core/problems";
import { synthStack } from "../helpers/lab";

const EXAMPLE = join(__dirname, "../../examples/one-side.yaml");
const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};

describe("one side of a peering", () => {
  const config = loadConfig(EXAMPLE);
  const json = JSON.parse(synthStack(config));

  it("requests a peering to an external account: peer_owner_id, no accepter, no routes or options before acceptance", () => {
    const connection = resources(json, "aws_vpc_peering_connection")["peering-to-partner_connection"];
    expect(connection).toMatchObject({ peer_owner_id: "210987654321", peer_vpc_id: "vpc-0f0f0f0f0f0f00001" });
    expect(connection.auto_accept).toBeUndefined();
    expect(Object.keys(resources(json, "aws_route")).filter((k) => k.startsWith("peering-to-partner"))).toEqual([]);
    expect(Object.keys(resources(json, "aws_vpc_peering_connection_options")).filter((k) => k.startsWith("peering-to-partner"))).toEqual([]);
  });

  it("adds the requester's routes (to every routed block) and DNS option once accepted: true", () => {
    const accepted = JSON.parse(synthStack(parseConfig({
      ...JSON.parse(JSON.stringify(config)),
      peerings: [{ ...config.peerings[0], accepted: true, allowRemoteVpcDnsResolution: { requester: true, accepter: false } }, config.peerings[1]],
    })));
    const routes = Object.entries(resources(accepted, "aws_route")).filter(([k]) => k.startsWith("peering-to-partner"));
    expect(routes.map(([, r]) => r.destination_cidr_block)).toEqual(["10.60.0.0/16"]);
    expect(routes[0][1].vpc_peering_connection_id).toBe("${aws_vpc_peering_connection.peering-to-partner_connection.id}");
    expect(resources(accepted, "aws_vpc_peering_connection_options")["peering-to-partner_requester-options"]).toMatchObject({ requester: { allow_remote_vpc_dns_resolution: true } });
    expect(resources(accepted, "aws_vpc_peering_connection_accepter")["peering-to-partner_accepter"]).toBeUndefined();
  });

  it("accepts the vendor's request found by its tags, then adds only the accepter side's routes, option and rules", () => {
    const request = json.data.aws_vpc_peering_connection["peering-from-vendor_request"];
    expect(request).toMatchObject({ vpc_id: "vpc-0f0f0f0f0f0f00002", tags: { Name: "vendor-to-db" } });
    const accepter = resources(json, "aws_vpc_peering_connection_accepter")["peering-from-vendor_accepter"];
    expect(accepter).toMatchObject({ auto_accept: true, vpc_peering_connection_id: "${data.aws_vpc_peering_connection.peering-from-vendor_request.id}" });
    const routes = Object.values(resources(json, "aws_route")).filter((r: any) => r.vpc_peering_connection_id.includes("peering-from-vendor"));
    expect(routes.map((r: any) => r.destination_cidr_block)).toEqual(["10.70.0.0/16"]);
    expect(resources(json, "aws_vpc_peering_connection_options")["peering-from-vendor_accepter-options"]).toMatchObject({ accepter: { allow_remote_vpc_dns_resolution: true } });
    expect(resources(json, "aws_vpc_peering_connection")["peering-from-vendor_connection"]).toBeUndefined();
  });

  it("keeps the tags the request was found by on the accepter (the peering's name does not replace its Name tag)", () => {
    const accepter = resources(json, "aws_vpc_peering_connection_accepter")["peering-from-vendor_accepter"];
    expect(accepter.tags).toEqual({ Name: "vendor-to-db" });
    const more = JSON.parse(synthStack(parseConfig({ ...JSON.parse(JSON.stringify(config)), peerings: [config.peerings[0], { ...config.peerings[1], tags: { Team: "data" } }] })));
    expect(resources(more, "aws_vpc_peering_connection_accepter")["peering-from-vendor_accepter"].tags).toEqual({ Name: "vendor-to-db", Team: "data" });
  });

  const problems = (change: (c: any) => void): string[] => {
    const input = JSON.parse(JSON.stringify(config));
    change(input);
    try {
      parseConfig(input);
      return [];
    } catch (err) {
      return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
  };

  it.each([
    ["an external requester without the request to accept", (c: any) => delete c.peerings[1].connection, /^peerings\[1\]\.connection: is required: the requester vendor is external/],
    ["a request to accept on a managed requester", (c: any) => (c.peerings[0].connection = { id: "pcx-0abcf000" }), /^peerings\[0\]\.connection: is for accepting an external requester's request/],
    ["accepted on a managed accepter", (c: any) => (c.peerings[1].accepted = true), /^peerings\[1\]\.accepted: is for a request to an external accepter/],
    ["the external side's DNS option", (c: any) => (c.peerings[1].allowRemoteVpcDnsResolution = true), /^peerings\[1\]\.allowRemoteVpcDnsResolution: sets the requester side, but vendor is external/],
    ["route tables on an external VPC", (c: any) => (c.vpcs.partner.routeTables = ["rtb-0abcf000"]), /^vpcs\.partner\.routeTables: belongs to a VPC the stack manages; partner is external/],
    ["an external VPC found by name", (c: any) => { delete c.vpcs.partner.id; c.vpcs.partner.name = "partner-vpc"; }, /^vpcs\.partner\.id: an external VPC is known by its id/],
    ["flow logs of an external VPC", (c: any) => (c.flowLogs = { vpcs: ["partner"], s3: { bucketArn: "arn:aws:s3:::logs" } }), /^flowLogs\.vpcs\[0\]: partner is external/],
    ["two external sides", (c: any) => (c.peerings[0].requester = "vendor"), /^peerings\[0\]: vendor and partner are both external/],
    ["a tag that contradicts the tags the request is found by", (c: any) => (c.peerings[1].tags = { Name: "from-vendor" }), /^peerings\[1\]\.tags\.Name: "from-vendor" would replace the Name tag "vendor-to-db" the request is found by/],
  ])("refuses %s", (_name, change, expected) => {
    expect(problems(change)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

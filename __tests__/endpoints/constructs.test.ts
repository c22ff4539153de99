// GatewayVpcEndpoint and InterfaceVpcEndpoint as a library user builds them: what they synthesize,
// and what they refuse (node.addValidation, with core/endpoints.ts's words).
import "cdktf/lib/testing/adapters/jest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsPrefixList } from "@cdktf/provider-aws/lib/data-aws-prefix-list";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointRouteTableAssociation } from "@cdktf/provider-aws/lib/vpc-endpoint-route-table-association";
import { Testing } from "cdktf";
import { bucketEndpointPolicy, ExistingVpc, ReadableAddressStack, GatewayVpcEndpoint, GatewayVpcEndpointAwsService, InterfaceVpcEndpoint, VpcPeering } from "../../modules";
import { thrownMessage } from "../helpers/errors";

function lab() {
  const stack = new ReadableAddressStack(Testing.app(), "endpoints");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const vpc = (key: string, cidr: string, tables = [`${key}-rtb`]) => ExistingVpc.fromLookup(stack, `vpc-${key}`, { key, name: `${key}-vpc`, cidrBlocks: [cidr], routeTables: tables, region: "us-west-2" });
  const hub = vpc("hub", "10.0.0.0/16", ["hub-a", "hub-b"]);
  const one = vpc("one", "10.1.0.0/16");
  const two = vpc("two", "10.2.0.0/16");
  new VpcPeering(stack, "hub-one", { name: "hub-one", requester: hub, accepter: one });
  new VpcPeering(stack, "hub-two", { name: "hub-two", requester: hub, accepter: two });
  return { stack, hub, one, two };
}

it("a gateway endpoint: the service's prefix list, the endpoint with its policy, one association per route table", () => {
  const { stack, hub } = lab();
  new GatewayVpcEndpoint(stack, "s3", { vpc: hub, service: GatewayVpcEndpointAwsService.S3, routeTables: ["hub-b"], policy: bucketEndpointPolicy(["lab-data"]) });
  new GatewayVpcEndpoint(stack, "dynamodb", { vpc: hub, service: "dynamodb" });
  const json = Testing.synth(stack, true);
  expect(json).toHaveDataSourceWithProperties(DataAwsPrefixList, { name: "com.amazonaws.us-west-2.s3" });
  expect(json).toHaveResourceWithProperties(VpcEndpoint, { service_name: "com.amazonaws.us-west-2.s3", vpc_endpoint_type: "Gateway", policy: JSON.stringify(bucketEndpointPolicy(["lab-data"])) });
  // Default policy: full access, written out so the plan shows it.
  expect(json).toHaveResourceWithProperties(VpcEndpoint, { service_name: "com.amazonaws.us-west-2.dynamodb", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}' });
  const associations = Object.values(JSON.parse(json).resource.aws_vpc_endpoint_route_table_association) as { route_table_id: string; vpc_endpoint_id: string }[];
  expect(associations.map((a) => [a.vpc_endpoint_id, a.route_table_id]).sort()).toEqual([
    ["${aws_vpc_endpoint.dynamodb_endpoint.id}", "${data.aws_route_table.vpc-hub_route-table-hub-a.route_table_id}"],
    ["${aws_vpc_endpoint.dynamodb_endpoint.id}", "${data.aws_route_table.vpc-hub_route-table-hub-b.route_table_id}"],
    ["${aws_vpc_endpoint.s3_endpoint.id}", "${data.aws_route_table.vpc-hub_route-table-hub-b.route_table_id}"],
  ]);
  expect(json).toHaveResourceWithProperties(VpcEndpointRouteTableAssociation, { route_table_id: "${data.aws_route_table.vpc-hub_route-table-hub-b.route_table_id}" });
});

it("a centralized interface endpoint: private DNS off, a group admitting hub and spokes, a zone per service aliased to the endpoint and associated with every spoke", () => {
  const { stack, hub, one, two } = lab();
  const ssm = new InterfaceVpcEndpoint(stack, "ssm", { vpc: hub, service: "ssm", subnets: ["subnet-0a1b2c3d", "hub-private-b"], sharedWith: [one] });
  ssm.shareWith(two);
  const json = Testing.synth(stack, true);
  expect(json).toHaveResourceWithProperties(VpcEndpoint, { service_name: "com.amazonaws.us-west-2.ssm", vpc_endpoint_type: "Interface", private_dns_enabled: false });
  const rules = Object.values(JSON.parse(json).resource.aws_vpc_security_group_ingress_rule) as { cidr_ipv4: string; from_port: number; to_port: number }[];
  expect(rules.map((r) => [r.cidr_ipv4, r.from_port, r.to_port])).toEqual([["10.0.0.0/16", 443, 443], ["10.1.0.0/16", 443, 443], ["10.2.0.0/16", 443, 443]]);
  const zone = Object.values(JSON.parse(json).resource.aws_route53_zone)[0] as { name: string; vpc: { vpc_id: string }[] };
  expect(zone.name).toBe("ssm.us-west-2.amazonaws.com");
  expect(zone.vpc.map((v) => v.vpc_id)).toEqual(["${data.aws_vpc.vpc-hub_vpc.id}", "${data.aws_vpc.vpc-one_vpc.id}", "${data.aws_vpc.vpc-two_vpc.id}"]);
  expect(json).toHaveResourceWithProperties(Route53Record, { name: "ssm.us-west-2.amazonaws.com", type: "A", alias: { name: "${aws_vpc_endpoint.ssm_endpoint.dns_entry[0].dns_name}", zone_id: "${aws_vpc_endpoint.ssm_endpoint.dns_entry[0].hosted_zone_id}", evaluate_target_health: false } });
  // Spokes must have DNS support and hostnames on: their lookups now fail the plan otherwise.
  const spokeVpc = (JSON.parse(json).data.aws_vpc as Record<string, { lifecycle: { postcondition: { condition: string }[] } }>)["vpc-one_vpc"];
  expect(spokeVpc.lifecycle.postcondition.map((p) => p.condition)).toEqual(expect.arrayContaining(["${self.enable_dns_support}", "${self.enable_dns_hostnames}"]));
});

it("refuses bad props at synth, every problem at once, naming the prop and the fix", () => {
  const { stack, hub, one } = lab();
  new GatewayVpcEndpoint(stack, "s3", { vpc: hub, service: "ssm", routeTables: ["hub-c"], policy: "{not json" });
  new InterfaceVpcEndpoint(stack, "ssm", { vpc: hub, service: "ssm", subnets: [], privateDnsEnabled: true, sharedWith: [one] });
  const message = thrownMessage(() => Testing.synth(stack, true));
  expect(message).toContain("[endpoints/s3] routeTables[0]: hub-c is not one of the VPC's route tables: use one of hub-a, hub-b, as listed for the VPC");
  expect(message).toContain("[endpoints/s3] service: ssm has no gateway endpoint (AWS offers them for s3 and dynamodb only): make it an interface endpoint");
  expect(message).toContain("[endpoints/s3] policy: is not JSON");
  expect(message).toContain("[endpoints/ssm] subnets: list the subnets the endpoint's network interfaces go in, one per availability zone (ids or Name tags)");
  expect(message).toContain("[endpoints/ssm] privateDnsEnabled: must be false for a centralized endpoint (sharedWith)");
});

it("refuses between endpoints: two gateway endpoints of a service in one table, a spoke's own endpoint beside the hub's, a spoke not peered with the hub", () => {
  const { stack, hub, one } = lab();
  const lone = ExistingVpc.fromLookup(stack, "vpc-lone", { key: "lone", name: "lone-vpc", cidrBlocks: ["10.9.0.0/16"], routeTables: ["lone-rtb"] });
  new GatewayVpcEndpoint(stack, "s3-a", { vpc: hub, service: "s3" });
  new GatewayVpcEndpoint(stack, "s3-b", { vpc: hub, service: "s3", routeTables: ["hub-b"] });
  new InterfaceVpcEndpoint(stack, "ssm", { vpc: hub, service: "ssm", subnets: ["hub-private-a"], sharedWith: [one, lone] });
  new GatewayVpcEndpoint(stack, "one-ssm", { vpc: one, service: "s3" });
  new InterfaceVpcEndpoint(stack, "one-own-ssm", { vpc: one, service: "ssm", subnets: ["one-private-a"] });
  const message = thrownMessage(() => Testing.synth(stack, true));
  expect(message).toContain("endpoints/s3-b.routeTables[0]: route table hub-b (hub) already has a gateway endpoint for s3 (endpoints/s3-a): AWS allows one endpoint per service in a route table (both would route the s3 prefix list); remove the table from one of the two endpoints");
  expect(message).toContain("endpoints/ssm.sharedWith[0]: one has its own interface endpoint for ssm (endpoints/one-own-ssm), which conflicts with the centralized one in hub: remove one from sharedWith, or remove its own endpoint");
  expect(message).toContain("endpoints/ssm.sharedWith[1]: lone is not peered with hub, so it cannot reach the endpoint there: add a peering between them (or a mesh that pairs them), or remove lone from sharedWith");
});

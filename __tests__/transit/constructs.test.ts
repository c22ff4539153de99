// TransitGateway, TransitGatewayRouteTable and TransitGatewayAttachment as a library user builds
// them: what they synthesize, that VPC routes to the gateway go through IRouteTarget and are
// checked with the peering routes, and what they refuse (core/transit.ts's words).
import "cdktf/lib/testing/adapters/jest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { ExistingVpc, ReadableAddressStack, TransitGateway, VpcPeering } from "../../modules";
import { readFacts } from "../../modules/core/facts";
import { thrownMessage } from "../helpers/errors";

function lab() {
  const stack = new ReadableAddressStack(Testing.app(), "transit");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const vpc = (key: string, cidr: string) => ExistingVpc.fromLookup(stack, `vpc-${key}`, { key, name: `${key}-vpc`, cidrBlocks: [cidr], routeTables: [`${key}-rtb`], region: "us-west-2" });
  return { stack, prod: vpc("prod", "10.1.0.0/16"), dev: vpc("dev", "10.2.0.0/16"), shared: vpc("shared", "10.0.0.0/16") };
}

function isolated() {
  const { stack, prod, dev, shared } = lab();
  const tgw = new TransitGateway(stack, "tgw-core", { name: "core", amazonSideAsn: 64600 });
  const [prodTable, devTable, sharedTable] = ["prod", "dev", "shared"].map((n) => tgw.addRouteTable(n));
  tgw.attachVpc(prod, { subnets: ["prod-a", "prod-b"], routeTable: prodTable, propagateTo: [sharedTable] });
  tgw.attachVpc(dev, { subnets: ["dev-a", "dev-b"], routeTable: devTable, propagateTo: [sharedTable] });
  tgw.attachVpc(shared, { subnets: ["shared-a", "shared-b"], routeTable: sharedTable, propagateTo: [prodTable, devTable] });
  devTable.addBlackhole("10.1.0.0/16");
  return { stack, tgw, prod, dev, shared, prodTable, devTable, sharedTable };
}

it("a created gateway with its own tables: attachments, associations, propagations, a blackhole and VPC routes to the gateway", () => {
  const { stack, tgw } = isolated();
  tgw.routeVpcs();
  const json = Testing.synth(stack, true);
  expect(json).toHaveResourceWithProperties(Ec2TransitGateway, { amazon_side_asn: 64600, default_route_table_association: "disable", default_route_table_propagation: "disable", tags: { Name: "core" } });
  expect(json).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { transit_gateway_default_route_table_association: false, subnet_ids: ["${data.aws_subnet.tgw-core_attachment-prod_subnet-prod-a.id}", "${data.aws_subnet.tgw-core_attachment-prod_subnet-prod-b.id}"] });
  expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: "10.1.0.0/16", blackhole: true });
  const parsed = JSON.parse(json);
  const routes = Object.values(parsed.resource.aws_route) as { route_table_id: string; destination_cidr_block: string; transit_gateway_id: string }[];
  expect(routes.map((r) => [r.route_table_id, r.destination_cidr_block, r.transit_gateway_id]).sort()).toEqual([
    ["${data.aws_route_table.vpc-dev_route-table-dev-rtb.route_table_id}", "10.0.0.0/16", "${aws_ec2_transit_gateway_vpc_attachment.tgw-core_attachment-dev_attachment.transit_gateway_id}"],
    ["${data.aws_route_table.vpc-prod_route-table-prod-rtb.route_table_id}", "10.0.0.0/16", "${aws_ec2_transit_gateway_vpc_attachment.tgw-core_attachment-prod_attachment.transit_gateway_id}"],
    ["${data.aws_route_table.vpc-shared_route-table-shared-rtb.route_table_id}", "10.1.0.0/16", "${aws_ec2_transit_gateway_vpc_attachment.tgw-core_attachment-shared_attachment.transit_gateway_id}"],
    ["${data.aws_route_table.vpc-shared_route-table-shared-rtb.route_table_id}", "10.2.0.0/16", "${aws_ec2_transit_gateway_vpc_attachment.tgw-core_attachment-shared_attachment.transit_gateway_id}"],
  ]);
  expect(Object.keys(parsed.resource.aws_ec2_transit_gateway_route_table_association)).toHaveLength(3);
  expect(Object.keys(parsed.resource.aws_ec2_transit_gateway_route_table_propagation)).toHaveLength(4);
  // The report's facts: the gateway's tables and attachments.
  const full = JSON.parse(readFileSync(join(Testing.fullSynth(stack), "stacks", "transit", "cdk.tf.json"), "utf8"));
  const fact = readFacts(full).get("aws_ec2_transit_gateway.tgw-core_gateway")!.transitGateway!;
  expect(fact.attachments).toEqual([{ vpc: "prod", routeTable: "prod", propagateTo: ["shared"] }, { vpc: "dev", routeTable: "dev", propagateTo: ["shared"] }, { vpc: "shared", routeTable: "shared", propagateTo: ["prod", "dev"] }]);
  expect(fact.routeTables.find((t) => t.name === "dev")!.routes).toEqual([{ destination: "10.0.0.0/16", origin: "propagated", vpc: "shared", blackhole: false }, { destination: "10.1.0.0/16", origin: "static", blackhole: true }]);
});

it("an existing gateway by tags is looked up, and gets this stack's tables", () => {
  const { stack, prod } = lab();
  const tgw = TransitGateway.fromLookup(stack, "tgw-net", { name: "net", lookup: { tags: { Name: "network-tgw" } } });
  const table = tgw.addRouteTable("all");
  tgw.attachVpc(prod, { subnets: ["subnet-0123abcd"], routeTable: table, propagateTo: [table] });
  tgw.routeVpcs();
  const parsed = JSON.parse(Testing.synth(stack, true));
  expect(parsed.data.aws_ec2_transit_gateway["tgw-net_gateway"].filter).toEqual([{ name: "tag:Name", values: ["network-tgw"] }]);
  expect(parsed.resource.aws_ec2_transit_gateway).toBeUndefined();
  expect(parsed.data.aws_subnet["tgw-net_attachment-prod_subnet-subnet-0123abcd"].id).toBe("subnet-0123abcd");
});

it("refuses a second attachment of one VPC, unknown-zone subnets and unrouted attachments, all at once", () => {
  const { stack, tgw, prod, prodTable } = isolated();
  tgw.attachVpc(prod, { subnets: [], routeTable: prodTable });
  const message = thrownMessage(() => Testing.synth(stack, true));
  expect(message).toContain("attachments.prod.vpc: prod is already attached to transit gateway core (attachments.prod): AWS allows one VPC attachment per VPC per transit gateway; remove one, and list all the subnets in the other");
  expect(message).toContain("attachments.prod.subnets: list the subnets the attachment uses, one per availability zone");
  expect(message).toContain("attachments.dev: dev's route tables have no routes to transit gateway core yet: call routeVpcs() on the gateway after the last attachVpc and route, or attach it with addVpcRoutes: false");
});

it("a VPC route to the gateway that a peering already routes is refused with the peering routes", () => {
  const { stack, tgw, prod, shared } = isolated();
  new VpcPeering(stack, "prod-shared", { name: "prod-shared", requester: prod, accepter: shared });
  tgw.routeVpcs();
  const message = thrownMessage(() => Testing.synth(stack, true));
  expect(message).toContain("route table prod-rtb (prod) would get a second route to 10.0.0.0/16 (the first comes from transit/prod-shared)");
});

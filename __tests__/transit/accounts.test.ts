// Transit Gateway across accounts: the core placement rule (core/transit.ts), the config path that
// applies it (a VPC of another account is shared the gateway through RAM; an unmanaged account's
// VPC and another region's are refused naming the field and the way round), and the constructs
// (the RAM share, the attachment made through the VPC account's provider, the owner's acceptance).
import "cdktf/lib/testing/adapters/jest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Ec2TransitGatewayVpcAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter";
import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { RamResourceShareAccepter } from "@cdktf/provider-aws/lib/ram-resource-share-accepter";
import { Testing } from "cdktf";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { ExistingVpc, ReadableAddressStack, TransitGateway } from "../../modules";
import { transitGatewayProblems, transitSharedAccounts, type TransitGatewaySpec, type TransitVpc } from "../../modules/core/transit";
import { thrownMessage } from "../helpers/errors";

const vpc = (key: string, cidr: string, extra: Partial<TransitVpc> = {}): TransitVpc => ({ key, identity: `id-${key}`, ipv4: [cidr], ipv6: [], ...extra });
const gateway = (vpcs: TransitVpc[], extra: Partial<TransitGatewaySpec> = {}): TransitGatewaySpec => ({
  where: "tgw", name: "hub", region: "us-west-2",
  routeTables: [{ where: "tgw.routeTables[0]", name: "main", routes: [] }],
  attachments: vpcs.map((v, i) => ({ where: `tgw.attachments[${i}]`, vpc: v, subnets: [`${v.key}-a`], routeTable: "main", propagateTo: ["main"] })),
  ...extra,
});

describe("core: where an attached VPC may be", () => {
  it("shares the gateway with each other account once, and has no problem with them", () => {
    const spec = gateway([vpc("shared", "10.0.0.0/16", { region: "us-west-2" }), vpc("app", "10.1.0.0/16", { account: "workloads", region: "us-west-2" }), vpc("batch", "10.2.0.0/16", { account: "workloads" }), vpc("data", "10.3.0.0/16", { account: "data" })]);
    expect(transitGatewayProblems(spec)).toEqual([]);
    expect(transitSharedAccounts(spec)).toEqual(["workloads", "data"]);
    expect(transitSharedAccounts({ ...spec, account: "workloads" })).toEqual(["data"]);
  });

  it("refuses an unmanaged account's VPC and another region's VPC, each at its field with the way round", () => {
    const problems = transitGatewayProblems(gateway([vpc("partner", "10.1.0.0/16", { external: true }), vpc("east", "10.2.0.0/16", { region: "us-east-1" })]));
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "tgw.attachments[0].vpc: partner is a VPC of an account the stack does not manage: its owner would have to create the attachment; declare its account under accounts and set vpcs.partner.account (the gateway is then shared with it through RAM), or peer it instead (peerings)",
      expect.stringMatching(/^tgw\.attachments\[1\]\.vpc: east is in us-east-1, transit gateway hub in us-west-2: a gateway attaches VPCs of its own region only; /),
    ]);
  });

  it("does not compare a region left to the provider", () => {
    expect(transitGatewayProblems(gateway([vpc("a", "10.1.0.0/16", { region: "us-east-1" })], { region: undefined }))).toEqual([]);
  });
});

describe("config", () => {
  const example = () => JSON.parse(JSON.stringify(loadConfig("examples/transit-gateway-cross-account.yaml")));

  it("accepts the example: the VPC of accounts.workloads is attached through the share", () => {
    const config = loadConfig("examples/transit-gateway-cross-account.yaml");
    expect(config.transitGateways[0].sharing).toBe("invitation");
  });

  it("refuses an unknown sharing mode, naming both", () => {
    const raw = example();
    raw.transitGateways[0].sharing = "email";
    expect(thrownMessage(() => parseConfig(raw))).toContain("transitGateways[0].sharing: must be invitation or organization");
  });

  it("refuses another region's VPC and an unmanaged account's VPC at once, each at its attachment", () => {
    const raw = example();
    raw.vpcs.app.region = "us-east-1";
    raw.vpcs.app.create.subnets = [{ name: "app-tgw-a", cidr: "10.41.0.0/28", az: "us-east-1a" }];
    raw.transitGateways[0].attachments[1].subnets = ["app-tgw-a"];
    raw.vpcs.partner = { id: "vpc-0123abcd", cidr: "10.42.0.0/16", external: { accountId: "444444444444" } };
    raw.transitGateways[0].attachments.push({ vpc: "partner", subnets: ["subnet-0123abcd"], routeTable: "main" });
    const message = thrownMessage(() => parseConfig(raw));
    expect(message).toContain("2 problems");
    expect(message).toContain("transitGateways[0].attachments[1].vpc: app is in us-east-1, transit gateway hub in us-west-2");
    expect(message).toContain("transitGateways[0].attachments[2].vpc: partner is a VPC of an account the stack does not manage");
  });
});

describe("constructs", () => {
  function stackWithAccounts(sharing?: "invitation" | "organization") {
    const stack = new ReadableAddressStack(Testing.app(), "transit");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const workloads = new AwsProvider(stack, "aws-workloads", { region: "us-west-2", alias: "workloads", assumeRole: [{ roleArn: "arn:aws:iam::333333333333:role/network-admin" }] });
    const shared = ExistingVpc.fromAttributes(stack, "vpc-shared", { key: "shared", vpcId: "vpc-0aaa1111", cidrBlocks: ["10.40.0.0/16"], routeTableIds: { "shared-rtb": "rtb-0aaa1111" } });
    const app = ExistingVpc.fromAttributes(stack, "vpc-app", { key: "app", vpcId: "vpc-0bbb2222", cidrBlocks: ["10.41.0.0/16"], routeTableIds: { "app-rtb": "rtb-0bbb2222" }, provider: workloads, accountId: "333333333333" });
    const tgw = new TransitGateway(stack, "tgw-hub", { name: "hub", sharing });
    const main = tgw.addRouteTable("main");
    tgw.attachVpc(shared, { subnets: ["subnet-0aaa1111"], routeTable: main, propagateTo: [main] });
    const attachment = tgw.attachVpc(app, { subnets: ["subnet-0bbb2222"], routeTable: main, propagateTo: [main] });
    tgw.routeVpcs();
    return { stack, tgw, attachment };
  }

  it("shares the gateway, attaches from the VPC's account after the share is accepted, and accepts as the owner", () => {
    const { stack, attachment } = stackWithAccounts();
    expect(attachment.crossAccount).toBe(true);
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(RamResourceShare, { name: "hub-tgw", allow_external_principals: true });
    expect(json).toHaveResourceWithProperties(RamPrincipalAssociation, { principal: "333333333333" });
    expect(json).toHaveResourceWithProperties(RamResourceShareAccepter, { provider: "aws.workloads" });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { vpc_id: "vpc-0bbb2222", provider: "aws.workloads", depends_on: expect.arrayContaining(["aws_ram_resource_share_accepter.tgw-hub_share_accepter-333333333333"]) });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachmentAccepter, { transit_gateway_default_route_table_association: false });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRouteTableAssociation, { transit_gateway_attachment_id: "${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw-hub_attachment-app_accepter.id}" });
    const parsed = JSON.parse(json);
    expect(parsed.resource.aws_route["tgw-hub_attachment-app_route-app-rtb-to-10-40-0-0-16"]).toMatchObject({ provider: "aws.workloads", transit_gateway_id: "${aws_ec2_transit_gateway_vpc_attachment_accepter.tgw-hub_attachment-app_accepter.transit_gateway_id}" });
    expect(parsed.resource.aws_ec2_transit_gateway_vpc_attachment["tgw-hub_attachment-app_attachment"].transit_gateway_default_route_table_association).toBeUndefined();
  });

  it("within an organization: a share limited to it, no invitation to accept", () => {
    const { stack } = stackWithAccounts("organization");
    const parsed = JSON.parse(Testing.synth(stack, true));
    expect(parsed.resource.aws_ram_resource_share["tgw-hub_share_share"].allow_external_principals).toBe(false);
    expect(parsed.resource.aws_ram_resource_share_accepter).toBeUndefined();
  });

  it("an existing gateway shared with another account must not auto-accept: a postcondition fails the plan otherwise", () => {
    const stack = new ReadableAddressStack(Testing.app(), "transit");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const tgw = TransitGateway.fromLookup(stack, "tgw-hub", { name: "hub", lookup: { id: "tgw-0123456789abcdef0" } });
    expect(tgw.lookup!.lifecycle).toBeUndefined();
    tgw.shareWith("333333333333");
    expect(JSON.parse(Testing.synth(stack)).data.aws_ec2_transit_gateway["tgw-hub_gateway"].lifecycle.postcondition[0]).toEqual({
      condition: '${(self.auto_accept_shared_attachments == "disable")}',
      error_message: expect.stringContaining("turn auto-accept off on the gateway"),
    });
  });

  it("refuses a VPC of another region with the core rule's words", () => {
    const stack = new ReadableAddressStack(Testing.app(), "transit");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const east = ExistingVpc.fromAttributes(stack, "vpc-east", { key: "east", vpcId: "vpc-0ccc3333", cidrBlocks: ["10.50.0.0/16"], routeTableIds: { "east-rtb": "rtb-0ccc3333" }, region: "us-east-1" });
    const tgw = new TransitGateway(stack, "tgw-hub", { name: "hub", region: "us-west-2" });
    tgw.attachVpc(east, { subnets: ["subnet-0ccc3333"], routeTable: tgw.addRouteTable("main") });
    tgw.routeVpcs();
    expect(thrownMessage(() => Testing.synth(stack, true))).toContain("attachments.east.vpc: east is in us-east-1, transit gateway hub in us-west-2");
  });
});

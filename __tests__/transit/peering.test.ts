// TGW peering between gateways: the core rule (core/transit-peering.ts), the config path that
// applies it (transitGateways[].region and peerWith), and TransitGateway.peerWith.
import "cdktf/lib/testing/adapters/jest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Ec2TransitGatewayPeeringAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment";
import { Ec2TransitGatewayPeeringAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Testing } from "cdktf";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { ExistingVpc, ReadableAddressStack, TransitGateway } from "../../modules";
import { transitPeeringProblems, transitPeeringSides } from "../../modules/core/transit-peering";
import type { TransitGatewaySpec, TransitVpc } from "../../modules/core/transit";
import { thrownMessage } from "../helpers/errors";

const vpc = (key: string, cidr: string): TransitVpc => ({ key, identity: `id-${key}`, ipv4: [cidr], ipv6: [] });
const gateway = (name: string, vpcs: TransitVpc[]): TransitGatewaySpec => ({
  where: name, name,
  routeTables: [{ where: `${name}.routeTables[0]`, name: "main", routes: [] }],
  attachments: vpcs.map((v, i) => ({ where: `${name}.attachments[${i}]`, vpc: v, subnets: ["s"], routeTable: "main", propagateTo: ["main"] })),
});
const west = gateway("west", [vpc("app", "10.60.0.0/16"), vpc("shared", "10.61.0.0/16")]);
const east = gateway("east", [vpc("reports", "10.70.0.0/16")]);
const peering = { where: "p", gateway: "west", peer: "east", routeTable: "main", peerRouteTable: "main" };

describe("core", () => {
  it("each side routes the other side's VPC blocks to the peering", () => {
    const sides = transitPeeringSides([west, east], [peering]);
    expect(sides.get("west")).toEqual([{ where: "p", peer: "east", routeTable: "main", destinations: ["10.70.0.0/16"] }]);
    expect(sides.get("east")).toEqual([{ where: "p", peer: "west", routeTable: "main", destinations: ["10.60.0.0/16", "10.61.0.0/16"] }]);
    expect(transitPeeringProblems([west, east], [peering])).toEqual([]);
  });

  it("lists every problem at once: unknown gateway and tables, a duplicate pair, overlapping blocks", () => {
    const clash = gateway("clash", [vpc("copy", "10.60.128.0/17")]);
    const problems = transitPeeringProblems([west, east, clash], [
      { ...peering, where: "a", peer: "nowhere" },
      { ...peering, where: "b", routeTable: "nope", peerRouteTable: "none" },
      { ...peering, where: "c", gateway: "east", peer: "west" },
      { ...peering, where: "d", peer: "clash" },
      { ...peering, where: "e", peer: "west" },
    ]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'a.gateway: "nowhere" is not a transit gateway of this config: use one of west, east, clash',
      'b.routeTable: "nope" is not a route table of transit gateway west: use one of main',
      'b.peerRouteTable: "none" is not a route table of transit gateway east: use one of main',
      "c.gateway: transit gateways east and west are already peered (b): AWS allows one peering per pair of gateways; remove one",
      "d.gateway: app (10.60.0.0/16, on west) and copy (10.60.128.0/17, on clash) overlap: traffic across the peering cannot tell them apart; re-address one of the VPCs",
      "e.gateway: transit gateway west cannot peer with itself: name another gateway",
    ]);
  });
});

describe("config", () => {
  const example = () => JSON.parse(JSON.stringify(loadConfig("examples/transit-gateway-inter-region.yaml")));

  it("refuses an unknown peer and table, naming the fields", () => {
    const raw = example();
    raw.transitGateways[0].peerWith.push({ gateway: "north", routeTable: "main", peerRouteTable: "main" }, { gateway: "east", routeTable: "spokes", peerRouteTable: "main" });
    const message = thrownMessage(() => parseConfig(raw));
    expect(message).toContain('transitGateways[0].peerWith[1].gateway: "north" is not a transit gateway of this config: use one of west, east');
    expect(message).toContain('transitGateways[0].peerWith[2].routeTable: "spokes" is not a route table of transit gateway west: use one of main');
    expect(message).toContain("transitGateways[0].peerWith[2].gateway: transit gateways west and east are already peered (transitGateways[0].peerWith[0])");
  });

  it("refuses attaching a VPC to the gateway of another region, pointing at peerWith", () => {
    const raw = example();
    raw.transitGateways[0].attachments.push({ vpc: "reports", subnets: ["reports-tgw-a"], routeTable: "main" });
    expect(thrownMessage(() => parseConfig(raw))).toContain("transitGateways[0].attachments[2].vpc: reports is in us-east-1, transit gateway west in us-west-2: a gateway attaches VPCs of its own region only; attach it to a gateway in us-east-1 and peer the two gateways (transitGateways[].region, peerWith), or peer the VPCs instead");
  });
});

describe("constructs", () => {
  function regions() {
    const stack = new ReadableAddressStack(Testing.app(), "transit");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const app = ExistingVpc.fromAttributes(stack, "vpc-app", { key: "app", vpcId: "vpc-0aaa1111", cidrBlocks: ["10.60.0.0/16"], routeTableIds: { "app-rtb": "rtb-0aaa1111" }, region: "us-west-2" });
    const reports = ExistingVpc.fromAttributes(stack, "vpc-reports", { key: "reports", vpcId: "vpc-0bbb2222", cidrBlocks: ["10.70.0.0/16"], routeTableIds: { "reports-rtb": "rtb-0bbb2222" }, region: "us-east-1" });
    const w = new TransitGateway(stack, "tgw-west", { name: "west", region: "us-west-2" });
    const e = new TransitGateway(stack, "tgw-east", { name: "east", region: "us-east-1" });
    const [wm, em] = [w.addRouteTable("main"), e.addRouteTable("main")];
    w.attachVpc(app, { subnets: ["subnet-0aaa1111"], routeTable: wm, propagateTo: [wm] });
    e.attachVpc(reports, { subnets: ["subnet-0bbb2222"], routeTable: em, propagateTo: [em] });
    return { stack, w, e, wm, em };
  }

  it("peers two gateways: the attachment, its acceptance in the peer's region, static routes both ways", () => {
    const { stack, w, e, wm, em } = regions();
    w.peerWith(e, { routeTable: wm, peerRouteTable: em });
    w.routeVpcs();
    e.routeVpcs();
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayPeeringAttachment, { peer_region: "us-east-1", region: "us-west-2" });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayPeeringAttachmentAccepter, { region: "us-east-1" });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: "10.70.0.0/16", region: "us-west-2" });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: "10.60.0.0/16", region: "us-east-1" });
    const routes = JSON.parse(json).resource.aws_route;
    expect(routes["tgw-west_attachment-app_route-app-rtb-to-10-70-0-0-16"]).toMatchObject({ destination_cidr_block: "10.70.0.0/16" });
    expect(routes["tgw-east_attachment-reports_route-reports-rtb-to-10-60-0-0-16"]).toMatchObject({ region: "us-east-1" });
  });

  it("refuses a second peering of the pair, a peer without region, and unrouted peerings", () => {
    const { stack, w, e, wm, em } = regions();
    w.peerWith(e, { routeTable: wm, peerRouteTable: em });
    expect(() => e.peerWith(w, { routeTable: em, peerRouteTable: wm })).toThrow("TransitGateway east: already peered with west; AWS allows one peering per pair of gateways");
    const nowhere = new TransitGateway(stack, "tgw-x", { name: "x" });
    expect(() => w.peerWith(nowhere, { routeTable: wm, peerRouteTable: nowhere.addRouteTable("main") })).toThrow("TransitGateway x: give 'region': a peering from west names the peer's region (peer_region)");
    w.routeVpcs();
    expect(thrownMessage(() => Testing.synth(stack, true))).toContain("the route tables of transit gateway east have no routes to its peer west yet: call routeVpcs()");
  });
});

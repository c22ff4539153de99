// Route targets are an interface: a target defined here, in the test, and nowhere in modules/ is
// planned (core planRoutes), synthesized (TargetRoutes), checked with the peerings' routes (one
// route per destination in a table, the route quota) and read back by the report, without any
// peering code knowing it exists.
import "cdktf/lib/testing/adapters/jest";
import { Route } from "@cdktf/provider-aws/lib/route";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RouteTargetRef } from "../../modules/core/routes";
import { IRouteTarget, RouteTargetArguments, TargetRoutes } from "../../modules/constructs/routing/route-target";
import { VpcPeering } from "../../modules/constructs/routing/vpc-peering";
import { ExistingVpc } from "../../modules/constructs/vpc/existing-vpc";
import { QUOTA_CONTEXT } from "../../modules/constructs/checks/peering-checks";
import { readNetworkModel, TerraformJson } from "../../modules/report/network-model";
import { analyzeReachability } from "../../modules/report/reachability";
import { thrownMessage } from "../helpers/errors";

/** A target only this test knows: an internet gateway, say, reached by its id. */
class TestGateway extends Construct implements IRouteTarget {
  readonly routeTarget: RouteTargetRef;
  constructor(scope: Construct, id: string, private readonly gatewayId: string) {
    super(scope, id);
    this.routeTarget = { kind: "test-gateway", name: id };
  }
  routeArguments(): RouteTargetArguments {
    return { gatewayId: this.gatewayId };
  }
}

function lab(context: Record<string, unknown> = {}) {
  const stack = new TerraformStack(Testing.app({ context }), "targets");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const vpc = (key: string, cidr: string) => ExistingVpc.fromLookup(stack, `vpc-${key}`, { key, name: `${key}-vpc`, cidrBlocks: [cidr], routeTables: [`${key}-rtb`] });
  const web = vpc("web", "10.0.0.0/16");
  const api = vpc("api", "10.1.0.0/16");
  new VpcPeering(stack, "peering", { name: "web-api", requester: web, accepter: api });
  return { stack, web, gateway: new TestGateway(stack, "edge", "igw-0123456789abcdef0") };
}

it("plans and synthesizes routes to any target, with the target's own argument", () => {
  const { stack, web, gateway } = lab();
  const routes = new TargetRoutes(stack, "edge-routes", { target: gateway, vpc: web, destinations: ["10.1.0.0/17"] });
  expect(routes.plans.map((p) => [p.routeTable.key, p.destination, p.target])).toEqual([["web-rtb", "10.1.0.0/17", { kind: "test-gateway", name: "edge" }]]);
  const json = Testing.synth(stack);
  expect(json).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.1.0.0/17", gateway_id: "igw-0123456789abcdef0" });
});

it("is checked with the peerings' routes: a second route to one destination in a table, and the route quota", () => {
  const one = lab();
  new TargetRoutes(one.stack, "edge-routes", { target: one.gateway, vpc: one.web, destinations: ["10.1.0.0/16"] });
  expect(thrownMessage(() => Testing.synth(one.stack))).toMatch(/targets\/edge-routes\/route-web-rtb-to-10-1-0-0-16: route table web-rtb \(web\) would get a second route to 10\.1\.0\.0\/16 \(the first comes from targets\/peering\)/);

  const two = lab({ [QUOTA_CONTEXT.routesPerRouteTable]: 1 });
  new TargetRoutes(two.stack, "edge-routes", { target: two.gateway, vpc: two.web, destinations: ["192.168.0.0/16"] });
  expect(thrownMessage(() => Testing.synth(two.stack))).toMatch(/route table web-rtb \(web\) would get 2 routes, more than the route quota of 1/);
});

it("is read back by the report: a more specific route to it takes part of the peer's block", () => {
  const { stack, web, gateway } = lab();
  new TargetRoutes(stack, "edge-routes", { target: gateway, vpc: web, destinations: ["10.1.0.0/17"] });
  const out = Testing.fullSynth(stack);
  const tf = JSON.parse(readFileSync(join(out, "stacks", "targets", "cdk.tf.json"), "utf8")) as TerraformJson;
  const model = readNetworkModel(tf, "targets");
  expect(model.routes.find((r) => r.destination === "10.1.0.0/17")?.target).toEqual({ kind: "test-gateway", name: "edge" });
  const pair = analyzeReachability(model, [{ protocol: "tcp", port: 443 }]).pairs.find((p) => p.from === "web" && p.to === "api")!;
  expect(pair.notes.join("\n")).toMatch(/10\.1\.0\.0\/17 goes via test-gateway edge/);
});

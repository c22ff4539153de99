// addPlanTimeRoutes: routes over tables and destinations that are maps known only at plan time
// (a module's inputs), to any IRouteTarget, keyed "<table key>/<destination key>". Synthesized,
// then planned with real Terraform (stand-in provider) with maps passed as variables.
import * as fs from "fs";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformLocal, TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { RouteTargetRef } from "../../modules/core/routes";
import { addPlanTimeRoutes, IRouteTarget, RouteTargetArguments } from "../../modules/constructs/routing/route-target";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

const gateway: IRouteTarget = {
  routeTarget: { kind: "test-gateway", name: "edge" } satisfies RouteTargetRef,
  routeArguments: (): RouteTargetArguments => ({ gatewayId: "igw-0123456789abcdef0" }),
};

function synthJson(): Record<string, Record<string, Record<string, Record<string, unknown>>>> {
  const stack = new TerraformStack(Testing.app(), "routes");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const tables = new TerraformVariable(stack, "tables", { type: "map(string)" });
  const destinations = new TerraformVariable(stack, "destinations", { type: "map(string)" });
  // A local in between, as a module computes its maps.
  const byKey = new TerraformLocal(stack, "tables_by_key", tables.value);
  addPlanTimeRoutes(stack, "routes", { routeTables: byKey.expression, destinations: destinations.value, target: gateway });
  // fullSynth: Testing.synth leaves out the top-level "//" that holds the report's facts.
  return JSON.parse(fs.readFileSync(path.join(Testing.fullSynth(stack), "stacks", "routes", "cdk.tf.json"), "utf8"));
}

describe("addPlanTimeRoutes", () => {
  it("writes one aws_route over table × destination keys, with the target's argument and the report's fact", () => {
    const json = synthJson();
    const route = Object.values(json.resource.aws_route)[0];
    expect(route.for_each).toBe('${{ for pair in setproduct(keys(local.tables_by_key), keys(var.destinations)) : "${pair[0]}/${pair[1]}" => { route_table_id = (local.tables_by_key)[pair[0]], destination = (var.destinations)[pair[1]] } }}');
    expect(route).toMatchObject({
      route_table_id: "${each.value.route_table_id}",
      destination_cidr_block: '${strcontains(each.value.destination, ":") ? null : each.value.destination}',
      destination_ipv6_cidr_block: '${strcontains(each.value.destination, ":") ? each.value.destination : null}',
      gateway_id: "igw-0123456789abcdef0",
    });
    // The report's fact names the target (the stack's "//" facts).
    expect(JSON.stringify(json["//"])).toContain("test-gateway");
  });
});

describeWithTerraform("addPlanTimeRoutes, planned with Terraform", () => {
  jest.setTimeout(120_000);

  it("plans a route per table and destination, IPv4 or IPv6 by the block, keyed by the maps' keys", async () => {
    const env = (await prepareOfflineTerraform()).env;
    const dir = tempStackDir("plan-time-routes");
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(synthJson()));
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const vars = ['-var=tables={"0"="rtb-0a1b2c3d4e5f60001","1"="rtb-0a1b2c3d4e5f60002"}', '-var=destinations={primary="10.1.0.0/16",v6="2600:1f14:abc::/56"}'];
    const planned = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin", ...vars], { env });
    expect(planned.stderr).toBe("");
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env }).stdout) as { resource_changes: { address: string; change: { after: Record<string, unknown> } }[] };
    const after = Object.fromEntries(shown.resource_changes.map((c) => [c.address.replace(/^aws_route\.[^[]+/, ""), c.change.after]));
    expect(Object.keys(after).sort()).toEqual(['["0/primary"]', '["0/v6"]', '["1/primary"]', '["1/v6"]']);
    expect(after['["1/primary"]']).toMatchObject({ route_table_id: "rtb-0a1b2c3d4e5f60002", destination_cidr_block: "10.1.0.0/16", gateway_id: "igw-0123456789abcdef0" });
    expect(after['["0/v6"]']).toMatchObject({ route_table_id: "rtb-0a1b2c3d4e5f60001", destination_ipv6_cidr_block: "2600:1f14:abc::/56" });
    expect(after['["0/v6"]'].destination_cidr_block ?? null).toBeNull();
  });
});

// Route tables found at plan time (vpcs.<k>.discoverRouteTables, and a peering's share of them by
// tags): Terraform plans one route per table the world holds, keyed by the table's id, with no
// "count/for_each unknown" error.
import * as path from "path";
import { App } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");

describeWithTerraform("route tables discovered at plan time", () => {
  jest.setTimeout(60_000);

  /** The example planned against the world: each route as "for_each key, table → destination". */
  async function plannedRoutes(example: string): Promise<string[]> {
    const { env } = await prepareOfflineTerraform({ world: WORLD });
    const config = loadConfig(path.join(__dirname, "../../examples", example));
    const app = new App({ outdir: tempStackDir("discovery") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    const dir = path.join(app.outdir, "stacks", config.stack);
    expect(runTerraform(dir, ["init", "-input=false"], { env, world: WORLD }).code).toBe(0);
    const plan = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    return shown.resource_changes
      .filter((c: { type: string }) => c.type === "aws_route")
      .map((c: { index: string; change: { after: { route_table_id: string; destination_cidr_block: string } } }) => `${c.index} ${c.change.after.route_table_id} → ${c.change.after.destination_cidr_block}`)
      .sort();
  }

  it("plans a route into every table of web-vpc (its main table too) and every db-vpc table tagged Tier=private (not db's main table)", async () => {
    expect(await plannedRoutes("route-discovery.yaml")).toEqual([
      "rtb-0e0e0e0e0e0e00001 rtb-0e0e0e0e0e0e00001 → 10.2.0.0/16",
      "rtb-0e0e0e0e0e0e00002 rtb-0e0e0e0e0e0e00002 → 10.0.0.0/16",
      "rtb-0e0e0e0e0e0e00003 rtb-0e0e0e0e0e0e00003 → 10.0.0.0/16",
      "rtb-0e0e0e0e0e0e0f001 rtb-0e0e0e0e0e0e0f001 → 10.2.0.0/16",
    ]);
  });

  it("routes a peering only from the found tables that also carry its tags (peerings[].routeTables.<side>.tags)", async () => {
    expect(await plannedRoutes("route-discovery-tags.yaml")).toEqual([
      "rtb-0e0e0e0e0e0e00001 rtb-0e0e0e0e0e0e00001 → 10.2.0.0/16",
      "rtb-0e0e0e0e0e0e00002 rtb-0e0e0e0e0e0e00002 → 10.0.0.0/16",
      "rtb-0e0e0e0e0e0e0f001 rtb-0e0e0e0e0e0e0f001 → 10.2.0.0/16",
    ]);
  });
});

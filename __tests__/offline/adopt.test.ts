// Adopting the hand-built lab (config `adopt`): against a world that already holds the peering,
// routes, zone, record, log group and flow logs, the plan imports every one of them and creates
// none; without `adopt` the same plan would create them all (and AWS would refuse duplicates).
import * as path from "path";
import { App } from "cdktf";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { labConfig } from "../helpers/lab";

const WORLD = path.join(__dirname, "../../testing/worlds/lab-adopted.json");

describeWithTerraform("adopting what was built by hand", () => {
  jest.setTimeout(90_000);
  let env: Record<string, string>;
  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
  });

  const plan = (adopt: TopologyConfig["adopt"], change: (c: TopologyConfig) => TopologyConfig = (c) => c) => {
    const config: TopologyConfig = change({ ...labConfig(), backend: { type: "local" }, adopt });
    const app = new App({ outdir: tempStackDir("adopt") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    const dir = path.join(app.outdir, "stacks", config.stack);
    expect(runTerraform(dir, ["init", "-input=false"], { env, world: WORLD }).code).toBe(0);
    return runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world: WORLD });
  };

  it("imports the peering, routes, zone, record, log group and flow logs, and creates nothing", () => {
    const r = plan({ flowLogIds: { web: "fl-0aaa0000000000001", api: "fl-0aaa0000000000002" } });
    expect(r.stderr).toBe("");
    // What exists matches the config, so adopting changes nothing.
    expect(r.stdout).toMatch(/Plan: 8 to import, 0 to add, 0 to change, 0 to destroy/);
    for (const address of [
      "aws_vpc_peering_connection.peering-api-web-pc_connection",
      "aws_route.peering-api-web-pc_route-requester-api-vpc-rtb-to-10-0-0-0-16",
      "aws_route53_zone.zone-lab-private_zone",
      "aws_flow_log.flow-logs_flow-log-web",
    ]) expect(r.stdout).toContain(`${address}: Preparing import... [id=`);
  });

  it("plain adopt: imports all but the flow logs (no lookup exists for them), and changes nothing", () => {
    const r = plan(true);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Plan: 6 to import, 2 to add, 0 to change, 0 to destroy/);
    expect(r.stdout).toMatch(/aws_flow_log\.flow-logs_flow-log-web will be created/);
  });

  it("routes into tables found at plan time (discoverRouteTables) are imported too, one per table found (import with for_each)", () => {
    const discovered = (c: TopologyConfig): TopologyConfig => ({ ...c, vpcs: { ...c.vpcs, web: { ...c.vpcs.web, routeTables: [], discoverRouteTables: "all" } } });
    const r = plan({ flowLogIds: { web: "fl-0aaa0000000000001", api: "fl-0aaa0000000000002" } }, discovered);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Plan: 8 to import, 0 to add, 0 to change, 0 to destroy/);
    expect(r.stdout).toMatch(/aws_route\.peering-api-web-pc_route-accepter-[\w-]+\["rtb-0a1b2c3d4e5f60001"\]: Preparing import\.\.\. \[id=rtb-0a1b2c3d4e5f60001_10\.1\.0\.0\/16\]/);
  });

  it("without adopt, plans to create all of them", () => {
    expect(plan(undefined).stdout).toMatch(/Plan: 8 to add, 0 to change, 0 to destroy/);
  });
});

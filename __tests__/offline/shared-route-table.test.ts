// Two listed subnets that turn out to share one route table would get every peer route twice,
// which AWS refuses at apply. The ids are only known at plan time, so the plan stops first, with a
// message naming both entries. Planned against the examples world, and a variant where db-private-b
// is associated with db-private-a's table.
import { App } from "cdktf";
import * as path from "path";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { worldVariant } from "../../testing/offline-aws/worlds";

const root = path.join(__dirname, "..", "..");
const WORLD = path.join(root, "testing", "worlds", "examples.json");

describeWithTerraform("subnets that share a route table", () => {
  jest.setTimeout(90_000);
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    const config = loadConfig(path.join(root, "examples", "existing-vpcs-security.yaml"));
    const app = new App({ outdir: tempStackDir("shared-rtb") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    dir = path.join(app.outdir, "stacks", config.stack);
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
  });

  it("plan when each subnet has its own table", () => {
    const r = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world: WORLD });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("stop the plan, naming both subnets, when they share one", async () => {
    const shared = await servedWorld(worldVariant(WORLD, (w) => {
      const tables = w.route_tables as { id: string; subnet_id?: string; subnet_ids?: string[] }[];
      const a = tables.find((t) => t.subnet_ids?.includes("subnet-0a1b2c3d4e5f60002"))!;
      const b = tables.find((t) => t.subnet_ids?.includes("subnet-0a1b2c3d4e5f60003"))!;
      a.subnet_ids = [...(a.subnet_ids ?? []), "subnet-0a1b2c3d4e5f60003"];
      w.route_tables = tables.filter((t) => t !== b);
    }));
    const r = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world: shared });
    expect(r.code).toBe(1);
    const text = r.stderr.replace(/\s+/g, " ");
    expect(text).toMatch(/Resource postcondition failed/);
    expect(text).toMatch(/In vpcs\.db, the route table of subnet db-private-b is rtb-\w+, which is also the route table of subnet subnet-0a1b2c3d4e5f60002/);
  });
});

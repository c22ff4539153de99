// VPCs found by any tags (vpcs.<k>.matchTags): Terraform finds the one VPC carrying all of them,
// is not fooled by a VPC that carries only some, and fails the plan when two carry them all.
import * as path from "path";
import { App } from "cdktf";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { vpcNamed, worldVariant } from "../../testing/offline-aws/worlds";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");

describeWithTerraform("VPCs found by tags", () => {
  jest.setTimeout(60_000);
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    const config = parseConfig({
      stack: "tags", region: "us-west-2", backend: { type: "local" },
      vpcs: {
        web: { name: "web-vpc", cidr: "10.0.0.0/16", secondaryCidrs: ["100.64.0.0/20"], routeTables: ["web-private-rtb"] },
        db: { matchTags: { Tier: "data", Environment: "prod" }, cidr: "10.2.0.0/16", routeTables: ["db-private-a-rtb"] },
      },
      peerings: [{ name: "web-db", requester: "web", accepter: "db" }],
    });
    const app = new App({ outdir: tempStackDir("tags") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    dir = path.join(app.outdir, "stacks", config.stack);
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
  });

  /** A world with one more VPC beside db-vpc, tagged `tags`. */
  const withDecoy = (tags: Record<string, string>) =>
    servedWorld(worldVariant(WORLD, (w) => { w.vpcs!.push({ ...vpcNamed(w, "db-vpc"), id: "vpc-0e0e0e0e0e0e0dec0", cidr_block: "10.3.0.0/16", cidr_block_associations: [], tags }); }));

  it("finds the VPC carrying every tag, not one that carries some of them", async () => {
    const world = await withDecoy({ Name: "db-staging", Tier: "data", Environment: "staging" });
    const r = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin"], { env, world });
    expect(r.stderr).toBe("");
    const plan = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world }).stdout);
    const connection = plan.resource_changes.find((c: { type: string }) => c.type === "aws_vpc_peering_connection");
    expect(connection.change.after.peer_vpc_id).toBe("vpc-0e0e0e0e0e0e00002");
  });

  it("fails the plan when two VPCs carry all the tags", async () => {
    const r = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world: await withDecoy({ Name: "db-copy", Tier: "data", Environment: "prod" }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/multiple EC2 VPCs matched/);
    expect(r.stderr).toMatch(/data\.aws_vpc\.vpc-db/);
  });
});

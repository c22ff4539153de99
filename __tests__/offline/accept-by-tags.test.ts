// examples/one-side.yaml accepts a vendor's request found by its tags. Plan → apply → plan
// against one long-lived stand-in, which writes an accepter's tags onto the connection it
// accepted, as AWS does: the second plan must find the request again and have nothing to do.
import * as path from "path";
import { App } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { worldVariant } from "../../testing/offline-aws/worlds";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");

describeWithTerraform("a request accepted by its tags stays findable by them", () => {
  jest.setTimeout(60_000);

  it("plan, apply, plan: no changes, the request found again", async () => {
    const { env } = await prepareOfflineTerraform({ world: WORLD });
    // A world of this test's own: the apply changes the connection's tags in it.
    const world = await servedWorld(worldVariant(WORLD, () => undefined));
    const config = loadConfig(path.join(__dirname, "../../examples/one-side.yaml"));
    const app = new App({ outdir: tempStackDir("accept-by-tags") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    const dir = path.join(app.outdir, "stacks", config.stack);
    const tf = (...args: string[]) => runTerraform(dir, args, { env, world });
    expect(tf("init", "-input=false").code).toBe(0);
    const apply = tf("apply", "-input=false", "-auto-approve");
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added/);
    const again = tf("plan", "-input=false", "-detailed-exitcode");
    expect(again.stderr).toBe("");
    expect(again.stdout).toMatch(/No changes\./);
    expect(again.code).toBe(0);
  });
});

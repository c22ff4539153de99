// Every example config through real terraform and the offline stand-in provider: init and plan
// (which validates first), against testing/worlds/examples.json (the VPCs,
// subnets and route tables the example that looks VPCs up expects to exist).
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { buildStack } from "../helpers/lab";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { atScale, itEachAtScale } from "../../testing/scale";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const WORLD = join(__dirname, "..", "..", "testing", "worlds", "examples.json");
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

// The 50-VPC mesh through Terraform is scale, not shape (testing/scale.ts; `npm run bench:plan`
// times it): every run validates and plans mesh-10, the same resources at a smaller count.

function synthExample(file: string): string {
  const config = loadConfig(join(EXAMPLES, file));
  return Testing.fullSynth(buildStack(config));
}

describeWithTerraform("examples against the offline provider", () => {
  jest.setTimeout(180_000);
  let env: Record<string, string>;
  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
  });

  it("covers every example", () => {
    expect(examples).toEqual(expect.arrayContaining(["cross-account.yaml", "hub-and-spoke.yaml", "inter-region.yaml", "mesh-10.yaml", "mesh-50.yaml"]));
  });

  // One init and one plan per example: a plan validates the configuration first, so running
  // cdktf's toBeValidTerraform beside toPlanSuccessfully would init and validate twice.
  const check = (file: string) => {
    const stackDir = path.join(synthExample(file), "stacks", loadConfig(path.join(EXAMPLES, file)).stack);
    const init = runTerraform(stackDir, ["init", "-input=false"], { env, world: WORLD });
    expect(init.stderr).toBe("");
    const plan = runTerraform(stackDir, ["plan", "-input=false", "-lock=false", "-refresh=false"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: \d+ to add/);
  };
  it.each(examples.filter((f) => !atScale(f)))("%s is valid Terraform and plans", check);
  itEachAtScale()(examples.filter(atScale))("%s is valid Terraform and plans (scale: TEST_SCALE=1)", check);
});

// Every example config through real terraform and the offline stand-in provider: cdktf's
// toBeValidTerraform and toPlanSuccessfully, against testing/worlds/examples.json (the VPCs,
// subnets and route tables the example that looks VPCs up expects to exist).
import "cdktf/lib/testing/adapters/jest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const WORLD = join(__dirname, "..", "..", "testing", "worlds", "examples.json");
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

// Planning the 50-VPC mesh (3,700 resources) is tens of seconds of Terraform core alone: it runs
// with FULL_PLAN=1 (`npm run test:scale`; CI runs it when CI_SCALE=1) and is validated everywhere.
// mesh-10 plans in every run, so the mesh path itself is always planned.
const planEverything = process.env.FULL_PLAN === "1";
const planTooSlowForLocal = (file: string) => file === "mesh-50.yaml";

function synthExample(file: string): string {
  const config = loadConfig(join(EXAMPLES, file));
  return Testing.fullSynth(new PeeringStack(Testing.app(), config.stack, config));
}

describeWithTerraform("examples against the offline provider", () => {
  jest.setTimeout(180_000);
  const previousWorld = process.env.OFFLINE_AWS_WORLD;
  beforeAll(() => {
    process.env.OFFLINE_AWS_WORLD = WORLD;
  });
  afterAll(() => {
    process.env.OFFLINE_AWS_WORLD = previousWorld;
  });

  it("covers every example", () => {
    expect(examples).toEqual(expect.arrayContaining(["cross-account.yaml", "hub-and-spoke.yaml", "inter-region.yaml", "mesh-10.yaml", "mesh-50.yaml"]));
  });

  it.each(examples)("%s is valid Terraform and plans", (file) => {
    const out = synthExample(file);
    expect(out).toBeValidTerraform();
    if (planEverything || !planTooSlowForLocal(file)) expect(out).toPlanSuccessfully();
    else console.warn(`${file}: validated; plan left to npm run test:scale (FULL_PLAN=1)`);
  });
});

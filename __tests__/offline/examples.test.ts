// Every example config through real terraform and the offline stand-in provider: cdktf's
// toBeValidTerraform and toPlanSuccessfully, against testing/worlds/examples.json (the VPCs,
// subnets and route tables the example that looks VPCs up expects to exist).
import "cdktf/lib/testing/adapters/jest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { buildStack } from "../helpers/lab";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

const EXAMPLES = join(__dirname, "..", "..", "examples");
const WORLD = join(__dirname, "..", "..", "testing", "worlds", "examples.json");
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

// The 50-VPC mesh (3,700 resources) through Terraform is scale, not shape: validate + plan are tens
// of seconds of Terraform core. It runs with FULL_PLAN=1 (`npm run test:scale`; CI runs it when
// CI_SCALE=1; `npm run bench:plan` times it). Every run synthesizes it (__tests__/shapes/mesh.test.ts)
// and validates and plans mesh-10, the same resources at a smaller count.
const atScale = (file: string) => file === "mesh-50.yaml";
const scaleRun = process.env.FULL_PLAN === "1";

function synthExample(file: string): string {
  const config = loadConfig(join(EXAMPLES, file));
  return Testing.fullSynth(buildStack(config));
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

  const check = (file: string) => {
    const out = synthExample(file);
    expect(out).toBeValidTerraform();
    expect(out).toPlanSuccessfully();
  };
  it.each(examples.filter((f) => !atScale(f)))("%s is valid Terraform and plans", check);
  // Shown as skipped in the default run, so the summary says what it left out.
  (scaleRun ? it.each : it.skip.each)(examples.filter(atScale))("%s is valid Terraform and plans (scale: FULL_PLAN=1)", check);
});

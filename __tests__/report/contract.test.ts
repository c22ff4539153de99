import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { buildStack } from "../helpers/lab";
import { readNetworkModel, TerraformJson } from "../../modules/report/network-model";
import { fromJson, fromModel } from "../helpers/contract";
import { atScale, itEachAtScale } from "../../testing/scale";

// The contract between writing and reading: for every example, what the model says (config →
// adapter → planner) must be what the report reads back from the synthesized JSON (through
// core/facts.ts): the same VPCs, peerings with their DNS options, routes, rules and zones.

const root = join(__dirname, "..", "..");
// one-side.yaml included: its external VPCs (vpcs.<k>.external) are read back from the facts block.
const files = ["config/lab.yaml", ...readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml")).map((f) => `examples/${f}`)];

describe("report contract: model → synth → read back", () => {
  const check = (file: string) => {
    const config = loadConfig(join(root, file));
    const outdir = Testing.fullSynth(buildStack(config));
    const json = JSON.parse(readFileSync(join(outdir, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson;
    const expected = fromModel(config);
    const actual = fromJson(readNetworkModel(json, config.stack));
    expect(actual).toEqual(expected);
    // The cases that matter are really there (guards against both sides coming out empty).
    expect(expected.vpcs.length).toBeGreaterThanOrEqual(2);
    expect(expected.routes.length).toBeGreaterThan(0);
  };
  it.each(files.filter((f) => !atScale(f)))("%s reads back as the model says", check);
  itEachAtScale()(files.filter(atScale))("%s reads back as the model says (scale: TEST_SCALE=1)", check);
});

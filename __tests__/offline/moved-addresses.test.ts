// Upgrading from 0.1 (cdktf's hashed addresses) to readable addresses: a lab deployed with 0.1's
// JSON (testing/fixtures/lab-0.1.tf.json, synthesized by the last 0.1 commit) is taken over in
// place when the config sets movedFromHashedAddresses, and would be replaced without it.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { labConfig } from "../helpers/lab";

const FIXTURE = path.join(__dirname, "../../testing/fixtures/lab-0.1.tf.json");

/** Today's lab JSON, with the backend block left out as in the fixture (implicit local state). */
function labJson(moved: boolean): Record<string, unknown> {
  const config: TopologyConfig = { ...labConfig(), backend: { type: "local" }, movedFromHashedAddresses: moved };
  const app = new App({ outdir: tempStackDir("moved-synth") });
  new PeeringStack(app, config.stack, config);
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", config.stack, "cdk.tf.json"), "utf8"));
  delete json.terraform.backend;
  return json;
}

const addresses = (json: Record<string, unknown>): string[] =>
  Object.entries((json.resource ?? {}) as Record<string, Record<string, unknown>>).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`)).sort();

describe("readable addresses", () => {
  it("have no hash suffix, and the moved blocks come from exactly 0.1's addresses", () => {
    const json = labJson(true);
    expect(addresses(json).filter((a) => /_[0-9A-F]{8}$/.test(a))).toEqual([]);
    const moved = json.moved as { from: string; to: string }[];
    expect(moved.map((m) => m.from).sort()).toEqual(addresses(JSON.parse(fs.readFileSync(FIXTURE, "utf8"))));
    expect(moved.map((m) => m.to).sort()).toEqual(addresses(json));
    expect(labJson(false).moved).toBeUndefined();
  });
});

describeWithTerraform("upgrading a 0.1 deployment", () => {
  jest.setTimeout(90_000);
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform()).env;
    dir = tempStackDir("moved");
    fs.copyFileSync(FIXTURE, path.join(dir, "cdk.tf.json"));
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const apply = runTerraform(dir, ["apply", "-input=false", "-auto-approve"], { env });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/Apply complete! Resources: 8 added/);
  });

  const planWith = (json: Record<string, unknown>) => {
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
    return runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env });
  };

  it("moves every resource in place with movedFromHashedAddresses", () => {
    const r = planWith(labJson(true));
    expect(r.stderr).toBe("");
    expect(r.stdout.match(/has moved to/g)).toHaveLength(8);
    expect(r.stdout).toMatch(/Plan: 0 to add, 0 to change, 0 to destroy/);
  });

  it("would replace every resource without it", () => {
    const r = planWith(labJson(false));
    expect(r.stdout).toMatch(/Plan: 8 to add, 0 to change, 8 to destroy/);
  });
});

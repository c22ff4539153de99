// Callers of terraform/vpc-peering keep their state across the port to the constructs (issue 24
// item 4): each example applied with the module as it was before
// (testing/fixtures/vpc-peering-0.3.main.tf.json, the hand-written module's output) plans with
// today's module as moves only: nothing added, changed or destroyed.
import * as fs from "fs";
import * as path from "path";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

const TERRAFORM_DIR = path.join(__dirname, "../../terraform");
const BEFORE = path.join(__dirname, "../../testing/fixtures/vpc-peering-0.3.main.tf.json");
const WORLD = path.join(__dirname, "../../testing/worlds/pair-module.json");

describeWithTerraform("terraform/vpc-peering: state applied with the hand-written module", () => {
  jest.setTimeout(240_000);
  let env: Record<string, string>;
  let root: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    root = tempStackDir("pair-module-moved");
    fs.cpSync(TERRAFORM_DIR, root, { recursive: true, filter: (src) => !/[\\/]\.terraform/.test(src) });
  });

  // cross-account: the zone's account authorizes the association and the VPC's account (another
  // provider configuration) associates; the stand-in finds the authorization by its id.
  it.each(["lab", "inter-region", "cross-account"])("%s: plans as moves only with today's module", (example) => {
    const dir = path.join(root, "examples", example);
    const moduleFile = path.join(root, "vpc-peering", "main.tf.json");
    fs.copyFileSync(BEFORE, moduleFile);
    const run = (args: string[]) => runTerraform(dir, args, { env, world: WORLD });
    expect(run(["init", "-input=false", "-backend=false"]).stderr).toBe("");
    const apply = run(["apply", "-input=false", "-auto-approve", "-lock=false"]);
    expect(apply.stderr).toBe("");
    fs.copyFileSync(path.join(TERRAFORM_DIR, "vpc-peering", "main.tf.json"), moduleFile);
    const plan = run(["plan", "-input=false", "-lock=false", "-detailed-exitcode", "-out=plan.bin"]);
    expect(plan.stderr).toBe("");
    const shown = JSON.parse(run(["show", "-json", "plan.bin"]).stdout);
    const changes = (shown.resource_changes ?? []) as { address: string; previous_address?: string; change: { actions: string[] } }[];
    // Every resource either stays or moves; none is created, updated, replaced or destroyed.
    expect(changes.filter((c) => !c.change.actions.every((a) => a === "no-op")).map((c) => `${c.address}: ${c.change.actions.join("/")}`)).toEqual([]);
    // Reads of data sources are fine; the plan has no resource action at all.
    expect(plan.stdout).not.toMatch(/Plan: [1-9]|[1-9]\d* to (add|change|destroy)/);
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeModule } from "../../modules/tf-module/writer";
import { offlineTerraformEnv, offlineTerraformMissing, terraform, writeCallerRoot } from "../../testing/module-caller";
import { labConfig } from "./lab-module";

// A root module that calls the generated module, validated and planned by terraform against the
// offline aws provider. Skips (saying why) where testing/offline-aws is not present.

const missing = offlineTerraformMissing();
if (missing) console.warn(`module caller: terraform checks skipped: ${missing}`);
const withTerraform = missing ? test.skip : test;

describe("a Terraform root module calling the generated module", () => {
  const work = mkdtempSync(join(tmpdir(), "module-caller-"));
  const moduleDir = join(work, "peering");
  let env: Record<string, string> = {};

  beforeAll(async () => {
    writeModule(labConfig(), { outdir: moduleDir });
    if (!missing) env = await offlineTerraformEnv();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  withTerraform("init, validate and plan succeed with the defaults", () => {
    const root = join(work, "root-defaults");
    writeCallerRoot({ moduleDir, rootDir: root, inputs: ['tags = { Environment = "test" }'] });
    const init = terraform(root, ["init", "-input=false", "-no-color"], env);
    expect(init.output).toContain("initialized");
    expect(init.code).toBe(0);
    const validate = terraform(root, ["validate", "-no-color"], env);
    expect(validate.output).toContain("The configuration is valid");
    const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
    expect(plan.code).toBe(0);
    expect(plan.output).toMatch(/module\.peering\.aws_vpc_peering_connection\.\S+ will be created/);
    expect(plan.output).toMatch(/"Environment"\s+=\s+"test"/);
  }, 300_000);

  withTerraform("a variable validation fails the plan with the module's message", () => {
    const root = join(work, "root-bad-retention");
    writeCallerRoot({ moduleDir, rootDir: root, inputs: ["flow_log_retention_in_days = 2"] });
    expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
    const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
    expect(plan.code).not.toBe(0);
    expect(plan.output).toContain("flow_log_retention_in_days must be 0 (forever) or one of");
  }, 300_000);

  test("the caller root module is written as a user would write it", () => {
    const root = join(work, "root-shape");
    writeCallerRoot({ moduleDir, rootDir: root });
    const hcl = readFileSync(join(root, "main.tf"), "utf8");
    expect(hcl).toContain(`source = "${moduleDir}"`);
    expect(hcl).toMatch(/aws\.requester = aws\n\s+aws\.accepter\s+= aws/);
  });
});

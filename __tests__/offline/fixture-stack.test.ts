// The fixture peering stack through real terraform and the offline stand-in provider. (cdktf's
// matchers against the stand-in are __tests__/offline/lab.test.ts's.)
import { App } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { PeeringFixtureStack } from "../../testing/fixtures/peering-fixture";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

describeWithTerraform("fixture stack against the offline provider", () => {
  jest.setTimeout(60_000);

  it("validates and plans within budget, applies, and re-plans with no changes", async () => {
    const { env } = await prepareOfflineTerraform();
    const app = new App({ outdir: fs.mkdtempSync(path.join(require("os").tmpdir(), "fixture-")) });
    new PeeringFixtureStack(app, "fixture");
    app.synth();
    const dir = path.join(app.outdir, "stacks/fixture");

    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const validate = runTerraform(dir, ["validate", "-json"], { env });
    // The diagnostics ride along so a failure shows Terraform's reason.
    const verdict = JSON.parse(validate.stdout);
    expect({ valid: verdict.valid, error_count: verdict.error_count, diagnostics: verdict.diagnostics, stderr: validate.stderr }).toEqual({ valid: true, error_count: 0, diagnostics: [], stderr: "" });
    const plan = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=tfplan"], { env });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: 9 to add, 0 to change, 0 to destroy/);
    console.log(`fixture: validate ${validate.seconds.toFixed(2)} s + plan ${plan.seconds.toFixed(2)} s = ${(validate.seconds + plan.seconds).toFixed(2)} s`);

    const apply = runTerraform(dir, ["apply", "-input=false", "tfplan"], { env });
    expect(apply.stderr).toBe("");
    const outputs = JSON.parse(runTerraform(dir, ["output", "-json"], { env }).stdout);
    expect(outputs.peering_id.value).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(outputs.log_group_arn.value).toBe("arn:aws:logs:us-west-2:123456789012:log-group:/vpc/web-api-peering");
    expect(outputs.account.value).toBe("123456789012/us-west-2/aws");

    const again = runTerraform(dir, ["plan", "-input=false", "-detailed-exitcode"], { env });
    expect(again.code).toBe(0); // 0 = no changes, 2 = changes
    expect(again.stdout).toMatch(/No changes/);
  });
});

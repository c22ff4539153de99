// Terraform's S3 backend against a loopback s3rver: init -> apply -> plan with no changes,
// the state object visible in the bucket. Lock contention is not tested: s3rver ignores the
// conditional writes S3 native locking relies on.
import { App } from "cdktf";
import * as path from "path";
import { PeeringFixtureStack } from "../../testing/fixtures/peering-fixture";
import { prepareOfflineTerraform, runTerraformAsync } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { startLoopbackS3, type LoopbackS3 } from "../../testing/offline-aws/s3";

describeWithTerraform("remote state on a loopback S3", () => {
  jest.setTimeout(90_000);
  let s3: LoopbackS3;

  beforeAll(async () => {
    s3 = await startLoopbackS3();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("round-trips state: init, apply, then plan shows no changes", async () => {
    const { env } = await prepareOfflineTerraform();
    const key = "peering/fixture.tfstate";
    const app = new App({ outdir: tempStackDir("remote") });
    new PeeringFixtureStack(app, "fixture", { backend: { type: "s3", bucket: s3.bucket, key, endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey } });
    app.synth();
    const dir = path.join(app.outdir, "stacks/fixture");

    const init = await runTerraformAsync(dir, ["init", "-input=false"], { env });
    expect(init.stderr).toBe("");
    expect(init.stdout).toMatch(/Successfully configured the backend "s3"/);
    const apply = await runTerraformAsync(dir, ["apply", "-auto-approve", "-input=false"], { env });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/Apply complete! Resources: 9 added/);

    const stored = JSON.parse(s3.readObject(key) ?? "null");
    expect(stored).toMatchObject({ version: 4, terraform_version: "1.11.4" });
    expect(stored.resources.filter((r: { mode: string }) => r.mode === "managed")).toHaveLength(9);

    const plan = await runTerraformAsync(dir, ["plan", "-input=false", "-detailed-exitcode"], { env });
    expect(plan.stdout).toMatch(/No changes/);
    expect(plan.code).toBe(0);
  });
});

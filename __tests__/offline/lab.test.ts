// The lab stack (config/lab.yaml) through real terraform and the offline stand-in provider:
// cdktf's matchers, the postconditions on a wrong world, and S3 remote state on s3rver.
import "cdktf/lib/testing/adapters/jest";
import { App, Testing } from "cdktf";
import * as path from "path";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { PeeringStack } from "../../modules/app/peering-stack";
import { LAB_WORLD, prepareOfflineTerraform, runTerraform, runTerraformAsync } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { startLoopbackS3, type LoopbackS3 } from "../../testing/offline-aws/s3";
import { vpcNamed, worldVariant } from "../../testing/offline-aws/worlds";
import { labConfig } from "../helpers/lab";

/** The lab with local state, so that init touches no network. */
const localLab = (): TopologyConfig => ({ ...labConfig(), backend: { type: "local" } });

function synthLab(config: TopologyConfig): string {
  const app = new App({ outdir: tempStackDir("lab") });
  new PeeringStack(app, config.stack, config);
  app.synth();
  return path.join(app.outdir, "stacks", config.stack);
}

describeWithTerraform("lab stack against the offline provider", () => {
  jest.setTimeout(90_000);
  let env: Record<string, string>;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform()).env;
  });

  it("is valid Terraform and plans successfully (cdktf matchers)", () => {
    const app = Testing.app();
    const out = Testing.fullSynth(new PeeringStack(app, "lab", localLab()));
    expect(out).toBeValidTerraform();
    expect(out).toPlanSuccessfully();
  });

  describe("against a world that differs from config/lab.yaml", () => {
    let dir: string;
    beforeAll(() => {
      dir = synthLab(localLab());
      expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    });
    // Terraform wraps long messages: compare with whitespace collapsed.
    const plan = (world: string) => {
      const r = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world });
      return { ...r, stderr: r.stderr.replace(/\s+/g, " ") };
    };

    it("plans against the lab world", () => {
      const r = plan(LAB_WORLD);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
    });

    it("fails the CIDR postcondition when web-vpc has another CIDR", async () => {
      const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").cidr_block = "172.16.0.0/16"; })));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Resource postcondition failed/);
      expect(r.stderr).toMatch(/VPC "web-vpc" \(vpcs\.web\) has primary CIDR 172\.16\.0\.0\/16, but the config declares 10\.0\.0\.0\/16/);
    });

    it("fails the DNS postcondition when DNS hostnames are off", async () => {
      const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").enable_dns_hostnames = false; })));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/VPC "web-vpc" \(vpcs\.web\) has DNS hostnames \(enableDnsHostnames\) off/);
    });
  });

  describe("with S3 remote state on a loopback s3rver", () => {
    let s3: LoopbackS3;
    beforeAll(async () => {
      s3 = await startLoopbackS3("vpc-peering-lab-tfstate");
    });
    afterAll(async () => {
      await s3?.close();
    });

    it("init -> apply -> plan shows no changes; the state object is in the bucket", async () => {
      const key = "vpc-peering/lab.tfstate";
      const dir = synthLab({ ...labConfig(), backend: { type: "s3", bucket: s3.bucket, key, region: "us-west-2", endpoint: s3.endpoint } });
      const s3env = { ...env, AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey };
      const init = await runTerraformAsync(dir, ["init", "-input=false"], { env: s3env });
      expect(init.stderr).toBe("");
      const apply = await runTerraformAsync(dir, ["apply", "-auto-approve", "-input=false"], { env: s3env });
      expect(apply.stderr).toBe("");
      expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added/);
      const stored = JSON.parse(s3.readObject(key) ?? "null");
      expect(stored?.resources?.length).toBeGreaterThan(0);
      const again = await runTerraformAsync(dir, ["plan", "-input=false", "-detailed-exitcode"], { env: s3env });
      expect(again.stdout).toMatch(/No changes/);
      expect(again.code).toBe(0);
    });
  });
});

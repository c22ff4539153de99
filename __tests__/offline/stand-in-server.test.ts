// The long-lived stand-in (testing/offline-aws/server.ts): Terraform runs that name it in
// TF_REATTACH_PROVIDERS neither install nor start a provider, and each provider configuration
// keeps its own account and region although one process answers them all.
import * as fs from "fs";
import * as path from "path";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { ensureOfflineBuild, repoRoot } from "../../testing/offline-aws/build";
import { describeWithTerraform, tempStackDir, writeJsonStack } from "../../testing/offline-aws/jest";
import { reattachFor, SERVERS_ENV, startStandInServer, withStandInServer, type StandInServer } from "../../testing/offline-aws/server";

const WORLD = path.join(repoRoot(), "testing/worlds/pair-module.json"); // accounts 123456789012 and 210987654321

describeWithTerraform("a long-lived stand-in provider", () => {
  jest.setTimeout(60_000);
  let server: StandInServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    server = await startStandInServer(await ensureOfflineBuild(), WORLD, env);
  });
  afterAll(() => server.stop());

  it("answers plans for two provider configurations apart: each its own account and region", () => {
    const dir = tempStackDir("reattach");
    writeJsonStack(dir, {
      provider: { aws: [{ region: "us-west-2" }, { alias: "peer", region: "us-east-1", assume_role: [{ role_arn: "arn:aws:iam::210987654321:role/peering" }] }] },
      data: {
        aws_caller_identity: { own: {}, peer: { provider: "aws.peer" } },
        aws_region: { own: {}, peer: { provider: "aws.peer" } },
      },
      output: {
        accounts: { value: "${data.aws_caller_identity.own.account_id} ${data.aws_caller_identity.peer.account_id}" },
        regions: { value: "${data.aws_region.own.name} ${data.aws_region.peer.name}" },
      },
    });
    const run = { env: { ...env, TF_REATTACH_PROVIDERS: server.reattach } };
    expect(runTerraform(dir, ["init", "-input=false"], run).code).toBe(0);
    // Nothing installed: Terraform uses the running server only.
    expect(fs.existsSync(path.join(dir, ".terraform/providers/registry.terraform.io/hashicorp/aws"))).toBe(false);
    const plan = runTerraform(dir, ["plan", "-input=false", "-lock=false"], run);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/accounts = "123456789012 210987654321"/);
    expect(plan.stdout).toMatch(/regions\s+= "us-west-2 us-east-1"/);
  });

  it("is used by runTerraform for its world, except by init, and not when the run names a provider itself", () => {
    const served = { [SERVERS_ENV]: JSON.stringify({ [WORLD]: server.reattach }) };
    expect(reattachFor({ ...served, OFFLINE_AWS_WORLD: WORLD })).toBe(server.reattach);
    expect(reattachFor({ ...served, OFFLINE_AWS_WORLD: path.join(repoRoot(), "testing/worlds/lab.json") })).toBeUndefined();
    expect(reattachFor({ ...served, OFFLINE_AWS_WORLD: WORLD, TF_REATTACH_PROVIDERS: "{}" })).toBeUndefined();
    expect(reattachFor({ OFFLINE_AWS_WORLD: WORLD })).toBeUndefined();
    const env = { ...served, OFFLINE_AWS_WORLD: WORLD };
    expect(withStandInServer(["plan", "-input=false"], env).TF_REATTACH_PROVIDERS).toBe(server.reattach);
    expect(withStandInServer(["init", "-input=false"], env).TF_REATTACH_PROVIDERS).toBeUndefined();
  });
});

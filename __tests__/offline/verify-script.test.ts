// `npm run verify` (scripts/verify.ts) on a synthesized lab: one line per stack, exit status.
import { spawnSync } from "child_process";
import { App } from "cdktf";
import { PeeringStack } from "../../modules/app/peering-stack";
import { repoRoot } from "../../testing/offline-aws/build";
import { LAB_WORLD } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { vpcNamed, worldVariant } from "../../testing/offline-aws/worlds";
import { labConfig } from "../helpers/lab";

describeWithTerraform("npm run verify", () => {
  jest.setTimeout(90_000);
  let out: string;
  beforeAll(() => {
    out = tempStackDir("verify");
    const app = new App({ outdir: out });
    new PeeringStack(app, "lab", labConfig()); // S3 backend as in config/lab.yaml: verify must not reach it
    app.synth();
  });
  const verify = (world: string, dir = out) =>
    spawnSync(process.execPath, ["scripts/app.cjs", "--packages=external", "scripts/verify.ts", "--output", dir, "--world", world], { cwd: repoRoot(), encoding: "utf8" });

  it("prints one ok line per stack with the plan counts", () => {
    const r = verify(LAB_WORLD);
    expect(r.stdout).toMatch(/^lab\s+validate ok\s+plan ok\s+\+\d+ ~0 -0\s+[\d.]+ s \(validate\+plan [\d.]+ s\)$/m);
    expect(r.status).toBe(0);
  });

  it("exits 1 and names the failure when the world breaks a postcondition", async () => {
    const r = verify(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").cidr_block = "172.16.0.0/16"; })));
    expect(r.stdout).toMatch(/^lab\s+validate ok\s+plan FAIL .*Resource postcondition failed \(data\.aws_vpc\.vpc-web_vpc\.lifecycle\.postcondition\[0\], cdk\.tf\.json line \d+\): VPC "web-vpc" \(vpcs\.web\) has primary CIDR/m);
    expect(r.status).toBe(1);
  });

  it("names the argument and the resource of a validate error", () => {
    const broken = tempStackDir("verify-broken");
    const app = new App({ outdir: broken });
    const stack = new PeeringStack(app, "lab", labConfig());
    stack.peerings["api-web-pc"].connection!.addOverride("peer_vpc_idd", "vpc-0123");
    stack.peerings["api-web-pc"].connection!.addOverride("auto_accept", "sometimes");
    app.synth();
    const r = verify(LAB_WORLD, broken);
    // Every error, each with its block, argument, line and Terraform's detail (from validate -json).
    expect(r.stdout).toMatch(/validate FAIL .*Extraneous JSON object property \(resource\.aws_vpc_peering_connection\.peering-api-web-pc_connection, argument "peer_vpc_idd", cdk\.tf\.json line \d+\): No argument or block type is named "peer_vpc_idd"/);
    expect(r.stdout).toMatch(/; Incorrect attribute value type \(resource\.aws_vpc_peering_connection\.peering-api-web-pc_connection, argument "auto_accept", cdk\.tf\.json line \d+\): .*bool/);
    expect(r.status).toBe(1);
  });

  it("answers --help with its flags and refuses an unknown flag in one line", () => {
    const help = spawnSync(process.execPath, ["scripts/app.cjs", "--packages=external", "scripts/verify.ts", "--help"], { cwd: repoRoot(), encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--output <dir>/);
    expect(help.stdout).toMatch(/--world <file>/);
    const bad = spawnSync(process.execPath, ["scripts/app.cjs", "--packages=external", "scripts/verify.ts", "--out", "x"], { cwd: repoRoot(), encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/Unknown option '--out'.*see npm run verify -- --help/);
  });
});

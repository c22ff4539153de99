// `npm run verify` (scripts/verify.ts) on a synthesized lab: one line per stack, exit status.
import { spawnSync } from "child_process";
import { App } from "cdktf";
import { PeeringStack } from "../../modules/app/peering-stack";
import { repoRoot } from "../../testing/offline-aws/build";
import { LAB_WORLD } from "../../testing/offline-aws";
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
  const verify = (world: string) =>
    spawnSync(process.execPath, ["scripts/run.mjs", "scripts/verify.ts", "--out", out, "--world", world], { cwd: repoRoot(), encoding: "utf8" });

  it("prints one ok line per stack with the plan counts", () => {
    const r = verify(LAB_WORLD);
    expect(r.stdout).toMatch(/^lab\s+validate ok\s+plan ok\s+\+\d+ ~0 -0\s+[\d.]+ s \(validate\+plan [\d.]+ s\)$/m);
    expect(r.status).toBe(0);
  });

  it("exits 1 and names the failure when the world breaks a postcondition", () => {
    const r = verify(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").cidr_block = "172.16.0.0/16"; }));
    expect(r.stdout).toMatch(/^lab\s+validate ok\s+plan FAIL .*Resource postcondition failed/m);
    expect(r.status).toBe(1);
  });
});

// End to end: `cdktf deploy` of the lab (config/lab.yaml with its S3 backend pointed at a
// loopback s3rver) against the offline stand-in provider. --skip-provider-lock because cdktf
// otherwise runs `terraform providers lock`, which ignores the CLI config's filesystem mirror
// and asks registry.terraform.io (unreachable here) for checksums.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../testing/offline-aws/build";
import { prepareOfflineTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { startLoopbackS3, type LoopbackS3 } from "../../testing/offline-aws/s3";

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string; seconds: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: repoRoot(), env: { ...process.env, ...env } });
    let output = "";
    p.stdout.on("data", (d) => (output += d));
    p.stderr.on("data", (d) => (output += d));
    p.on("close", (code) => resolve({ code: code ?? -1, output, seconds: (Date.now() - t0) / 1000 }));
  });
}

describeWithTerraform("cdktf deploy of the lab, offline", () => {
  jest.setTimeout(180_000);
  let s3: LoopbackS3;
  beforeAll(async () => {
    s3 = await startLoopbackS3("vpc-peering-lab-tfstate");
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("deploys the lab with state in the (loopback) S3 bucket", async () => {
    const { env } = await prepareOfflineTerraform();
    const work = tempStackDir("deploy");
    const lab = fs.readFileSync(path.join(repoRoot(), "config/lab.yaml"), "utf8");
    const config = lab.replace(/(\n {2}key: vpc-peering\/lab\.tfstate\n)/, `$1  endpoint: ${s3.endpoint}\n`);
    expect(config).toContain(`endpoint: ${s3.endpoint}`);
    fs.writeFileSync(path.join(work, "lab.yaml"), config);

    const cdktf = path.join(repoRoot(), "node_modules/.bin/cdktf");
    const r = await run(cdktf, ["deploy", "lab", "--auto-approve", "--skip-provider-lock", "--output", path.join(work, "cdktf.out")], {
      ...env, PEERING_CONFIG: path.join(work, "lab.yaml"), AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey,
      CI: "1", FORCE_COLOR: "0",
    });
    console.log(`cdktf deploy lab: ${r.seconds.toFixed(1)} s`);
    expect(r.output).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/peering_api_web_pc_id = "?pcx-[0-9a-f]{17}/);
    const state = JSON.parse(s3.readObject("vpc-peering/lab.tfstate") ?? "null");
    expect(state?.outputs?.peering_api_web_pc_id?.value).toMatch(/^pcx-/);
  });
});

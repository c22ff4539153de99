// The lab split per VPC, deployed offline as documented (docs/scale.md): `deploy '*'` applies the
// state bucket, then the requester's stack, then the accepter's (which reads the connection id from
// the requester's state in the loopback S3); `deploy <one>` refuses while its dependency is left
// out; `diff <one>` then finds nothing to do.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../testing/offline-aws/build";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

const plain = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g"), "");

describeWithTerraform("split per-vpc, offline", () => {
  jest.setTimeout(120_000);
  const work = mkdtempSync(join(tmpdir(), "split-"));
  const out = join(work, "cdktf.out");
  const config = join(work, "lab-split.yaml");
  writeFileSync(config, readFileSync(join(repoRoot(), "config/lab.yaml"), "utf8").replace(/^stack: lab$/m, "stack: lab\nsplit: per-vpc"));
  const offline = (...args: string[]) => {
    const r = spawnSync("npm", ["run", "-s", "offline", "--", ...args, "--output", out], {
      cwd: repoRoot(),
      env: { ...process.env, PEERING_CONFIG: config, OFFLINE_SANDBOX_DIR: join(work, "sandbox"), CI: "1", FORCE_COLOR: "0" },
      encoding: "utf8",
      timeout: 110_000,
    });
    return { code: r.status, output: plain(`${r.stdout}${r.stderr}`) };
  };

  it("deploy '*' applies the stacks in dependency order; one stack alone needs its dependency named", () => {
    const deploy = offline("deploy", "*", "--auto-approve");
    if (deploy.code !== 0) console.log(deploy.output.slice(-4000));
    expect(deploy.code).toBe(0);
    // Stacks without a dependency between them (state, lab-vpc-api) deploy side by side and
    // interleave their output, and cdktf's CLI then drops a line now and then: the states tell
    // what happened. Each stack's state is under its own key, and the accepter's route holds the
    // connection the requester's apply made before it.
    const object = (stack: string) => JSON.parse(readFileSync(join(work, "sandbox", "s3", "vpc-peering-lab-tfstate", "vpc-peering", "lab", `${stack}.tfstate._S3rver_object`), "utf8"));
    for (const stack of ["lab-vpc-api", "lab-vpc-web"]) expect(object(stack).resources.filter((r: { mode: string }) => r.mode === "managed")).toHaveLength(4);
    const pcx = object("lab-vpc-api").outputs.peering_api_web_pc_id.value;
    expect(pcx).toMatch(/^pcx-/);
    const route = object("lab-vpc-web").resources.find((r: { type: string }) => r.type === "aws_route");
    expect(route.instances[0].attributes.vpc_peering_connection_id).toBe(pcx);

    const alone = offline("deploy", "lab-vpc-web", "--auto-approve");
    expect(alone.code).not.toBe(0);
    expect(alone.output).toMatch(/dependencies are not included in the stacks to run: lab-vpc-api/);
    const diff = offline("diff", "lab-vpc-web");
    expect(diff.output).toMatch(/lab-vpc-web\s+No changes\./);
    expect(diff.code).toBe(0);
  });
});

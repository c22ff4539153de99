// The lab with an HCP Terraform `cloud` block, as README and docs/backends.md show it, through
// real Terraform: init without contacting HCP (-backend=false) and validate, which decodes the
// cloud block. The synthesized directory holds no absolute path of this machine.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { labInput } from "../backends/fixtures";

describeWithTerraform("a stack with an HCP Terraform cloud block", () => {
  jest.setTimeout(60_000);

  it("passes terraform validate offline and names the workspace; no machine path in the JSON", async () => {
    const { env } = await prepareOfflineTerraform();
    const config = parseConfig(labInput({ type: "cloud", organization: "acme", workspaces: { name: "peering-lab" }, project: "network" }));
    const app = new App({ outdir: tempStackDir("cloud") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    const dir = path.join(app.outdir, "stacks", config.stack);
    const text = fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    expect(JSON.parse(text).terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "peering-lab", project: "network" } });
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain(app.outdir);

    const init = runTerraform(dir, ["init", "-input=false", "-backend=false"], { env });
    expect(init.stderr).toBe("");
    const validate = runTerraform(dir, ["validate", "-json"], { env });
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });
});

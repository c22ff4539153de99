import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";

// modules/app/cdktf-adapter.ts skips cdktf's cross-stack preparation pass for a stack alone in its
// app. That leans on how cdktf 0.21 synthesizes: this test pins the version it was checked against
// and proves the output is the same as with the pass.

describe("cdktf adapter (SingleStackFastPath)", () => {
  it("is checked against cdktf 0.21.0: re-check the fast path before upgrading", () => {
    const pkg = JSON.parse(readFileSync(join(require.resolve("cdktf"), "..", "..", "package.json"), "utf8"));
    expect(pkg.version).toBe("0.21.0");
  });

  it("writes the same stack alone (pass skipped) as beside another stack (pass run)", () => {
    const config = loadConfig("config/lab.yaml");
    const alone = JSON.parse(Testing.synth(new PeeringStack(Testing.app(), config.stack, config)));
    const app: App = Testing.app();
    const beside = new PeeringStack(app, config.stack, config);
    new TerraformStack(app, "other");
    expect(JSON.parse(Testing.synth(beside))).toEqual(alone);
  });
});

import { TerraformStack, Testing } from "cdktf";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { StateBackend } from "../../modules/constructs/state/state-backend";
import { labInput } from "./fixtures";

describe("local backend", () => {
  test("writes state to the given path", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new StateBackend(stack, "state", { type: "local", path: "../../../state/lab.tfstate" });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: "../../../state/lab.tfstate" } });
  });

  test("a local config gives the lab stack a local backend and no s3 block", () => {
    const config = parseConfig(labInput({ type: "local" }));
    const tf = JSON.parse(Testing.synth(new PeeringStack(Testing.app(), "lab", config))).terraform;
    expect(Object.keys(tf.backend)).toEqual(["local"]);
  });

  test("an unknown backend type names the choices", () => {
    expect(() => parseConfig(labInput({ type: "gcs", bucket: "x" }))).toThrow(/backend\.type/);
  });
});

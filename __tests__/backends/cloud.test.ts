import { TerraformStack, Testing } from "cdktf";
import { ConfigError } from "../../modules/core/problems";
import { parseConfig } from "../../modules/app/config/load";
import { StateBackend, CloudStateProps } from "../../modules/constructs/state/state-backend";
import { labInput } from "./fixtures";

function synthCloud(props: Omit<CloudStateProps, "type">) {
  const stack = new TerraformStack(Testing.app(), "s");
  new StateBackend(stack, "state", { type: "cloud", ...props });
  return JSON.parse(Testing.synth(stack)).terraform;
}

describe("cloud backend (HCP Terraform)", () => {
  test("a named workspace in a project", () => {
    const tf = synthCloud({ organization: "acme", workspaces: { name: "peering-lab" }, project: "network", env: {} });
    expect(tf.cloud).toEqual({ organization: "acme", workspaces: { name: "peering-lab", project: "network" } });
    expect(tf.backend).toBeUndefined();
  });

  test("workspaces selected by tags, on a Terraform Enterprise host", () => {
    const tf = synthCloud({ organization: "acme", hostname: "tfe.example.com", workspaces: { tags: ["peering", "lab"] }, env: {} });
    expect(tf.cloud).toEqual({ organization: "acme", hostname: "tfe.example.com", workspaces: { tags: ["peering", "lab"] } });
  });

  test("organization and workspace left to TF_CLOUD_ORGANIZATION / TF_WORKSPACE are left out of the block", () => {
    const tf = synthCloud({ env: { TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "peering-lab" } });
    expect(tf.cloud).toEqual({});
  });

  test("missing in both config and environment: one error per field naming the env var", () => {
    let caught: unknown;
    try {
      synthCloud({ env: {} });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toMatch(/backend\.organization: is not set and TF_CLOUD_ORGANIZATION is empty/);
    expect(message).toMatch(/backend\.workspaces: is not set and TF_WORKSPACE is empty/);
  });

  test("only the workspace from the environment: organization still required", () => {
    expect(() => synthCloud({ env: { TF_WORKSPACE: "peering-lab" } })).toThrow(/backend\.organization/);
    expect(() => synthCloud({ env: { TF_WORKSPACE: "peering-lab" } })).not.toThrow(/backend\.workspaces/);
  });

  test("the schema accepts the cloud shape and rejects a project without workspaces", () => {
    expect(parseConfig(labInput({ type: "cloud", organization: "acme", workspaces: { tags: ["peering"] } })).backend).toEqual({
      type: "cloud",
      organization: "acme",
      workspaces: { tags: ["peering"] },
    });
    expect(() => parseConfig(labInput({ type: "cloud", project: "network" }))).toThrow(/backend\.project: needs workspaces/);
    expect(() => parseConfig(labInput({ type: "cloud", workspaces: { name: "a", tags: ["b"] } }))).toThrow(/backend\.workspaces/);
  });
});

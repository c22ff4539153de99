import { Testing, TerraformStack } from "cdktf";
import { StateBackend, StateBackendProps } from "../../modules/constructs/state/state-backend";

function backendOf(props: StateBackendProps): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new StateBackend(stack, "state", props);
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

describe("StateBackend", () => {
  it("always encrypts S3 state and locks with a lock file", () => {
    expect(backendOf({ type: "s3", bucket: "b", key: "k", region: "us-west-2" })).toEqual({
      s3: { bucket: "b", key: "k", region: "us-west-2", encrypt: true, use_lockfile: true },
    });
  });

  it("passes a KMS key and workspace key prefix", () => {
    expect(backendOf({ type: "s3", bucket: "b", key: "k", region: "us-west-2", kmsKeyId: "alias/state", workspaceKeyPrefix: "envs" }).s3).toEqual(
      expect.objectContaining({ kms_key_id: "alias/state", workspace_key_prefix: "envs" }),
    );
  });

  it("points at an S3-compatible endpoint without AWS account checks", () => {
    expect(backendOf({ type: "s3", bucket: "b", key: "k", region: "us-east-1", endpoint: "http://127.0.0.1:4569" }).s3).toEqual(
      expect.objectContaining({ endpoints: { s3: "http://127.0.0.1:4569" }, use_path_style: true, skip_credentials_validation: true, skip_requesting_account_id: true }),
    );
  });

  it("uses a local backend only when asked; by default its state lies beside the output directory, written relative to the stack's", () => {
    expect(backendOf({ type: "local", path: "../../../state.tfstate" })).toEqual({ local: { path: "../../../state.tfstate" } });
    expect(backendOf({ type: "local" })).toEqual({ local: { path: "../../../terraform.s.tfstate" } });
  });

  it("refuses a local state path inside the synth output (the cdktf CLI deletes stack directories), naming the fix", () => {
    for (const path of ["terraform.tfstate", "state.tfstate", "../other/terraform.tfstate", "../../terraform.tfstate", "./x/../y.tfstate"]) {
      expect(() => backendOf({ type: "local", path })).toThrow(/backend\.path: .* inside the synth output.*leave path out \(state goes to terraform\.s\.tfstate beside the output directory\)/);
    }
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    expect(() => new StateBackend(stack, "state", { type: "local", path: `${app.outdir}/stacks/s/terraform.tfstate` })).toThrow(/inside the synth output/);
    expect(backendOf({ type: "local", path: "/var/lib/state/s.tfstate" })).toEqual({ local: { path: "/var/lib/state/s.tfstate" } });
  });
});

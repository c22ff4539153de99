import { TerraformStack, Testing } from "cdktf";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { StateBackend, S3StateProps } from "../../modules/constructs/state/state-backend";
import { labInput } from "./fixtures";

function s3Block(props: Omit<S3StateProps, "type">) {
  const stack = new TerraformStack(Testing.app(), "s");
  new StateBackend(stack, "state", { type: "s3", ...props });
  return JSON.parse(Testing.synth(stack)).terraform.backend.s3;
}

const base = { bucket: "vpc-peering-lab-tfstate", key: "vpc-peering/lab.tfstate", region: "us-west-2" };

describe("s3 backend", () => {
  test("state is always encrypted and locked with the S3 lock file", () => {
    const s3 = s3Block(base);
    expect(s3).toEqual({ ...base, encrypt: true, use_lockfile: true });
    expect(s3).not.toHaveProperty("dynamodb_table");
  });

  test("KMS key, workspace key prefix and assume role reach the block", () => {
    const s3 = s3Block({
      ...base,
      kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/abcd",
      workspaceKeyPrefix: "peering",
      assumeRole: { roleArn: "arn:aws:iam::123456789012:role/terraform-state", sessionName: "peering" },
    });
    expect(s3.kms_key_id).toBe("arn:aws:kms:us-west-2:123456789012:key/abcd");
    expect(s3.workspace_key_prefix).toBe("peering");
    expect(s3.assume_role).toEqual({ role_arn: "arn:aws:iam::123456789012:role/terraform-state", session_name: "peering" });
    expect(s3).not.toHaveProperty("role_arn"); // the deprecated top-level form
  });

  test("the config's s3 block flows into the lab stack", () => {
    const config = parseConfig(labInput({ type: "s3", ...base, assumeRole: { roleArn: "arn:aws:iam::123456789012:role/tf" } }));
    const json = JSON.parse(Testing.synth(new PeeringStack(Testing.app(), "lab", config)));
    expect(json.terraform.backend.s3).toMatchObject({ bucket: base.bucket, encrypt: true, use_lockfile: true, assume_role: { role_arn: "arn:aws:iam::123456789012:role/tf" } });
  });

  test("a malformed role ARN or bucket name is reported with its config path", () => {
    expect(() =>
      parseConfig(labInput({ type: "s3", ...base, bucket: "Bad_Bucket", assumeRole: { roleArn: "terraform-state" } })),
    ).toThrow(/backend\.bucket: must be an S3 bucket name[\s\S]*backend\.assumeRole\.roleArn: must be an IAM role ARN/);
  });
});

import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { StateStack, StateStackProps } from "../modules/app/state-stack";

const backend = { bucket: "vpc-peering-lab-tfstate", region: "us-west-2" };

function synth(props: Partial<StateStackProps> = {}) {
  const stack = new StateStack(Testing.app(), "state", { backend, ...props });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), stack };
}

/** The one resource of a type in the synthesized JSON that belongs to the state bucket (not its access-log bucket). */
function only(json: any, type: string): any {
  const all = Object.entries(json.resource[type] ?? {}).filter(([name]) => !name.includes("access-log-bucket")).map(([, r]) => r);
  expect(all).toHaveLength(1);
  return all[0];
}

/** The resources of the access-log bucket the stack creates by default. */
const logBucketOf = (json: any, type: string) => Object.entries(json.resource[type] ?? {}).filter(([name]) => name.includes("access-log-bucket")).map(([, r]) => r as any);

describe("state bootstrap stack", () => {
  test("keeps its own state locally and targets the backend's region", () => {
    const { json, text } = synth();
    expect(json.terraform.backend).toEqual({ local: expect.any(Object) });
    expect(text).toHaveProviderWithProperties({ tfResourceType: "aws" } as never, { region: "us-west-2" });
    expect(only(json, S3Bucket.tfResourceType)).toMatchObject({ bucket: "vpc-peering-lab-tfstate", lifecycle: { prevent_destroy: true } });
    // backend.preventDestroy: false lifts it, to remove the bucket on purpose.
    expect(only(synth({ backend: { ...backend, preventDestroy: false } }).json, S3Bucket.tfResourceType)).toMatchObject({ lifecycle: { prevent_destroy: false } });
  });

  test("versioning is enabled", () => {
    expect(synth().text).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: "Enabled" },
    });
  });

  test("default encryption is SSE-KMS with a key created for the bucket, under the alias the backends name", () => {
    const { json } = synth();
    const key = only(json, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const keyName = Object.keys(json.resource.aws_kms_key)[0];
    expect(only(json, "aws_kms_alias")).toMatchObject({ name: "alias/terraform-state/vpc-peering-lab-tfstate", target_key_id: `\${aws_kms_key.${keyName}.key_id}` });
    const rule = only(json, S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule;
    expect(rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: `\${aws_kms_key.${keyName}.arn}` }, bucket_key_enabled: true }]);
  });

  test("createKmsKey: false is SSE-S3 with no key", () => {
    const { json } = synth({ backend: { ...backend, createKmsKey: false } });
    expect(json.resource.aws_kms_key).toBeUndefined();
    const rule = only(json, S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule;
    expect(rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  });

  test("default encryption is SSE-KMS with a bucket key when the backend names a KMS key", () => {
    const key = "arn:aws:kms:us-west-2:123456789012:key/0f0f0f0f-1111-2222-3333-444444444444";
    const rule = only(synth({ backend: { ...backend, kmsKeyId: key } }).json, S3BucketServerSideEncryptionConfigurationA.tfResourceType).rule;
    expect(rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: key }, bucket_key_enabled: true },
    ]);
  });

  test("server access logs go to a bucket created for them, or the one the backend names, or nowhere with accessLogs: false", () => {
    const { json } = synth();
    const [logBucket] = logBucketOf(json, "aws_s3_bucket");
    expect(logBucket).toMatchObject({ bucket: "vpc-peering-lab-tfstate-logs", lifecycle: { prevent_destroy: true } });
    const logBucketName = Object.keys(json.resource.aws_s3_bucket).find((n) => n.includes("access-log-bucket"));
    expect(only(json, "aws_s3_bucket_logging")).toMatchObject({ target_bucket: `\${aws_s3_bucket.${logBucketName}.bucket}`, target_prefix: "vpc-peering-lab-tfstate/" });
    // S3 log delivery writes only to SSE-S3 targets; delivery is admitted by policy from the state bucket only; a year of logs.
    expect(logBucketOf(json, S3BucketServerSideEncryptionConfigurationA.tfResourceType)[0].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    const policy = logBucketOf(json, S3BucketPolicy.tfResourceType)[0].policy as string;
    expect(policy).toContain('"Service" = "logging.s3.amazonaws.com"');
    expect(policy).toMatch(/"aws:SourceArn" = aws_s3_bucket\.state-bucket_bucket\.arn/);
    expect(policy).toMatch(/"aws:SecureTransport" = "false"/);
    expect(logBucketOf(json, S3BucketLifecycleConfiguration.tfResourceType)[0].rule[0].expiration).toEqual([{ days: 365 }]);
    expect(logBucketOf(json, S3BucketPublicAccessBlock.tfResourceType)).toHaveLength(1);

    const named = synth({ backend: { ...backend, accessLogs: { bucket: "org-access-logs" } } }).json;
    expect(logBucketOf(named, "aws_s3_bucket")).toEqual([]);
    expect(only(named, "aws_s3_bucket_logging")).toMatchObject({ target_bucket: "org-access-logs", target_prefix: "vpc-peering-lab-tfstate/" });
    expect(synth({ backend: { ...backend, accessLogs: false } }).json.resource.aws_s3_bucket_logging).toBeUndefined();
  });

  test("all four public access blocks are on", () => {
    expect(synth().text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("ownership is bucket-owner-enforced (ACLs disabled)", () => {
    expect(synth().text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  test("the policy denies every request not made over TLS, on the bucket and its objects", () => {
    const { json } = synth();
    const policy = only(json, S3BucketPolicy.tfResourceType);
    const bucketRef = `aws_s3_bucket.${Object.keys(json.resource.aws_s3_bucket).find((n) => !n.includes("access-log-bucket"))}.arn`;
    expect(policy.policy).toMatch(/^\$\{jsonencode\(/);
    expect(policy.policy).toContain('"Effect" = "Deny"');
    expect(policy.policy).toContain('"Principal" = "*"');
    expect(policy.policy).toContain('"Action" = "s3:*"');
    expect(policy.policy).toMatch(/"aws:SecureTransport" = "false"/);
    expect(policy.policy).toContain(`"Resource" = [${bucketRef}, "\${${bucketRef}}/*"]`);
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });

  test("noncurrent state versions expire (90 days unless told otherwise)", () => {
    const rule = only(synth().json, S3BucketLifecycleConfiguration.tfResourceType).rule;
    expect(rule).toEqual([
      expect.objectContaining({ status: "Enabled", filter: [{ prefix: "" }], noncurrent_version_expiration: [{ noncurrent_days: 90 }] }),
    ]);
    const custom = only(synth({ noncurrentVersionExpirationDays: 30 }).json, S3BucketLifecycleConfiguration.tfResourceType).rule;
    expect(custom[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(() => synth({ noncurrentVersionExpirationDays: 0 })).toThrow(/noncurrentVersionExpirationDays/);
  });

  test("is valid Terraform JSON with no error annotations", () => {
    const stack = new StateStack(Testing.app(), "state", { backend });
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });
});

describe("app wiring (main.ts)", () => {
  const out = mkdtempSync(join(tmpdir(), "state-stack-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("an s3 backend adds the state stack, with no dependency (so `cdktf deploy lab` and `destroy state` are not refused)", () => {
    execFileSync("npm", ["run", "-s", "synth", "--", "--config", "config/lab.yaml", "--output", join(out, "s3")], { stdio: "pipe" });
    const manifest = JSON.parse(readFileSync(join(out, "s3", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["lab", "state"]);
    expect(manifest.stacks.lab.dependencies).toEqual([]);
    expect(manifest.stacks.state.dependencies).toEqual([]);
    const stateText = readFileSync(join(out, "s3", "stacks", "state", "cdk.tf.json"), "utf8");
    // Committable: no path of the machine that synthesized it (the local state path is relative).
    expect(stateText).not.toContain(process.cwd());
    // Beside the output directory, where no synth or cdktf command deletes it.
    expect(JSON.parse(stateText).terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
    const state = JSON.parse(stateText);
    expect(Object.values(state.resource.aws_s3_bucket)).toEqual([expect.objectContaining({ bucket: "vpc-peering-lab-tfstate-logs" }), expect.objectContaining({ bucket: "vpc-peering-lab-tfstate" })]);
    // The lab's backend names the key the state stack creates, so the state objects are encrypted with it.
    const lab = JSON.parse(readFileSync(join(out, "s3", "stacks", "lab", "cdk.tf.json"), "utf8"));
    expect(lab.terraform.backend.s3).toMatchObject({ encrypt: true, kms_key_id: "alias/terraform-state/vpc-peering-lab-tfstate" });
    expect(Object.values(state.resource.aws_kms_alias)).toEqual([expect.objectContaining({ name: "alias/terraform-state/vpc-peering-lab-tfstate" })]);
  });

  test("a local backend adds no state stack", () => {
    const config = join(out, "local.yaml");
    writeFileSync(config, readFileSync("config/lab.yaml", "utf8").replace(/backend:\n( {2}.*\n)+/, "backend:\n  type: local\n"));
    execFileSync("npm", ["run", "-s", "synth", "--", "--config", config, "--output", join(out, "local")], { stdio: "pipe" });
    expect(Object.keys(JSON.parse(readFileSync(join(out, "local", "manifest.json"), "utf8")).stacks)).toEqual(["lab"]);
  });
});

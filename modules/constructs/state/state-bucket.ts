import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import type { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { accessLogBucketName, stateKeyAlias } from "../../core/backend";
import { AccessLogBucket } from "./access-log-bucket";
import { closeToPublic, denyInsecureTransport, keptBucket } from "./bucket-hardening";

export interface StateBucketProps {
  /** Bucket name; the `bucket` of the stacks' s3 backend. */
  readonly bucketName: string;
  /** An existing KMS key (ARN, id or alias) for default encryption. @default a key created here (createKmsKey) */
  readonly kmsKeyId?: string;
  /**
   * Without kmsKeyId: create a customer-managed key (rotation on) with the alias `kmsKeyAlias`
   * for the bucket's default encryption; the stacks' s3 backend names that alias so the state
   * objects are encrypted with it too. false: SSE-S3 (AES256). @default true
   */
  readonly createKmsKey?: boolean;
  /** @default alias/terraform-state/<bucket name, dots as dashes> */
  readonly kmsKeyAlias?: string;
  /** Days a replaced state version is kept before it expires. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Where the bucket's server access logs go: an existing bucket that accepts S3 log delivery, or
   * false for none. @default a bucket `<bucketName>-logs` created here (AccessLogBucket)
   */
  readonly accessLogs?: { readonly bucket: string; readonly prefix?: string } | false;
  /** Refuse `terraform destroy` of the bucket. @default true */
  readonly preventDestroy?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

/**
 * The S3 bucket that holds Terraform state: versioned, encrypted by default with a key of its
 * own, closed to the public, owned by the bucket owner only (no ACLs), reachable over TLS only,
 * its reads and writes logged to a second bucket, and with old state versions expiring.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownership: S3BucketOwnershipControls;
  readonly policy: S3BucketPolicy;
  readonly lifecycle: S3BucketLifecycleConfiguration;
  readonly logging?: S3BucketLoggingA;
  /** The key created for the bucket (createKmsKey). */
  readonly key?: KmsKey;
  /** The bucket created for the access logs (when accessLogs is not given). */
  readonly accessLogBucket?: AccessLogBucket;

// eslint-disable-next-line max-lines-per-function -- the bucket's eight resources one after another, each a few lines; split up they would only be harder to read side by side
  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const provider = props.provider;
    const days = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`StateBucket ${id}: 'noncurrentVersionExpirationDays' is ${days}; use a whole number of days, 1 or more`);
    }

    this.bucket = keptBucket(this, props);
    const bucket = this.bucket.id;

    this.versioning = new S3BucketVersioningA(this, "versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
      provider,
    });

    if (props.kmsKeyId === undefined && (props.createKmsKey ?? true)) {
      this.key = new KmsKey(this, "key", { description: `Encrypts Terraform state in ${props.bucketName}`, enableKeyRotation: true, deletionWindowInDays: 30, tags: props.tags ? { ...props.tags } : undefined, provider });
      new KmsAlias(this, "key-alias", { name: props.kmsKeyAlias ?? stateKeyAlias(props.bucketName), targetKeyId: this.key.keyId, provider });
    }
    const kmsKeyId = props.kmsKeyId ?? this.key?.arn;
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        kmsKeyId
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyId },
              // An S3 Bucket Key cuts KMS requests (and cost) for every state read and write.
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
      provider,
    });

    ({ publicAccessBlock: this.publicAccessBlock, ownership: this.ownership } = closeToPublic(this, bucket, provider));

    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [denyInsecureTransport(this.bucket.arn)],
      }),
      // With BlockPublicPolicy on first, S3 judges the policy against the block.
      dependsOn: [this.publicAccessBlock],
      provider,
    });

    if (props.accessLogs === undefined) {
      this.accessLogBucket = new AccessLogBucket(this, "access-log-bucket", { bucketName: accessLogBucketName(props.bucketName), sourceBucketArn: this.bucket.arn, preventDestroy: props.preventDestroy, tags: props.tags, provider });
    }
    const logsTo = props.accessLogs === undefined ? { bucket: this.accessLogBucket!.bucket.bucket } : props.accessLogs;
    if (logsTo) {
      this.logging = new S3BucketLoggingA(this, "access-logs", {
        bucket,
        targetBucket: logsTo.bucket,
        targetPrefix: logsTo.prefix ?? `${props.bucketName}/`,
        // S3 checks that the target's policy admits log delivery when logging is turned on.
        dependsOn: this.accessLogBucket ? [this.accessLogBucket.policy] : undefined,
        provider,
      });
    }

    this.lifecycle = new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "expire-noncurrent-state",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: days }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // Lifecycle rules on noncurrent versions need versioning in place first.
      dependsOn: [this.versioning],
      provider,
    });
  }

  get bucketName(): string {
    return this.bucket.bucket;
  }

  get bucketArn(): string {
    return this.bucket.arn;
  }
}

import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";

export interface StateBucketProps {
  /** Bucket name; the `bucket` of the stacks' s3 backend. */
  readonly bucketName: string;
  /** KMS key (ARN, id or alias) for default encryption. @default SSE-S3 (AES256) */
  readonly kmsKeyId?: string;
  /** Days a replaced state version is kept before it expires. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Server access logs of the bucket go here (an existing bucket that accepts S3 log delivery). @default none */
  readonly accessLogs?: { readonly bucket: string; readonly prefix?: string };
  /** Refuse `terraform destroy` of the bucket. @default true */
  readonly preventDestroy?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

/**
 * The S3 bucket that holds Terraform state: versioned, encrypted by default, closed to the
 * public, owned by the bucket owner only (no ACLs), reachable over TLS only, and with old state
 * versions expiring.
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

// eslint-disable-next-line max-lines-per-function -- the bucket's eight resources one after another, each a few lines; split up they would only be harder to read side by side
  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const provider = props.provider;
    const days = props.noncurrentVersionExpirationDays ?? 90;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(`StateBucket ${id}: 'noncurrentVersionExpirationDays' is ${days}; use a whole number of days, 1 or more`);
    }

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      provider,
    });
    const bucket = this.bucket.id;

    this.versioning = new S3BucketVersioningA(this, "versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
      provider,
    });

    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        props.kmsKeyId
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyId },
              // An S3 Bucket Key cuts KMS requests (and cost) for every state read and write.
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
      provider,
    });

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });

    this.ownership = new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
      provider,
    });

    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
      // With BlockPublicPolicy on first, S3 judges the policy against the block.
      dependsOn: [this.publicAccessBlock],
      provider,
    });

    if (props.accessLogs) {
      this.logging = new S3BucketLoggingA(this, "access-logs", {
        bucket,
        targetBucket: props.accessLogs.bucket,
        targetPrefix: props.accessLogs.prefix ?? `${props.bucketName}/`,
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

import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { closeToPublic, denyInsecureTransport, keptBucket } from "./bucket-hardening";

export interface AccessLogBucketProps {
  readonly bucketName: string;
  /** The bucket whose server access logs land here: only its deliveries are admitted. */
  readonly sourceBucketArn: string;
  /** Days a log object is kept. @default 365 */
  readonly expirationDays?: number;
  /** Refuse `terraform destroy` of the bucket. @default true */
  readonly preventDestroy?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

/**
 * A bucket that receives another bucket's S3 server access logs. Its default encryption is SSE-S3:
 * S3 log delivery cannot write to a target whose default is SSE-KMS. Delivery is admitted by
 * bucket policy (the logging service principal, from the source bucket in this account only), as
 * AWS recommends for buckets with ACLs disabled. It does not log itself: that would log its own
 * log deliveries without end.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = keptBucket(this, props);
    const bucket = this.bucket.id;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", { bucket, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], provider });
    const { publicAccessBlock } = closeToPublic(this, bucket, provider);
    const account = new DataAwsCallerIdentity(this, "account", { provider });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "S3ServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${this.bucket.arn}/*`,
            Condition: { ArnLike: { "aws:SourceArn": props.sourceBucketArn }, StringEquals: { "aws:SourceAccount": account.accountId } },
          },
          denyInsecureTransport(this.bucket.arn),
        ],
      }),
      dependsOn: [publicAccessBlock],
      provider,
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [{ id: "expire-access-logs", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: props.expirationDays ?? 365 }] }],
      provider,
    });
  }
}

import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

// What every bucket the project creates gets: kept from `terraform destroy` unless told, closed to
// the public, ACLs off, TLS only.

/** The bucket itself, refused to `terraform destroy` unless `preventDestroy` is false. */
export function keptBucket(scope: Construct, props: { readonly bucketName: string; readonly preventDestroy?: boolean; readonly tags?: Readonly<Record<string, string>>; readonly provider?: TerraformProvider }): S3Bucket {
  return new S3Bucket(scope, "bucket", {
    bucket: props.bucketName,
    tags: props.tags ? { ...props.tags } : undefined,
    lifecycle: { preventDestroy: props.preventDestroy ?? true },
    provider: props.provider,
  });
}

/** All four public access blocks on, and object ownership BucketOwnerEnforced (ACLs disabled). */
export function closeToPublic(scope: Construct, bucket: string, provider?: TerraformProvider): { publicAccessBlock: S3BucketPublicAccessBlock; ownership: S3BucketOwnershipControls } {
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
    provider,
  });
  const ownership = new S3BucketOwnershipControls(scope, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" }, provider });
  return { publicAccessBlock, ownership };
}

/** The bucket-policy statement that refuses every request made without TLS, on the bucket and its objects. */
export function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

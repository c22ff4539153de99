import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import type { S3StateProps } from "../constructs/state/state-backend";
import { StateBackend } from "../constructs/state/state-backend";
import { StateBucket } from "../constructs/state/state-bucket";
import { ReadableAddressStack } from "../constructs/readable-address-stack";
import { stateBucketPlan } from "./names";

export interface StateStackProps {
  /** The s3 backend the main stack uses: its bucket, region and KMS key are created here. */
  readonly backend: Pick<S3StateProps, "bucket" | "region" | "kmsKeyId"> & {
    /** @default true unless kmsKeyId is given: a key is created (see stateBucketPlan) */
    readonly createKmsKey?: boolean;
    /** @default a bucket `<bucket>-logs` is created for them; false: none */
    readonly accessLogs?: { readonly bucket: string; readonly prefix?: string } | false;
    /** @default true: Terraform refuses to destroy the bucket */
    readonly preventDestroy?: boolean;
  };
  /** Account the provider must run in (allowed_account_ids). @default any */
  readonly accountId?: string;
  /** Provider default tags. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /** See ReadableAddressStackProps. @default false */
  readonly movedFromHashedAddresses?: boolean;
  /** @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
}

/**
 * Bootstrap stack: creates the S3 bucket the main stack keeps its state in. Its own state stays
 * local (there is nowhere else yet), so deploy it first and keep its state file safe.
 */
export class StateStack extends ReadableAddressStack {
  readonly bucket: StateBucket;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, { movedFromHashedAddresses: props.movedFromHashedAddresses });
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    new AwsProvider(this, "aws", {
      region: props.backend.region,
      allowedAccountIds: props.accountId ? [props.accountId] : undefined,
      defaultTags: tags ? [{ tags }] : undefined,
    });
    new StateBackend(this, "state", { type: "local" });
    const plan = stateBucketPlan({ type: "s3", key: "", ...props.backend })!;
    this.bucket = new StateBucket(this, "state-bucket", {
      bucketName: props.backend.bucket,
      ...(plan.createKey ? { createKmsKey: true, kmsKeyAlias: plan.kmsKeyId } : { createKmsKey: false, kmsKeyId: plan.kmsKeyId }),
      // A log bucket made here takes the default name; an existing one is named.
      accessLogs: plan.accessLogs?.create ? undefined : (plan.accessLogs ?? false),
      preventDestroy: props.backend.preventDestroy,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, "state_bucket_name", { value: this.bucket.bucketName, description: "Name of the S3 bucket that holds Terraform state" });
    new TerraformOutput(this, "state_bucket_arn", { value: this.bucket.bucketArn, description: "ARN of the S3 bucket that holds Terraform state" });
  }
}

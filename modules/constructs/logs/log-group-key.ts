import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { mergeTags } from "../tags";

// The customer-managed key of a CloudWatch Logs group, for any group the stack creates (flow
// logs, DNS query logs).

export interface LogGroupKeyOptions {
  /** The group the key encrypts: CloudWatch Logs may use the key for this group only. */
  readonly groupName: string;
  readonly description: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** The group's region when it is not the provider's. */
  readonly region?: string;
  readonly provider?: TerraformProvider;
}

/** The account, partition and region data sources of one placement, made once and only when used. */
export class PlacementLookups {
  private made: { account?: DataAwsCallerIdentity; partition?: DataAwsPartition; region?: DataAwsRegion } = {};
  constructor(private readonly scope: Construct, private readonly options: { readonly provider?: TerraformProvider; readonly region?: string }) {}
  get accountId(): string {
    return (this.made.account ??= new DataAwsCallerIdentity(this.scope, "account", { provider: this.options.provider })).accountId;
  }
  get partition(): string {
    return (this.made.partition ??= new DataAwsPartition(this.scope, "partition", { provider: this.options.provider })).partition;
  }
  get region(): string {
    return (this.made.region ??= new DataAwsRegion(this.scope, "region", { provider: this.options.provider, region: this.options.region })).region;
  }
}

/**
 * A customer-managed key for one log group, in the group's region (KMS keys are regional, and
 * CloudWatch Logs takes only a key of the group's region): the account administers it, and
 * CloudWatch Logs there may use it only for that group (the encryption context names its ARN).
 */
export function logGroupKey(scope: Construct, options: LogGroupKeyOptions, where: PlacementLookups): KmsKey {
  const { groupName } = options;
  return new KmsKey(scope, "log-group-key", {
    description: options.description,
    enableKeyRotation: true,
    policy: Fn.jsonencode({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: `arn:${where.partition}:iam::${where.accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsUsesItForThisGroup",
          Effect: "Allow",
          Principal: { Service: `logs.${where.region}.amazonaws.com` },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: {
            ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:${where.partition}:logs:${where.region}:${where.accountId}:log-group:${groupName}` },
          },
        },
      ],
    }),
    tags: options.tags ? mergeTags(options.tags) : undefined,
    region: options.region,
    provider: options.provider,
  });
}


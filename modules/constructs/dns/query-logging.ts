import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Route53ResolverQueryLogConfig } from "@cdktf/provider-aws/lib/route53-resolver-query-log-config";
import { Route53ResolverQueryLogConfigAssociation } from "@cdktf/provider-aws/lib/route53-resolver-query-log-config-association";
import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { queryLoggingProblems } from "../../core/dns";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import { logGroupKey, PlacementLookups } from "../logs/log-group-key";
import { refuseProblems } from "../validation";

export interface ResolverQueryLoggingProps {
  /** Name of the Resolver query logging configuration (letters, digits, space, - and _; 1-64). */
  readonly name: string;
  /** The CloudWatch Logs group created for the queries. */
  readonly logGroupName: string;
  /** Days the group keeps queries: one of CloudWatch Logs' periods. @default 365 */
  readonly retentionInDays?: number;
  /** An existing KMS key ARN for the group. @default a key created for the group (createKmsKey) */
  readonly kmsKeyId?: string;
  /** Without kmsKeyId: create a customer-managed key for the group. false: CloudWatch Logs' own encryption. @default true */
  readonly createKmsKey?: boolean;
  /** The VPCs whose DNS queries are logged, by a key of your choosing (construct ids and messages). */
  readonly vpcs: Readonly<Record<string, string>>;
  /** The region of the VPCs, when it is not the provider's. */
  readonly region?: string;
  readonly provider?: TerraformProvider;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Route 53 Resolver query logging: every DNS query the listed VPCs make (to private zones, to
 * public names, through forwarding rules) is written to a CloudWatch Logs group. Route 53's own
 * hosted-zone query logging serves public zones only; for private zones this is AWS's way
 * (CKV2_AWS_39's aim). One configuration serves many VPCs of one account and region. Resolver
 * adds the log group's resource policy for its delivery itself, which needs the deploying
 * principal to hold logs:CreateLogDelivery and logs:PutResourcePolicy.
 */
export class ResolverQueryLogging extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly key?: KmsKey;
  readonly config: Route53ResolverQueryLogConfig;
  readonly associations: Readonly<Record<string, Route53ResolverQueryLogConfigAssociation>>;

  constructor(scope: Construct, id: string, props: ResolverQueryLoggingProps) {
    super(scope, id);
    // Values known only at plan time are Terraform's to check.
    const literal = <T>(v: T): T | undefined => (Token.isUnresolved(v) ? undefined : v);
    refuseProblems(this, "ResolverQueryLogging", queryLoggingProblems({ name: literal(props.name), logGroupName: literal(props.logGroupName), retentionInDays: literal(props.retentionInDays), vpcCount: Object.keys(props.vpcs).length }));
    const { provider, region } = props;
    const tags = props.tags ?? {};
    this.key = props.kmsKeyId === undefined && (props.createKmsKey ?? true)
      ? logGroupKey(this, { groupName: props.logGroupName, description: `Encrypts the DNS query-log group ${props.logGroupName}`, tags, region, provider }, new PlacementLookups(this, { provider, region }))
      : undefined;
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: props.logGroupName,
      retentionInDays: props.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
      kmsKeyId: props.kmsKeyId ?? this.key?.arn,
      tags,
      region,
      provider,
    });
    this.config = new Route53ResolverQueryLogConfig(this, "config", { name: props.name, destinationArn: this.logGroup.arn, tags, region, provider });
    this.associations = Object.fromEntries(Object.entries(props.vpcs).map(([key, vpcId]) => [
      key,
      new Route53ResolverQueryLogConfigAssociation(this, `vpc-${constructIdPart(key, key)}`, { resolverQueryLogConfigId: this.config.id, resourceId: vpcId, region, provider }),
    ]));
  }
}


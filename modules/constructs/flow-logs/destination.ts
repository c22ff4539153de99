import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudwatchLogGroup } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { logGroupKey, PlacementLookups } from "../logs/log-group-key";
import { Fn, ITerraformDependable, Op, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { bucketNameProblem, DEFAULT_FLOW_LOG_RETENTION_DAYS, flowLogKeyPrefixProblem, LOG_RETENTION_DAYS, NAMES } from "../../core/limits";
import { ConfigError, ConfigProblem, error } from "../../core/problems";
import { onlyWhen } from "../plan-time-condition";

/** A plan-time test that a value (a module input) is null. */
const isNull = (value: string) => Op.eq(value, Token.nullValue());
/** The given value, else the one made for it (null when neither exists, where `coalesce` would fail). */
const givenOrMade = (given: string, made: string): string => Fn.conditional(isNull(given), made, given) as string;

/** What a flow log writes to, once bound: the `aws_flow_log` arguments a destination decides. */
export interface FlowLogDestinationConfig {
  readonly logDestinationType: "cloud-watch-logs" | "s3" | "kinesis-data-firehose";
  readonly logDestination: string;
  /** Only CloudWatch Logs needs a delivery role. */
  readonly iamRoleArn?: string;
  /** Resources the flow log must wait for (e.g. the role's policy). */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** S3 only: file format and partitioning. */
  readonly destinationOptions?: { readonly fileFormat?: "plain-text" | "parquet"; readonly hiveCompatiblePartitions?: boolean; readonly perHourPartition?: boolean };
  /** Firehose in another account: the role that delivers there. */
  readonly deliverCrossAccountRole?: string;
}

export interface FlowLogBindOptions {
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
  /** Region of the flow logs when not the provider's (AWS provider v6 `region`). @default the provider's */
  readonly region?: string;
}

/** A CloudWatch Logs group: created here, or an existing one by name. */
export interface CloudWatchLogGroupOptions {
  readonly name: string;
  /** Create the group (true) or use an existing one (false). @default true */
  readonly create?: boolean;
  /** Only for a created group; one of CloudWatch Logs' periods. @default 365 (a year of evidence; never expiring costs without end) */
  readonly retentionInDays?: number;
  /** KMS key ARN for a created group. @default a key created for the group (see createKmsKey) */
  readonly kmsKeyId?: string;
  /**
   * Create a customer-managed KMS key (rotation on) for a created group, with the key policy
   * CloudWatch Logs needs, limited to this group. Ignored when kmsKeyId is given. Set false for
   * CloudWatch Logs' own encryption (no key to pay for or administer, but no key policy or
   * CloudTrail record of who decrypts: CKV_AWS_158). @default true
   */
  readonly createKmsKey?: boolean;
  /**
   * With `kmsKeyId` an expression that may be null at plan time (a module input): the key is
   * still created, but only when `kmsKeyId` is null (`onlyWhen`), and the group uses the given
   * key or else the created one. @default false: a given kmsKeyId is used as is
   */
  readonly createKmsKeyUnlessGiven?: boolean;
}

/** The role the flow-log service assumes to write to CloudWatch Logs: created, or an existing one by name or ARN. */
export interface FlowLogRoleOptions {
  readonly name: string;
  /** Create the role (true, least privilege on the group) or use an existing one (false). @default true */
  readonly create?: boolean;
  /** An existing role by ARN, used as is (no lookup): e.g. one another destination of the same account created. @default none */
  readonly arn?: string;
  /**
   * A created role trusts flow logs of every region of its account (one role for groups in
   * several regions), not only the provider's region. @default false
   */
  readonly anyRegion?: boolean;
  /**
   * With `arn` an expression that may be null at plan time (a module input): the role (and its
   * policy) is still created, but only when `arn` is null (`onlyWhen`), and flow logs use the
   * given role or else the created one. @default false: a given arn is used as is
   */
  readonly createUnlessArnGiven?: boolean;
}

export interface S3DestinationOptions {
  /** Prefix (folder) inside the bucket. @default none */
  readonly keyPrefix?: string;
  /** Log file format. @default "plain-text" */
  readonly fileFormat?: "plain-text" | "parquet";
  /** Hive-compatible S3 prefixes (`year=2026/month=11/...`). @default false */
  readonly hiveCompatiblePartitions?: boolean;
  /** Partition per hour instead of per day. @default false */
  readonly perHourPartition?: boolean;
}

export interface FirehoseDestinationOptions {
  /** The role that delivers to a stream in another account. @default none (same account) */
  readonly crossAccountRoleArn?: string;
}

/** What a flow-log delivery role may do on its log group (no logs:CreateLogGroup: see bind). */
export const FLOW_LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"];

/**
 * Where flow logs go, as a value: `FlowLogDestination.toCloudWatchLogs(...)` or `toS3(...)`.
 * A destination creates what it needs (group, role) the first time it is bound, so many flow
 * logs can share one.
 */
export abstract class FlowLogDestination {
  /** A CloudWatch Logs group (created or existing) and the delivery role (created or existing). */
  static toCloudWatchLogs(logGroup: CloudWatchLogGroupOptions, role: FlowLogRoleOptions): CloudWatchLogsDestination {
    return new CloudWatchLogsDestination(logGroup, role);
  }

  /** An S3 bucket by ARN (its bucket policy must allow delivery.logs.amazonaws.com). No role is needed. */
  static toS3(bucketArn: string, options: S3DestinationOptions = {}): FlowLogDestination {
    return new S3Destination(bucketArn, options);
  }

  /** A Kinesis Data Firehose delivery stream by ARN. */
  static toFirehose(streamArn: string, options: FirehoseDestinationOptions = {}): FlowLogDestination {
    return new FirehoseDestination(streamArn, options);
  }

  /** Creates what the destination needs in `scope` (once) and returns the flow-log arguments. */
  abstract bind(scope: Construct, options?: FlowLogBindOptions): FlowLogDestinationConfig;
}

class S3Destination extends FlowLogDestination {
  constructor(
    private readonly bucketArn: string,
    private readonly options: S3DestinationOptions,
  ) {
    super();
    // The rules the config's flowLogs.s3 obeys, for values known now.
    const bucket = /^arn:[^:]+:s3:::(.+)$/.exec(bucketArn)?.[1];
    const problems = [
      Token.isUnresolved(bucketArn) ? undefined : bucket === undefined ? "must be an S3 bucket ARN such as arn:aws:s3:::flow-logs-central" : bucketNameProblem(bucket),
    ].map((p) => (p ? error("bucketArn", p) : undefined));
    const prefix = options.keyPrefix === undefined || Token.isUnresolved(options.keyPrefix) ? undefined : flowLogKeyPrefixProblem(options.keyPrefix);
    const all = [...problems, prefix ? error("keyPrefix", prefix) : undefined].filter((p): p is ConfigProblem => p !== undefined);
    if (all.length > 0) throw new ConfigError("FlowLogDestination.toS3", all, "its props");
  }

  bind(): FlowLogDestinationConfig {
    const { keyPrefix, fileFormat, hiveCompatiblePartitions, perHourPartition } = this.options;
    const prefix = keyPrefix?.replace(/^\/+|\/+$/g, "");
    const custom = fileFormat !== undefined || hiveCompatiblePartitions !== undefined || perHourPartition !== undefined;
    return {
      logDestinationType: "s3",
      logDestination: prefix ? `${this.bucketArn}/${prefix}/` : this.bucketArn,
      destinationOptions: custom ? { fileFormat: fileFormat ?? "plain-text", hiveCompatiblePartitions: hiveCompatiblePartitions ?? false, perHourPartition: perHourPartition ?? false } : undefined,
    };
  }
}

class FirehoseDestination extends FlowLogDestination {
  constructor(
    private readonly streamArn: string,
    private readonly options: FirehoseDestinationOptions,
  ) {
    super();
  }

  bind(): FlowLogDestinationConfig {
    return { logDestinationType: "kinesis-data-firehose", logDestination: this.streamArn, deliverCrossAccountRole: this.options.crossAccountRoleArn };
  }
}

/** What a CloudWatch Logs destination created when bound (absent: it uses an existing one). */
export interface CloudWatchLogsResources {
  readonly logGroup?: CloudwatchLogGroup;
  /** The key created for the group (createKmsKey). */
  readonly key?: KmsKey;
  readonly role?: IamRole;
  readonly rolePolicy?: IamRolePolicy;
}

/** Flow logs into CloudWatch Logs. After `bind`, `logGroupArn`, `roleArn` and `created` are set. */
export class CloudWatchLogsDestination extends FlowLogDestination {
  private bound?: FlowLogDestinationConfig;
  logGroupArn?: string;
  roleArn?: string;
  /** The group, role and role policy this destination created, for callers that adjust them (module mode's sharing). */
  created: CloudWatchLogsResources = {};

  constructor(
    readonly logGroup: CloudWatchLogGroupOptions,
    readonly role: FlowLogRoleOptions,
  ) {
    super();
    const problems = [
      Token.isUnresolved(logGroup.name) ? undefined : NAMES.logGroup.problem(logGroup.name) && `logGroup.name ${NAMES.logGroup.problem(logGroup.name)}`,
      Token.isUnresolved(role.name) ? undefined : NAMES.iamRole.problem(role.name) && `role.name ${NAMES.iamRole.problem(role.name)}`,
      logGroup.retentionInDays === undefined || Token.isUnresolved(logGroup.retentionInDays)
        ? undefined
        : LOG_RETENTION_DAYS.problem(logGroup.retentionInDays) && `logGroup.retentionInDays ${LOG_RETENTION_DAYS.problem(logGroup.retentionInDays)}`,
    ].filter((p): p is string => !!p);
    if (problems.length > 0) throw new Error(`FlowLogDestination.toCloudWatchLogs: ${problems.join("; ")}`);
  }

  /** A created group's key: the given one, one created for it, or (createKmsKeyUnlessGiven) the given one else a created one. */
  private groupKey(scope: Construct, options: FlowLogBindOptions, where: PlacementLookups): { key?: KmsKey; kmsKeyId?: string } {
    const given = this.logGroup.kmsKeyId;
    const unlessGiven = given !== undefined && (this.logGroup.createKmsKeyUnlessGiven ?? false);
    if ((given !== undefined && !unlessGiven) || !(this.logGroup.createKmsKey ?? true)) return { kmsKeyId: given };
    const key = logGroupKey(scope, { groupName: this.logGroup.name, description: `Encrypts the flow-log group ${this.logGroup.name}`, tags: options.tags, region: options.region, provider: options.provider }, where);
    if (!unlessGiven) return { key, kmsKeyId: key.arn };
    onlyWhen(key, isNull(given));
    return { key, kmsKeyId: givenOrMade(given, key.arn) };
  }

  bind(scope: Construct, options: FlowLogBindOptions = {}): FlowLogDestinationConfig {
    if (this.bound) return this.bound;
    const { provider, region: placedIn } = options;
    const tags = options.tags ?? {};
    const create = this.logGroup.create ?? true;
    const where = new PlacementLookups(scope, { provider, region: placedIn });
    const { key, kmsKeyId } = create ? this.groupKey(scope, options, where) : { key: undefined, kmsKeyId: this.logGroup.kmsKeyId };
    const createdGroup = create
      ? new CloudwatchLogGroup(scope, "log-group", {
          name: this.logGroup.name,
          retentionInDays: this.logGroup.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
          kmsKeyId,
          tags,
          region: placedIn,
          provider,
        })
      : undefined;
    const logGroupArn = createdGroup?.arn ?? new DataAwsCloudwatchLogGroup(scope, "log-group", { name: this.logGroup.name, region: placedIn, provider }).arn;
    this.created = { logGroup: createdGroup, key };

    let dependsOn: IamRolePolicy[] = [];
    let roleArn: string;
    const givenRole = this.role.arn;
    const roleUnlessGiven = givenRole !== undefined && (this.role.createUnlessArnGiven ?? false);
    if (givenRole !== undefined && !roleUnlessGiven) {
      roleArn = givenRole;
    } else if (this.role.create ?? true) {
      const account = { accountId: where.accountId };
      const partition = { partition: where.partition };
      // One role may serve groups in several regions of its account: then it trusts, and may
      // write to, the group's name in any region.
      const region = this.role.anyRegion ? "*" : where.region;
      const role = new IamRole(scope, "role", {
        name: this.role.name,
        description: "Lets VPC Flow Logs deliver records to CloudWatch Logs",
        assumeRolePolicy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "vpc-flow-logs.amazonaws.com" },
              Action: "sts:AssumeRole",
              // Confused-deputy guard: only flow logs of this account may assume the role.
              Condition: {
                StringEquals: { "aws:SourceAccount": account.accountId },
                ArnLike: { "aws:SourceArn": `arn:${partition.partition}:ec2:${region}:${account.accountId}:vpc-flow-log/*` },
              },
            },
          ],
        }),
        tags,
        provider,
      });
      // No logs:CreateLogGroup: with it, a late delivery would recreate a group Terraform destroyed.
      const resource = this.role.anyRegion
        ? `arn:${partition.partition}:logs:*:${account.accountId}:log-group:${this.logGroup.name}:*`
        : `${logGroupArn}:*`;
      const policy = new IamRolePolicy(scope, "role-policy", {
        name: "deliver-flow-logs",
        role: role.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: FLOW_LOG_WRITE_ACTIONS, Resource: resource }],
        }),
        provider,
      });
      roleArn = role.arn;
      if (roleUnlessGiven) {
        onlyWhen(role, isNull(givenRole));
        onlyWhen(policy, isNull(givenRole));
        roleArn = givenOrMade(givenRole, role.arn);
      }
      dependsOn = [policy];
      this.created = { ...this.created, role, rolePolicy: policy };
    } else {
      roleArn = new DataAwsIamRole(scope, "role", { name: this.role.name, provider }).arn;
    }
    this.logGroupArn = logGroupArn;
    this.roleArn = roleArn;
    this.bound = { logDestinationType: "cloud-watch-logs", logDestination: logGroupArn, iamRoleArn: roleArn, dependsOn };
    return this.bound;
  }
}

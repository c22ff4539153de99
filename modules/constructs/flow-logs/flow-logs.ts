import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsCloudwatchLogGroup } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { constructIdPart } from "../../app/plan";

export type FlowLogTrafficType = "ALL" | "ACCEPT" | "REJECT";

export interface FlowLogsProps {
  /** VPC ids to log, by a key used in construct ids and Name tags (e.g. `{ web: "vpc-..." }`). */
  readonly vpcs: Readonly<Record<string, string>>;
  /** @default "ALL" */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds over which packets are aggregated into a record. @default 600 */
  readonly maxAggregationInterval?: 60 | 600;
  /** The CloudWatch Logs group: created (default) or an existing one looked up by name. */
  readonly logGroup: {
    readonly name: string;
    /** @default true */
    readonly create?: boolean;
    /** Only for a created group. @default never expire */
    readonly retentionInDays?: number;
    /** KMS key ARN for a created group. @default CloudWatch-managed encryption */
    readonly kmsKeyId?: string;
  };
  /** The role flow logs assume to write: created (default) or an existing one by name. */
  readonly role: {
    readonly name: string;
    /** @default true */
    readonly create?: boolean;
  };
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

const WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"];

/** One VPC flow log per VPC into a CloudWatch Logs group, with the IAM role that delivers them. */
export class FlowLogs extends Construct {
  readonly logGroupArn: string;
  readonly logGroupName: string;
  readonly roleArn: string;
  readonly flowLogs: Readonly<Record<string, FlowLog>>;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const provider = props.provider;
    const tags = props.tags ?? {};
    if (Object.keys(props.vpcs).length === 0) throw new Error(`FlowLogs ${id}: 'vpcs' lists no VPC`);

    if (props.logGroup.create ?? true) {
      const group = new CloudwatchLogGroup(this, "log-group", {
        name: props.logGroup.name,
        retentionInDays: props.logGroup.retentionInDays,
        kmsKeyId: props.logGroup.kmsKeyId,
        tags,
        provider,
      });
      this.logGroupArn = group.arn;
    } else {
      this.logGroupArn = new DataAwsCloudwatchLogGroup(this, "log-group", { name: props.logGroup.name, provider }).arn;
    }
    this.logGroupName = props.logGroup.name;

    let dependsOn: IamRolePolicy[] = [];
    if (props.role.create ?? true) {
      const account = new DataAwsCallerIdentity(this, "account", { provider });
      const partition = new DataAwsPartition(this, "partition", { provider });
      const region = new DataAwsRegion(this, "region", { provider });
      const role = new IamRole(this, "role", {
        name: props.role.name,
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
                ArnLike: { "aws:SourceArn": `arn:${partition.partition}:ec2:${region.region}:${account.accountId}:vpc-flow-log/*` },
              },
            },
          ],
        }),
        tags,
        provider,
      });
      // No logs:CreateLogGroup: with it, a late delivery would recreate a group Terraform destroyed.
      const policy = new IamRolePolicy(this, "role-policy", {
        name: "deliver-flow-logs",
        role: role.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: WRITE_ACTIONS, Resource: `${this.logGroupArn}:*` }],
        }),
        provider,
      });
      this.roleArn = role.arn;
      dependsOn = [policy];
    } else {
      this.roleArn = new DataAwsIamRole(this, "role", { name: props.role.name, provider }).arn;
    }

    const logs: Record<string, FlowLog> = {};
    for (const [key, vpcId] of Object.entries(props.vpcs)) {
      logs[key] = new FlowLog(this, `flow-log-${constructIdPart(key)}`, {
        vpcId,
        trafficType: props.trafficType ?? "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: this.logGroupArn,
        iamRoleArn: this.roleArn,
        maxAggregationInterval: props.maxAggregationInterval,
        tags: { ...tags, Name: `${key}-flow-log` },
        dependsOn,
        provider,
      });
    }
    this.flowLogs = logs;
  }
}

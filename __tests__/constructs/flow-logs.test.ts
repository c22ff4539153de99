import "cdktf/lib/testing/adapters/jest";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudwatchLogGroup } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Testing } from "cdktf";
import { CloudWatchLogGroupOptions, FlowLogDestination, FlowLogRoleOptions } from "../../modules/constructs/flow-logs/destination";
import { FlowLog as FlowLogConstruct, FlowLogs, FlowLogsProps } from "../../modules/constructs/flow-logs/flow-logs";

type Props = Omit<FlowLogsProps, "destination"> & { logGroup: CloudWatchLogGroupOptions; role: FlowLogRoleOptions };
const base: Props = { vpcs: { web: "vpc-0web", api: "vpc-0api" }, logGroup: { name: "flow-logs-group" }, role: { name: "flow-log-role" } };

function synth(props: Partial<Props> = {}) {
  const { logGroup, role, ...rest } = { ...base, ...props };
  return Testing.synthScope((scope) => {
    new FlowLogs(scope, "flow-logs", { ...rest, destination: FlowLogDestination.toCloudWatchLogs(logGroup, role) });
  });
}


describe("FlowLogs", () => {
  it("creates the group and role by default, one flow log of ALL traffic per VPC", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "flow-logs-group" });
    expect(out).toHaveResourceWithProperties(IamRole, { name: "flow-log-role" });
    for (const vpc of ["vpc-0web", "vpc-0api"]) {
      expect(out).toHaveResourceWithProperties(FlowLog, { vpc_id: vpc, traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    }
  });

  it("trusts only vpc-flow-logs.amazonaws.com of this account", () => {
    const role = Object.values(JSON.parse(synth()).resource.aws_iam_role)[0] as any;
    expect(role.assume_role_policy).toContain('"Service" = "vpc-flow-logs.amazonaws.com"');
    expect(role.assume_role_policy).toMatch(/"aws:SourceAccount" = data\.aws_caller_identity\.[\w-]+\.account_id\}/);
  });

  it("allows only the four delivery actions, on the group's ARN, never CreateLogGroup or *", () => {
    const json = JSON.parse(synth());
    const policy = (Object.values(json.resource.aws_iam_role_policy)[0] as any).policy as string;
    for (const action of ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"]) {
      expect(policy).toContain(`"${action}"`);
    }
    expect(policy).not.toContain("CreateLogGroup");
    const group = Object.keys(json.resource.aws_cloudwatch_log_group)[0];
    expect(policy).toContain(`"Resource" = "\${aws_cloudwatch_log_group.${group}.arn}:*"`);
    expect(policy).not.toMatch(/"Resource" = "\*"/);
  });

  it("uses an existing group and role by name when asked, creating neither", () => {
    const out = synth({ logGroup: { name: "g", create: false }, role: { name: "r", create: false } });
    expect(out).not.toHaveResource(CloudwatchLogGroup);
    expect(out).not.toHaveResource(IamRole);
    expect(out).toHaveDataSourceWithProperties(DataAwsCloudwatchLogGroup, { name: "g" });
  });

  it("passes traffic type, retention, KMS key and aggregation interval through", () => {
    const out = synth({ trafficType: "REJECT", maxAggregationInterval: 60, logGroup: { name: "g", retentionInDays: 14, kmsKeyId: "arn:aws:kms:us-west-2:111122223333:key/k" } });
    expect(out).toHaveResourceWithProperties(FlowLog, { traffic_type: "REJECT", max_aggregation_interval: 60 });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 14, kms_key_id: "arn:aws:kms:us-west-2:111122223333:key/k" });
  });

  it("creates flow logs only after the role may write", () => {
    const json = JSON.parse(synth());
    const policy = Object.keys(json.resource.aws_iam_role_policy)[0];
    for (const log of Object.values(json.resource.aws_flow_log) as any[]) {
      expect(log.depends_on).toEqual([`aws_iam_role_policy.${policy}`]);
    }
  });

  it("sends one VPC's flow log to S3 with no role, under a key prefix", () => {
    const out = Testing.synthScope((scope) => {
      new FlowLogConstruct(scope, "one", { vpcId: "vpc-0web", destination: FlowLogDestination.toS3("arn:aws:s3:::central-flow-logs", { keyPrefix: "web/" }) });
    });
    expect(out).toHaveResourceWithProperties(FlowLog, { vpc_id: "vpc-0web", log_destination_type: "s3", log_destination: "arn:aws:s3:::central-flow-logs/web/" });
    expect(out).not.toHaveResource(IamRole);
  });

  it("shares one destination's group and role between flow logs", () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      const destination = FlowLogDestination.toCloudWatchLogs({ name: "shared" }, { name: "shared-role" });
      new FlowLogConstruct(scope, "a", { vpcId: "vpc-0a", destination });
      new FlowLogConstruct(scope, "b", { vpcId: "vpc-0b", destination });
    }));
    expect(Object.keys(json.resource.aws_cloudwatch_log_group)).toHaveLength(1);
    expect(Object.keys(json.resource.aws_flow_log)).toHaveLength(2);
  });

  it("rejects a group name, role name or retention AWS refuses, naming each", () => {
    expect(() => FlowLogDestination.toCloudWatchLogs({ name: "bad name", retentionInDays: 2 }, { name: "r" })).toThrow(/logGroup.name must be .*; logGroup.retentionInDays must be one of 1, 3, 5/);
  });

  it("keeps a created group's records 365 days unless told otherwise (never expiring costs without end)", () => {
    expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "flow-logs-group", retention_in_days: 365 });
  });

  it("creates a customer-managed key for the group when asked, usable by CloudWatch Logs for this group only", () => {
    const json = JSON.parse(synth({ logGroup: { name: "flow-logs-group", createKmsKey: true } }));
    const key = Object.values<any>(json.resource.aws_kms_key)[0];
    expect(key.enable_key_rotation).toBe(true);
    expect(key.policy).toMatch(/"Service" = "logs\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com"/);
    expect(key.policy).toMatch(/"kms:EncryptionContext:aws:logs:arn" = "arn:.*:log-group:flow-logs-group"/);
    const group = Object.values<any>(json.resource.aws_cloudwatch_log_group)[0];
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.[\w-]+\.arn\}$/);
  });

  it("rejects an empty VPC map", () => {
    expect(() => synth({ vpcs: {} })).toThrow(/'vpcs', 'subnets' and 'networkInterfaces' list nothing to log/);
  });
});

describe("FlowLogs to S3 and Firehose, on subnets and interfaces, with a custom format", () => {
  const FlowLogResource = FlowLog;
  const build = (destination: FlowLogDestination, more: Partial<FlowLogsProps> = {}) =>
    Testing.synthScope((scope) => {
      new FlowLogs(scope, "logs", { vpcs: { web: "vpc-0web" }, destination, ...more });
    });

  it("writes S3 destination options and the key prefix", () => {
    const out = build(FlowLogDestination.toS3("arn:aws:s3:::central", { keyPrefix: "/peering/", fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true }));
    expect(out).toHaveResourceWithProperties(FlowLogResource, {
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::central/peering/",
      destination_options: { file_format: "parquet", hive_compatible_partitions: true, per_hour_partition: true },
    });
    expect(JSON.parse(out).resource.aws_iam_role).toBeUndefined();
  });

  it("delivers to a Firehose stream, across accounts through the given role", () => {
    const out = build(FlowLogDestination.toFirehose("arn:aws:firehose:us-west-2:210987654321:deliverystream/flow-logs", { crossAccountRoleArn: "arn:aws:iam::123456789012:role/deliver" }));
    expect(out).toHaveResourceWithProperties(FlowLogResource, {
      log_destination_type: "kinesis-data-firehose",
      deliver_cross_account_role: "arn:aws:iam::123456789012:role/deliver",
    });
  });

  it("logs subnets and network interfaces on their own, with AWS's ${field} format kept literal", () => {
    const out = build(FlowLogDestination.toS3("arn:aws:s3:::central"), {
      subnets: { a: "subnet-0a" },
      networkInterfaces: { nat: "eni-0b" },
      logFormat: "${version} ${srcaddr} ${dstaddr} ${action}",
      region: "eu-west-1",
    });
    expect(out).toHaveResourceWithProperties(FlowLogResource, { subnet_id: "subnet-0a", log_format: "$${version} $${srcaddr} $${dstaddr} $${action}", region: "eu-west-1" });
    expect(out).toHaveResourceWithProperties(FlowLogResource, { eni_id: "eni-0b" });
  });
});

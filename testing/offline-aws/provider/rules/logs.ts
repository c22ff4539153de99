// CloudWatch Logs groups and VPC flow logs: aws_cloudwatch_log_group, aws_flow_log.
import { arnRule, conflictsRule, customRule, enumRule, error, exactlyOneRule, intInRule, isSet, patternRule, str, strLenRule } from "./check";
import type { Obj, Rule, Skipped } from "./types";

const GROUP = "internal/service/logs/group.go";
const VALIDATE = "internal/service/logs/validate.go";
const FLOW = "internal/service/ec2/vpc_flow_log.go";
const AWS_FLOW = "EC2 CreateFlowLogs API errors; passed through by " + FLOW;
const RETENTION = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const FLOW_RESOURCES = ["eni_id", "regional_nat_gateway_id", "subnet_id", "vpc_id", "transit_gateway_id", "transit_gateway_attachment_id"];
const LG = "aws_cloudwatch_log_group";
const FL = "aws_flow_log";

/** The flow log's destination type, with the provider's default. */
const destType = (o: Obj) => str(o.log_destination_type) || "cloud-watch-logs";
const isTgw = (o: Obj) => isSet(o.transit_gateway_id) || isSet(o.transit_gateway_attachment_id);

export const rules: Rule[] = [
  strLenRule({ id: "log_group.name.length", type: LG, source: VALIDATE + " (validLogGroupName)", summary: "name: at most 512 characters" }, "name", 1, 512),
  patternRule({ id: "log_group.name.characters", type: LG, source: VALIDATE + " (validLogGroupName)", summary: "name: letters, digits and . - _ / # only" }, "name", /^[.\-_/#A-Za-z0-9]+$/, "only alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed"),
  strLenRule({ id: "log_group.name_prefix.length", type: LG, source: VALIDATE + " (validLogGroupNamePrefix)", summary: "name_prefix: at most 483 characters" }, "name_prefix", 1, 483),
  patternRule({ id: "log_group.name_prefix.characters", type: LG, source: VALIDATE + " (validLogGroupNamePrefix)", summary: "name_prefix: letters, digits and . - _ / # only" }, "name_prefix", /^[.\-_/#A-Za-z0-9]+$/, "only alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed"),
  conflictsRule({ id: "log_group.name.conflicts", type: LG, source: GROUP, summary: "name conflicts with name_prefix" }, "name", ["name_prefix"]),
  intInRule({ id: "log_group.retention_in_days.allowed", type: LG, source: GROUP + " (retention_in_days validation)", summary: "retention_in_days: one of the values CloudWatch Logs accepts" }, "retention_in_days", RETENTION),
  enumRule({ id: "log_group.log_group_class.enum", type: LG, source: GROUP, summary: "log_group_class: STANDARD, INFREQUENT_ACCESS or DELIVERY" }, "log_group_class", ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"]),
  customRule({ id: "log_group.name.reserved_prefix", step: "apply", type: LG, source: "CloudWatch Logs CreateLogGroup API (InvalidParameterException); passed through by " + GROUP, summary: "name may not start with aws/ (reserved for AWS services)", onCreateOnly: true }, (o) =>
    typeof o.name === "string" && /^aws\//i.test(o.name) ? [error("CloudWatch Logs refused the log group", `name: InvalidParameterException: log group names starting with "aws/" are reserved for AWS services (${o.name}).`, ["name"])] : []),
  customRule({ id: "log_group.name.already_exists", step: "apply", type: LG, source: "CloudWatch Logs CreateLogGroup API (ResourceAlreadyExistsException); passed through by " + GROUP, summary: "A log group name is taken once per account and region", onCreateOnly: true }, (o, ctx) => {
    const name = str(o.name);
    if (!name || !ctx.ledger) return [];
    const region = str(o.region) || ctx.region;
    const clash = ctx.ledger.ownWorldRecords("log_groups").some((g) => (g.name ?? g.log_group_name) === name && (g.region ?? ctx.ledger!.world.default_region) === region)
      || ctx.ledger.of(LG).some((g) => g.values.name === name && g.values.id !== o.id && (str(g.values.region) || g.region) === region);
    return clash ? [error("CloudWatch Logs refused the log group", `name: ResourceAlreadyExistsException: the specified log group already exists: ${name} (in ${region}); import it or use a data source.`, ["name"])] : [];
  }),

  exactlyOneRule({ id: "flow_log.resource.exactly_one", type: FL, source: FLOW, summary: "Exactly one of eni_id, regional_nat_gateway_id, subnet_id, vpc_id, transit_gateway_id, transit_gateway_attachment_id" }, FLOW_RESOURCES),
  enumRule({ id: "flow_log.traffic_type.enum", type: FL, source: FLOW, summary: "traffic_type: ACCEPT, REJECT or ALL" }, "traffic_type", ["ACCEPT", "REJECT", "ALL"]),
  intInRule({ id: "flow_log.max_aggregation_interval.allowed", type: FL, source: FLOW, summary: "max_aggregation_interval: 60 or 600" }, "max_aggregation_interval", [60, 600]),
  enumRule({ id: "flow_log.log_destination_type.enum", type: FL, source: FLOW, summary: "log_destination_type: cloud-watch-logs, s3 or kinesis-data-firehose" }, "log_destination_type", ["cloud-watch-logs", "s3", "kinesis-data-firehose"]),
  arnRule({ id: "flow_log.log_destination.arn", type: FL, source: FLOW, summary: "log_destination is an ARN" }, "log_destination"),
  arnRule({ id: "flow_log.iam_role_arn.arn", type: FL, source: FLOW, summary: "iam_role_arn is an ARN" }, "iam_role_arn"),
  arnRule({ id: "flow_log.deliver_cross_account_role.arn", type: FL, source: FLOW, summary: "deliver_cross_account_role is an ARN" }, "deliver_cross_account_role"),
  enumRule({ id: "flow_log.destination_options.file_format.enum", type: FL, source: FLOW, summary: "destination_options.file_format: plain-text or parquet" }, "destination_options.file_format", ["plain-text", "parquet"]),
  customRule({ id: "flow_log.iam_role_arn.required_for_logs", step: "apply", type: FL, source: AWS_FLOW, summary: "Delivery to CloudWatch Logs needs iam_role_arn", onCreateOnly: true }, (o) =>
    destType(o) === "cloud-watch-logs" && (o.iam_role_arn === null || o.iam_role_arn === "")
      ? [error("EC2 refused the flow log", "iam_role_arn: InvalidParameter: DeliverLogsPermissionArn is required when the destination is CloudWatch Logs: name the role flow logs assume to write to the group.", ["iam_role_arn"])]
      : []),
  customRule({ id: "flow_log.iam_role_arn.not_for_s3", step: "apply", type: FL, source: AWS_FLOW, summary: "An S3 or Firehose destination takes no iam_role_arn", onCreateOnly: true }, (o) =>
    destType(o) !== "cloud-watch-logs" && isSet(o.iam_role_arn)
      ? [error("EC2 refused the flow log", `iam_role_arn: InvalidParameter: DeliverLogsPermissionArn is not applicable for ${destType(o)} delivery.`, ["iam_role_arn"])]
      : []),
  customRule({ id: "flow_log.destination_options.s3_only", step: "apply", type: FL, source: AWS_FLOW, summary: "destination_options only with an S3 destination", onCreateOnly: true }, (o) =>
    destType(o) !== "s3" && Array.isArray(o.destination_options) && o.destination_options.length > 0
      ? [error("EC2 refused the flow log", `destination_options: InvalidParameter: destination options are supported only for s3 delivery, not ${destType(o)}.`, ["destination_options"])]
      : []),
  customRule({ id: "flow_log.log_destination.matches_type", step: "apply", type: FL, source: AWS_FLOW, summary: "log_destination is a log group, bucket or stream ARN matching log_destination_type", onCreateOnly: true }, (o) => {
    const d = str(o.log_destination);
    if (!d) return [];
    const want = { "cloud-watch-logs": /^arn:[\w-]+:logs:[^:]*:[^:]*:log-group:[^:]+(:\*)?$/, s3: /^arn:[\w-]+:s3:::[^/]+(\/.*)?$/, "kinesis-data-firehose": /^arn:[\w-]+:firehose:[^:]*:[^:]*:deliverystream\/.+$/ }[destType(o)];
    return want && !want.test(d) ? [error("EC2 refused the flow log", `log_destination: InvalidParameter: ${d} is not a ${destType(o)} destination ARN (${destType(o) === "cloud-watch-logs" ? "arn:aws:logs:<region>:<account>:log-group:<name>" : destType(o) === "s3" ? "arn:aws:s3:::<bucket>[/prefix]" : "arn:aws:firehose:<region>:<account>:deliverystream/<name>"}).`, ["log_destination"])] : [];
  }),
  customRule({ id: "flow_log.traffic_type.required", step: "apply", type: FL, source: AWS_FLOW, summary: "traffic_type is required except for transit gateway flow logs", onCreateOnly: true }, (o) =>
    !isTgw(o) && o.traffic_type === null
      ? [error("EC2 refused the flow log", "traffic_type: InvalidParameter: TrafficType is required for VPC, subnet, network interface and NAT gateway flow logs (ACCEPT, REJECT or ALL).", ["traffic_type"])]
      : []),
  customRule({ id: "flow_log.max_aggregation_interval.transit_gateway", step: "apply", type: FL, source: AWS_FLOW, summary: "Transit gateway flow logs aggregate over 60 seconds only", onCreateOnly: true }, (o) =>
    isTgw(o) && typeof o.max_aggregation_interval === "number" && o.max_aggregation_interval !== 60
      ? [error("EC2 refused the flow log", `max_aggregation_interval: InvalidParameter: transit gateway flow logs support only 60 seconds, got ${o.max_aggregation_interval}.`, ["max_aggregation_interval"])]
      : []),
  customRule({ id: "flow_log.duplicate", step: "apply", type: FL, source: AWS_FLOW + " (FlowLogAlreadyExists)", summary: "No second flow log for the same resource, destination and traffic type", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger) return [];
    const key = (x: Obj) => [FLOW_RESOURCES.map((r) => str(x[r]) ?? "").join("|"), destType(x), str(x.log_destination) ?? str(x.log_group_name) ?? "", str(x.traffic_type) ?? ""].join("#");
    const mine = key(o);
    const clash = ctx.ledger.of(FL).some((f) => f.values.id !== o.id && key(f.values) === mine) || ctx.ledger.ownWorldRecords("flow_logs").some((f) => key(f as Obj) === mine);
    const attr = FLOW_RESOURCES.find((r) => isSet(o[r])) ?? "vpc_id";
    return clash ? [error("EC2 refused the flow log", `${attr}: FlowLogAlreadyExists: a flow log for ${str(o[attr])} with the same destination and traffic type already exists.`, [attr])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "log_group.kms_key_id.usable", step: "apply", types: [LG], source: GROUP, summary: "kms_key_id must be a key CloudWatch Logs may use (key policy)", why: "key policies are not modelled by the world" },
  { id: "flow_log.iam_role_arn.assumable", step: "apply", types: [FL], source: FLOW, summary: "The role must trust vpc-flow-logs.amazonaws.com (\"Unable to assume given IAM role\")", why: "the provider retries this for IAM propagation; whether a trust policy admits the service depends on conditions the stand-in cannot evaluate faithfully" },
];

import { FlowLog as FlowLogResource } from "@cdktf/provider-aws/lib/flow-log";
import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import type { FlowLogTrafficType } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import { flowLogFieldProblems } from "../../core/limits";
import { error } from "../../core/problems";
import { mergeTags } from "../tags";
import { refuseProblems } from "../validation";
import { CloudWatchLogsDestination, CloudWatchLogsResources, FlowLogDestination, FlowLogDestinationConfig } from "./destination";

export type { FlowLogTrafficType };

export interface FlowLogOptions {
  /** @default "ALL" */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds over which packets are aggregated into a record. @default 600 */
  readonly maxAggregationInterval?: 60 | 600;
  /**
   * Custom record format: flow-log fields in order, e.g.
   * `${version} ${vpc-id} ${srcaddr} ${dstaddr} ${dstport} ${action}` (a literal `${` here is
   * AWS's field syntax, not Terraform's: the construct escapes it). @default AWS's default format
   */
  readonly logFormat?: string;
  /** Region of the flow logs (and a created group) when not the provider's (AWS provider v6 `region`). @default the provider's */
  readonly region?: string;
  /** A map, or a Terraform expression of one (e.g. a module variable). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

/** What a flow log watches: a VPC, a subnet or a network interface. */
export type FlowLogTarget = { readonly vpcId: string } | { readonly subnetId: string } | { readonly eniId: string };

export interface FlowLogProps extends FlowLogOptions {
  /** The VPC to log. */
  readonly vpcId: string;
  /** Where the records go. */
  readonly destination: FlowLogDestination;
  /** Name tag of the flow log. @default none */
  readonly name?: string;
}

function flowLogResource(scope: Construct, id: string, target: FlowLogTarget, config: FlowLogDestinationConfig, options: FlowLogOptions, name?: string) {
  if (options.logFormat !== undefined && !Token.isUnresolved(options.logFormat)) {
    refuseProblems(scope, "FlowLog", flowLogFieldProblems(options.logFormat).map((m) => error("logFormat", m)));
  }
  return new FlowLogResource(scope, id, {
    ...target,
    trafficType: options.trafficType ?? "ALL",
    logDestinationType: config.logDestinationType,
    logDestination: config.logDestination,
    iamRoleArn: config.iamRoleArn,
    destinationOptions: config.destinationOptions,
    deliverCrossAccountRole: config.deliverCrossAccountRole,
    logFormat: options.logFormat === undefined || Token.isUnresolved(options.logFormat) ? options.logFormat : escapeAwsFields(options.logFormat),
    maxAggregationInterval: options.maxAggregationInterval,
    region: options.region,
    tags: mergeTags(...(options.tags ? [options.tags] : []), ...(name ? [{ Name: name }] : [])),
    dependsOn: config.dependsOn && config.dependsOn.length > 0 ? [...config.dependsOn] : undefined,
    provider: options.provider,
  });
}

/** AWS writes flow-log fields as `${field}`; Terraform would read that as interpolation. */
function escapeAwsFields(format: string): string {
  return format.replace(/(?<!\$)\$\{/g, () => "$${");
}

/** One VPC flow log to a destination (which creates its group and role on first use). */
export class FlowLog extends Construct {
  readonly flowLog: FlowLogResource;

  constructor(scope: Construct, id: string, props: FlowLogProps) {
    super(scope, id);
    const config = props.destination.bind(this, { tags: props.tags, provider: props.provider, region: props.region });
    this.flowLog = flowLogResource(this, "flow-log", { vpcId: props.vpcId }, config, props, props.name);
  }

  get flowLogId(): string {
    return this.flowLog.id;
  }
}

export interface FlowLogsProps extends FlowLogOptions {
  /** VPC ids to log, by a key used in construct ids and Name tags (e.g. `{ web: "vpc-..." }`). */
  readonly vpcs: Readonly<Record<string, string>>;
  /** Subnet ids to log on their own, by key. @default {} */
  readonly subnets?: Readonly<Record<string, string>>;
  /** Network interface ids (`eni-...`) to log on their own, by key. @default {} */
  readonly networkInterfaces?: Readonly<Record<string, string>>;
  /** Where every VPC's records go, e.g. `FlowLogDestination.toCloudWatchLogs({ name: "flow-logs" }, { name: "flow-log-role" })`. */
  readonly destination: FlowLogDestination;
  /** Name tag of a VPC's flow log, by the key in `vpcs`. @default `<key>-flow-log` */
  readonly names?: Readonly<Record<string, string>>;
}

/** One flow log per VPC into one shared destination (one group and one delivery role for all). */
export class FlowLogs extends Construct {
  /** Set when the destination is CloudWatch Logs. */
  readonly logGroupArn?: string;
  /** Set when the destination needs a delivery role. */
  readonly roleArn?: string;
  /** What a CloudWatch Logs destination created here (group, role, role policy). @default none */
  readonly cloudWatchLogs: CloudWatchLogsResources = {};
  readonly flowLogs: Readonly<Record<string, FlowLogResource>>;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const subnets = props.subnets ?? {};
    const interfaces = props.networkInterfaces ?? {};
    if (Object.keys(props.vpcs).length + Object.keys(subnets).length + Object.keys(interfaces).length === 0) {
      throw new Error(`FlowLogs ${id}: 'vpcs', 'subnets' and 'networkInterfaces' list nothing to log`);
    }
    const config = props.destination.bind(this, { tags: props.tags, provider: props.provider, region: props.region });
    if (props.destination instanceof CloudWatchLogsDestination) {
      this.logGroupArn = props.destination.logGroupArn;
      this.cloudWatchLogs = props.destination.created;
    }
    this.roleArn = config.iamRoleArn;
    const logs: Record<string, FlowLogResource> = {};
    for (const [key, vpcId] of Object.entries(props.vpcs)) {
      logs[key] = flowLogResource(this, `flow-log-${constructIdPart(key)}`, { vpcId }, config, props, props.names?.[key] ?? `${key}-flow-log`);
    }
    const more = { ...this.others(subnets, "subnet", (subnetId) => ({ subnetId }), config, props), ...this.others(interfaces, "eni", (eniId) => ({ eniId }), config, props) };
    this.flowLogs = logs;
    this.subnetAndInterfaceFlowLogs = more;
  }

  /** Flow logs of subnets and network interfaces, by `subnet:<key>` / `eni:<key>`. */
  readonly subnetAndInterfaceFlowLogs: Readonly<Record<string, FlowLogResource>>;

  private others(ids: Readonly<Record<string, string>>, kind: string, target: (id: string) => FlowLogTarget, config: FlowLogDestinationConfig, props: FlowLogsProps) {
    return Object.fromEntries(Object.entries(ids).map(([key, id]) =>
      [`${kind}:${key}`, flowLogResource(this, `flow-log-${kind}-${constructIdPart(key)}`, target(id), config, props, `${key}-flow-log`)]));
  }
}

import { FlowLog as FlowLogResource } from "@cdktf/provider-aws/lib/flow-log";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { FlowLogTrafficType } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import { CloudWatchLogsDestination, FlowLogDestination, FlowLogDestinationConfig } from "./destination";

export type { FlowLogTrafficType };

export interface FlowLogOptions {
  /** @default "ALL" */
  readonly trafficType?: FlowLogTrafficType;
  /** Seconds over which packets are aggregated into a record. @default 600 */
  readonly maxAggregationInterval?: 60 | 600;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

export interface FlowLogProps extends FlowLogOptions {
  /** The VPC to log. */
  readonly vpcId: string;
  /** Where the records go. */
  readonly destination: FlowLogDestination;
  /** Name tag of the flow log. @default none */
  readonly name?: string;
}

function flowLogResource(scope: Construct, id: string, vpcId: string, config: FlowLogDestinationConfig, options: FlowLogOptions, name?: string) {
  return new FlowLogResource(scope, id, {
    vpcId,
    trafficType: options.trafficType ?? "ALL",
    logDestinationType: config.logDestinationType,
    logDestination: config.logDestination,
    iamRoleArn: config.iamRoleArn,
    maxAggregationInterval: options.maxAggregationInterval,
    tags: { ...options.tags, ...(name ? { Name: name } : {}) },
    dependsOn: config.dependsOn && config.dependsOn.length > 0 ? [...config.dependsOn] : undefined,
    provider: options.provider,
  });
}

/** One VPC flow log to a destination (which creates its group and role on first use). */
export class FlowLog extends Construct {
  readonly flowLog: FlowLogResource;

  constructor(scope: Construct, id: string, props: FlowLogProps) {
    super(scope, id);
    const config = props.destination.bind(this, { tags: props.tags, provider: props.provider });
    this.flowLog = flowLogResource(this, "flow-log", props.vpcId, config, props, props.name);
  }

  get flowLogId(): string {
    return this.flowLog.id;
  }
}

export interface FlowLogsProps extends FlowLogOptions {
  /** VPC ids to log, by a key used in construct ids and Name tags (e.g. `{ web: "vpc-..." }`). */
  readonly vpcs: Readonly<Record<string, string>>;
  /** Where every VPC's records go, e.g. `FlowLogDestination.toCloudWatchLogs({ name: "flow-logs" }, { name: "flow-log-role" })`. */
  readonly destination: FlowLogDestination;
}

/** One flow log per VPC into one shared destination (one group and one delivery role for all). */
export class FlowLogs extends Construct {
  /** Set when the destination is CloudWatch Logs. */
  readonly logGroupArn?: string;
  /** Set when the destination needs a delivery role. */
  readonly roleArn?: string;
  readonly flowLogs: Readonly<Record<string, FlowLogResource>>;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    if (Object.keys(props.vpcs).length === 0) throw new Error(`FlowLogs ${id}: 'vpcs' lists no VPC`);
    const config = props.destination.bind(this, { tags: props.tags, provider: props.provider });
    if (props.destination instanceof CloudWatchLogsDestination) this.logGroupArn = props.destination.logGroupArn;
    this.roleArn = config.iamRoleArn;
    const logs: Record<string, FlowLogResource> = {};
    for (const [key, vpcId] of Object.entries(props.vpcs)) {
      logs[key] = flowLogResource(this, `flow-log-${constructIdPart(key)}`, vpcId, config, props, `${key}-flow-log`);
    }
    this.flowLogs = logs;
  }
}

import type { TopologyConfig } from "../app/config/schema";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, FLOW_LOG_TRAFFIC_TYPES, ID, LOG_RETENTION_DAYS, NAMES, RECORD_TTL } from "../core/limits";
import { sharedZoneNames } from "../app/names";
import { inputName, PROVIDER_SIDES } from "../app/tunables";
import { recordFqdn } from "../core/dns";
import type { TopologyPlan } from "../app/adapter";

// What a Terraform module user may tune at plan time, as plain data: variable names, types,
// defaults (the config's values) and the checks Terraform can run. Which VPCs, peerings, route
// tables and records exist stays in the config. No cdktf here.

export type InputType = "string" | "number" | "bool" | "map(string)" | "list(string)";

export interface InputValidation {
  /** A Terraform expression over the variable, e.g. `length(var.x) > 0`. */
  readonly condition: string;
  readonly errorMessage: string;
}

export interface InputSpec {
  readonly name: string;
  readonly type: InputType;
  readonly description: string;
  readonly default: unknown;
  readonly validation: readonly InputValidation[];
}

const v = (name: string) => `var.${name}`;

/** Every variable of the module generated from this config, in a stable order. */
export function moduleInputs(config: TopologyConfig, plan: TopologyPlan): InputSpec[] {
  const inputs: InputSpec[] = [
    {
      name: inputName.tags(),
      type: "map(string)",
      description: "Tags merged into every taggable resource of the module (a resource's own tags, such as Name, win)",
      default: config.tags,
      validation: [{
        condition: `alltrue([for k, val in ${v("tags")} : length(k) <= 128 && length(val) <= 256])`,
        errorMessage: "AWS tag keys are at most 128 characters and values at most 256.",
      }],
    },
  ];

  for (const vpc of Object.values(plan.vpcs)) {
    if ("id" in vpc.lookup) {
      const name = inputName.vpcId(vpc.key);
      inputs.push({
        name,
        type: "string",
        description: `Id of the existing VPC \`${vpc.key}\` (config: vpcs.${vpc.key}.id)`,
        default: vpc.lookup.id,
        validation: [{ condition: ID.vpc.terraformCondition(v(name)), errorMessage: `${name} must be ${ID.vpc.expected}.` }],
      });
    } else {
      const name = inputName.vpcName(vpc.key);
      inputs.push({
        name,
        type: "string",
        description: `Name tag of the existing VPC \`${vpc.key}\`, looked up at plan time (config: vpcs.${vpc.key}.name)`,
        default: vpc.lookup.name,
        validation: [{ condition: `length(${v(name)}) > 0`, errorMessage: `${name} must not be empty.` }],
      });
    }
    const byId = vpc.routeTables.filter((t) => "id" in t.lookup);
    const byName = vpc.routeTables.filter((t) => "name" in t.lookup);
    const fixedCount = (name: string, count: number, what: string): InputValidation => ({
      condition: `length(${v(name)}) == ${count}`,
      errorMessage: `${name} must list exactly ${count} ${what}: the number of route tables is fixed by vpcs.${vpc.key}.routeTables in the config (change it there and regenerate the module).`,
    });
    if (byId.length > 0) {
      const name = inputName.routeTableIds(vpc.key);
      inputs.push({
        name,
        type: "list(string)",
        description: `Ids of the route tables of VPC \`${vpc.key}\` that get routes to its peers, in config order`,
        default: byId.map((t) => ("id" in t.lookup ? t.lookup.id : "")),
        validation: [
          fixedCount(name, byId.length, "route table ids"),
          { condition: `alltrue([for id in ${v(name)} : ${ID.routeTable.terraformCondition("id")}])`, errorMessage: `${name} must hold route table ids, each ${ID.routeTable.expected}.` },
        ],
      });
    }
    if (byName.length > 0) {
      const name = inputName.routeTableNames(vpc.key);
      inputs.push({
        name,
        type: "list(string)",
        description: `Name tags of the route tables of VPC \`${vpc.key}\` that get routes to its peers, in config order`,
        default: byName.map((t) => ("name" in t.lookup ? t.lookup.name : "")),
        validation: [fixedCount(name, byName.length, "route table Name tags")],
      });
    }
  }

  for (const p of plan.peerings) {
    const name = inputName.peeringName(p.name);
    inputs.push({
      name,
      type: "string",
      description: `Name tag of the peering connection \`${p.name}\` (${p.requester} → ${p.accepter})`,
      default: p.name,
      validation: [{ condition: NAMES.peering.terraformCondition(v(name)), errorMessage: `${name} must be ${NAMES.peering.expected}.` }],
    });
    for (const side of PROVIDER_SIDES) {
      inputs.push({
        name: inputName.dnsResolution(p.name, side),
        type: "bool",
        description: `Let the ${side} VPC (${p[side]}) of \`${p.name}\` resolve the peer's private DNS hostnames to private IPs (both VPCs need DNS support and hostnames)`,
        default: p.allowRemoteVpcDnsResolution[side],
        validation: [],
      });
    }
  }

  if (config.flowLogs && plan.flowLogVpcs.length > 0) {
    const fl = config.flowLogs;
    inputs.push({
      name: inputName.flowLogTrafficType(),
      type: "string",
      description: "Traffic the flow logs record: ALL, ACCEPT or REJECT",
      default: fl.trafficType,
      validation: [{ condition: `contains([${FLOW_LOG_TRAFFIC_TYPES.map((t) => JSON.stringify(t)).join(", ")}], ${v(inputName.flowLogTrafficType())})`, errorMessage: `flow_log_traffic_type must be ${FLOW_LOG_TRAFFIC_TYPES.join(", ")}.` }],
    });
    const group = inputName.flowLogGroupName();
    inputs.push({
      name: group,
      type: "string",
      description: fl.logGroup.create ? "Name of the CloudWatch Logs group created for flow logs" : "Name of the existing CloudWatch Logs group flow logs write to",
      default: fl.logGroup.name,
      validation: [{
        condition: NAMES.logGroup.terraformCondition(v(group)),
        errorMessage: `flow_log_group_name must be ${NAMES.logGroup.expected}.`,
      }],
    });
    if (fl.logGroup.create) {
      const retention = inputName.flowLogRetentionInDays();
      inputs.push({
        name: retention,
        type: "number",
        description: "Days CloudWatch Logs keeps flow-log events; 0 keeps them forever",
        default: fl.logGroup.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
        validation: [{
          condition: `contains([0, ${(LOG_RETENTION_DAYS.allowed ?? []).join(", ")}], ${v(retention)})`,
          errorMessage: `flow_log_retention_in_days must be 0 (forever) or ${LOG_RETENTION_DAYS.expected}.`,
        }],
      });
    }
    const role = inputName.flowLogRoleName();
    inputs.push({
      name: role,
      type: "string",
      description: fl.role.create ? "Name of the IAM role created to deliver flow logs" : "Name of the existing IAM role that delivers flow logs",
      default: fl.role.name,
      validation: [{ condition: NAMES.iamRole.terraformCondition(v(role)), errorMessage: `flow_log_role_name must be ${NAMES.iamRole.expected}.` }],
    });
  }

  const shared = sharedZoneNames(config);
  for (const zone of config.privateZones) {
    for (const record of zone.records) {
      if (record.type !== "CNAME") continue;
      const fqdn = recordFqdn(zone.name, record.name);
      const name = inputName.recordTtl(fqdn, record.type, shared.has(zone.name) ? zone.vpc : undefined);
      inputs.push({
        name,
        type: "number",
        description: `TTL in seconds of the CNAME record ${fqdn}`,
        default: record.ttl,
        validation: [{
          condition: RECORD_TTL.terraformCondition(v(name)),
          errorMessage: `${name} must be ${RECORD_TTL.expected}.`,
        }],
      });
    }
  }

  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.name)) {
      throw new Error(`two config names map to the module variable "${input.name}": rename one VPC, peering or record so they differ in more than punctuation`);
    }
    seen.add(input.name);
  }
  return inputs;
}


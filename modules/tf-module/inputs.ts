import type { TopologyConfig } from "../app/config/schema";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, DEFAULT_RECORD_TTL, FLOW_LOG_TRAFFIC_TYPES, ID, LOG_RETENTION_DAYS, NAMES, RECORD_TTL } from "../core/limits";
import { sharedZoneNames } from "../app/names";
import { inputName, recordKey } from "../app/tunables";
import { recordFqdn } from "../core/dns";
import { escapeTemplate } from "../core/template";
import type { ResolvedTopology } from "../app/adapter";

// What a Terraform module user may tune at plan time, as plain data: variable names, types,
// defaults (the config's values) and the checks Terraform can run. Which VPCs, peerings, route
// tables and records exist stays in the config. Variables are named by role: per-VPC,
// per-peering and per-record values are maps keyed by the config's own keys, so adding a VPC to
// the config adds a key to a default, not a variable. No cdktf here.

export type InputType =
  | "string"
  | "number"
  | "bool"
  | "map(string)"
  | "map(number)"
  | "map(list(string))"
  | "map(object({ requester = bool, accepter = bool }))";

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
/** A string literal inside a Terraform expression (itself a template: `${` escaped). */
const hcl = (text: string) => escapeTemplate(JSON.stringify(text));
const list = (items: readonly string[]) => items.join(", ");

/** The map's keys are exactly those the config fixes (values may change, keys may not). */
function fixedKeys(name: string, keys: readonly string[], where: string): InputValidation {
  return {
    condition: `length(${v(name)}) == ${keys.length} && alltrue([for k in [${keys.map(hcl).join(", ")}] : contains(keys(${v(name)}), k)])`,
    errorMessage: `${name} must have exactly the keys ${list(keys)}: they are fixed by ${where} in the config (change it there and regenerate the module).`,
  };
}

/** Every variable of the module generated from this config, in a stable order. */
// eslint-disable-next-line max-lines-per-function -- a table of the module's variables, one entry each: it grows with the config, not with logic
export function moduleInputs(config: TopologyConfig, plan: ResolvedTopology): InputSpec[] {
  const inputs: InputSpec[] = [
    {
      name: inputName.tags().variable,
      type: "map(string)",
      description: "Tags merged into every taggable resource of the module (a resource's own tags, such as Name, win)",
      default: config.tags,
      validation: [{
        condition: `alltrue([for k, val in ${v("tags")} : length(k) <= 128 && length(val) <= 256])`,
        errorMessage: "AWS tag keys are at most 128 characters and values at most 256.",
      }],
    },
  ];

  const vpcs = Object.values(plan.vpcs).filter((vpc) => !vpc.create);
  const byId = vpcs.filter((vpc) => "id" in vpc.lookup);
  const byName = vpcs.filter((vpc) => "name" in vpc.lookup);
  if (byId.length > 0) {
    const name = inputName.vpcId("").variable;
    inputs.push({
      name,
      type: "map(string)",
      description: "Id of each existing VPC found by id, by its key in the config's vpcs",
      default: Object.fromEntries(byId.map((vpc) => [vpc.key, "id" in vpc.lookup ? vpc.lookup.id : ""])),
      validation: [
        fixedKeys(name, byId.map((vpc) => vpc.key), "vpcs"),
        { condition: `alltrue([for id in values(${v(name)}) : ${ID.vpc.terraformCondition("id")}])`, errorMessage: `${name} values must be ${ID.vpc.expected}.` },
      ],
    });
  }
  if (byName.length > 0) {
    const name = inputName.vpcName("").variable;
    inputs.push({
      name,
      type: "map(string)",
      description: "Name tag of each existing VPC found by name (looked up at plan time), by its key in the config's vpcs",
      default: Object.fromEntries(byName.map((vpc) => [vpc.key, "name" in vpc.lookup ? vpc.lookup.name : ""])),
      validation: [
        fixedKeys(name, byName.map((vpc) => vpc.key), "vpcs"),
        { condition: `alltrue([for n in values(${v(name)}) : length(n) > 0])`, errorMessage: `${name} values must not be empty.` },
      ],
    });
  }
  for (const by of ["id", "name"] as const) {
    const tables = new Map(vpcs.map((vpc) => [vpc.key, vpc.routeTables.flatMap((t) => (by in t.lookup ? [(t.lookup as Record<string, string>)[by]] : []))]));
    for (const [key, found] of tables) if (found.length === 0) tables.delete(key);
    if (tables.size === 0) continue;
    const name = (by === "id" ? inputName.routeTableIds("") : inputName.routeTableNames("")).variable;
    const counts = [...tables].map(([key, found]) => `${hcl(key)} = ${found.length}`).join(", ");
    inputs.push({
      name,
      type: "map(list(string))",
      description: by === "id"
        ? "Ids of the route tables of each VPC that get routes to its peers, in config order, by VPC key"
        : "Name tags of the route tables of each VPC that get routes to its peers (looked up at plan time), in config order, by VPC key",
      default: Object.fromEntries(tables),
      validation: [
        fixedKeys(name, [...tables.keys()], "vpcs"),
        {
          condition: `alltrue([for k, n in { ${counts} } : length(lookup(${v(name)}, k, [])) == n])`,
          errorMessage: `${name} must list as many route tables per VPC as the config: ${[...tables].map(([k, f]) => `${k} ${f.length}`).join(", ")} (the number is fixed by vpcs.<key>.routeTables; change it there and regenerate the module).`,
        },
        ...(by === "id"
          ? [{ condition: `alltrue([for id in flatten(values(${v(name)})) : ${ID.routeTable.terraformCondition("id")}])`, errorMessage: `${name} must hold route table ids, each ${ID.routeTable.expected}.` }]
          : []),
      ],
    });
  }

  if (plan.peerings.length > 0) {
    const names = inputName.peeringName("").variable;
    const keys = plan.peerings.map((p) => p.name);
    inputs.push({
      name: names,
      type: "map(string)",
      description: "Name tag of each peering connection, by its name in the config",
      default: Object.fromEntries(plan.peerings.map((p) => [p.name, p.name])),
      validation: [
        fixedKeys(names, keys, "peerings and mesh"),
        { condition: `alltrue([for n in values(${v(names)}) : ${NAMES.peering.terraformCondition("n")}])`, errorMessage: `${names} values must be ${NAMES.peering.expected}.` },
      ],
    });
    const dns = inputName.dnsResolution("", "requester").variable;
    inputs.push({
      name: dns,
      type: "map(object({ requester = bool, accepter = bool }))",
      description: "Per peering (by its name in the config): let the requester / accepter VPC resolve the peer's public DNS hostnames to private IPs (both VPCs need DNS support and hostnames)",
      default: Object.fromEntries(plan.peerings.map((p) => [p.name, { requester: p.allowRemoteVpcDnsResolution.requester, accepter: p.allowRemoteVpcDnsResolution.accepter }])),
      validation: [fixedKeys(dns, keys, "peerings and mesh")],
    });
  }

  if (config.flowLogs && plan.flowLogVpcs.length > 0) {
    const fl = config.flowLogs;
    const traffic = inputName.flowLogTrafficType().variable;
    inputs.push({
      name: traffic,
      type: "string",
      description: "Traffic the flow logs record: ALL, ACCEPT or REJECT",
      default: fl.trafficType,
      validation: [{ condition: `contains([${FLOW_LOG_TRAFFIC_TYPES.map((t) => JSON.stringify(t)).join(", ")}], ${v(traffic)})`, errorMessage: `${traffic} must be ${FLOW_LOG_TRAFFIC_TYPES.join(", ")}.` }],
    });
    // CloudWatch Logs only: S3 and Firehose destinations need no group or role.
    const cloudWatch = fl.logGroup && fl.role ? { logGroup: fl.logGroup, role: fl.role } : undefined;
    if (cloudWatch) {
      const group = inputName.flowLogGroupName().variable;
      inputs.push({
        name: group,
        type: "string",
        description: cloudWatch.logGroup.create ? "Name of the CloudWatch Logs group created for flow logs" : "Name of the existing CloudWatch Logs group flow logs write to",
        default: cloudWatch.logGroup.name,
        validation: [{ condition: NAMES.logGroup.terraformCondition(v(group)), errorMessage: `${group} must be ${NAMES.logGroup.expected}.` }],
      });
      if (cloudWatch.logGroup.create) {
        const retention = inputName.flowLogRetentionInDays().variable;
        inputs.push({
          name: retention,
          type: "number",
          description: "Days CloudWatch Logs keeps flow-log events; 0 keeps them forever",
          default: cloudWatch.logGroup.retentionInDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS,
          validation: [{
            condition: `contains([0, ${(LOG_RETENTION_DAYS.allowed ?? []).join(", ")}], ${v(retention)})`,
            errorMessage: `${retention} must be 0 (forever) or ${LOG_RETENTION_DAYS.expected}.`,
          }],
        });
      }
      const role = inputName.flowLogRoleName().variable;
      inputs.push({
        name: role,
        type: "string",
        description: cloudWatch.role.create ? "Name of the IAM role created to deliver flow logs" : "Name of the existing IAM role that delivers flow logs",
        default: cloudWatch.role.name,
        validation: [{ condition: NAMES.iamRole.terraformCondition(v(role)), errorMessage: `${role} must be ${NAMES.iamRole.expected}.` }],
      });
    }
  }

  const shared = sharedZoneNames(config);
  const ttls: [string, number][] = [];
  for (const zone of config.privateZones) {
    for (const record of zone.records) {
      if (record.alias) continue;
      ttls.push([recordKey(recordFqdn(zone.name, record.name), record.type, shared.has(zone.name) ? zone.vpc : undefined, record.setIdentifier), record.ttl ?? DEFAULT_RECORD_TTL]);
    }
  }
  if (ttls.length > 0) {
    const name = inputName.recordTtl("", "").variable;
    inputs.push({
      name,
      type: "map(number)",
      description: 'TTL in seconds of each record that is not an alias, by "<fqdn> <type>" (plus " <vpc key>" when two zones share a name, " <set identifier>" for weighted or failover records)',
      default: Object.fromEntries(ttls),
      validation: [
        fixedKeys(name, ttls.map(([k]) => k), "privateZones[].records"),
        { condition: `alltrue([for t in values(${v(name)}) : ${RECORD_TTL.terraformCondition("t")}])`, errorMessage: `${name} values must be ${RECORD_TTL.expected}.` },
      ],
    });
  }
  return inputs;
}

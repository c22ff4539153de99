import { recordFqdn } from "../core/dns";
import { nameCollisions, terraformIdent as ident } from "../core/names";
import { ConfigProblem, error } from "../core/problems";
import { expandPeerings, loggedVpcKeys } from "./adapter";
import type { BackendConfig, TopologyConfig } from "./config/schema";
import { accessLogBucketName, stateKeyAlias } from "../core/backend";

// Names the stacks generate from config text (outputs, module variables, stack directories), one
// function each, so that validation can find two config names that become one identifier before
// anything is synthesized (VPC keys `a-b` and `a_b` both give output `vpc_a_b_id`).

/** The stack the app adds beside the main one to create the S3 state bucket. */
export const STATE_STACK = "state";

/** Whether the app adds the state bucket's bootstrap stack (an s3 backend the project manages). */
export function hasStateStack(config: Pick<TopologyConfig, "backend">): boolean {
  return config.backend.type === "s3" && config.backend.endpoint === undefined;
}

/** What the state stack makes besides the bucket, decided once from the s3 backend's settings. */
export interface StateBucketPlan {
  /** A key of its own, with the alias the stacks' backends name (kmsKeyId). */
  readonly createKey: boolean;
  /** The key the state is encrypted with: an existing one, the created one's alias, or none (SSE-S3). */
  readonly kmsKeyId?: string;
  /** Where the bucket's access logs go; `create`: a bucket of that name is made too. */
  readonly accessLogs?: { readonly bucket: string; readonly prefix?: string; readonly create: boolean };
}

/**
 * Secure by default for a bucket the project creates (see hasStateStack): a customer-managed key
 * unless `kmsKeyId` names one or `createKmsKey: false`, and an access-log bucket unless
 * `accessLogs` names one or is false. A store managed elsewhere (endpoint) keeps what it has.
 */
export function stateBucketPlan(backend: BackendConfig): StateBucketPlan | undefined {
  if (backend.type !== "s3") return undefined;
  if (!hasStateStack({ backend })) return { createKey: false, kmsKeyId: backend.kmsKeyId };
  const createKey = backend.kmsKeyId === undefined && backend.createKmsKey !== false;
  const logs = backend.accessLogs;
  return {
    createKey,
    kmsKeyId: createKey ? stateKeyAlias(backend.bucket) : backend.kmsKeyId,
    accessLogs: logs === false ? undefined : logs ? { ...logs, create: false } : { bucket: accessLogBucketName(backend.bucket), create: true },
  };
}

/** The backend a stack writes: an s3 backend names the state key (an existing one or the created one's alias). */
export function stackBackend(backend: BackendConfig): BackendConfig {
  const plan = stateBucketPlan(backend);
  return backend.type === "s3" && plan ? { ...backend, kmsKeyId: plan.kmsKeyId } : backend;
}

export const outputName = {
  vpcId: (vpc: string) => ident("vpc", vpc, "id"),
  peeringId: (peering: string) => ident("peering", peering, "id"),
  /** From the endpoint's construct id: `<vpc key>-<service>`. */
  endpointId: (endpoint: string) => ident("endpoint", endpoint, "id"),
  transitGatewayId: (tgw: string) => ident("transit_gateway", tgw, "id"),
  transitRouteTableId: (tgw: string, table: string) => ident("transit_gateway", tgw, "route_table", table, "id"),
  transitAttachmentId: (tgw: string, vpc: string) => ident("transit_gateway", tgw, "attachment", vpc, "id"),
  transitPeeringId: (tgw: string, peer: string) => ident("transit_gateway", tgw, "peering", peer, "id"),
  flowLogId: (vpc: string) => ident("flow_log", vpc, "id"),
  zoneId: (zone: string, vpc?: string) => ident("private_zone", zone, ...(vpc ? [vpc] : []), "id"),
  recordFqdn: (fqdn: string, type: string, vpc?: string, setIdentifier?: string) =>
    ident("record", fqdn, ...(vpc ? [vpc] : []), type.toLowerCase(), ...(setIdentifier !== undefined ? [setIdentifier] : []), "fqdn"),
};

/** Zone names used by more than one zone: those zones are told apart by their VPC key. */
export function sharedZoneNames(config: Pick<TopologyConfig, "privateZones">): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const z of config.privateZones) (seen.has(z.name) ? shared : seen).add(z.name);
  return shared;
}

/** Generated names that collide, and stack names the app cannot use; each problem names both fields. */
export function generatedNameProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (hasStateStack(config) && config.stack === STATE_STACK) {
    problems.push(error("stack", `"${STATE_STACK}" is the name of the stack that creates the S3 state bucket: pick another stack name`));
  }
  // [field, generated name, the config text it came from]: equal texts are reported by the checks
  // of duplicates (a peering named twice), so only different texts that meet are collisions here.
  // (Module variables are named by role and keyed by the config's own text: they cannot collide.)
  const outputs: [string, string, string][] = [];
  for (const key of Object.keys(config.vpcs)) outputs.push([`vpcs.${key}`, outputName.vpcId(key), key]);
  for (const { peering, path } of expandPeerings(config)) outputs.push([`${path}.name`, outputName.peeringId(peering.name), peering.name]);
  for (const key of loggedVpcKeys(config)) outputs.push([`vpcs.${key}`, outputName.flowLogId(key), key]);
  const shared = sharedZoneNames(config);
  config.privateZones.forEach((zone, z) => {
    const vpc = shared.has(zone.name) ? zone.vpc : undefined;
    outputs.push([`privateZones[${z}].name`, outputName.zoneId(zone.name, vpc), `${zone.name}/${vpc ?? ""}`]);
    zone.records.forEach((record, r) => {
      const fqdn = recordFqdn(zone.name, record.name);
      outputs.push([`privateZones[${z}].records[${r}].name`, outputName.recordFqdn(fqdn, record.type, vpc, record.setIdentifier), `${fqdn}/${record.type}/${vpc ?? ""}/${record.setIdentifier ?? ""}`]);
    });
  });
  const reported = new Set<string>();
  const text = new Map(outputs.map(([where, , raw]) => [where, raw]));
  for (const c of nameCollisions(outputs.map(([where, name]) => [where, name] as const))) {
    const pair = `${c.first}|${c.second}`;
    if (text.get(c.first) === text.get(c.second) || reported.has(pair)) continue;
    reported.add(pair);
    problems.push(error(c.second, `becomes the output "${c.name}", like ${c.first}: names that differ only in punctuation collide in Terraform, rename one`));
  }
  return problems;
}

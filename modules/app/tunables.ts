import type { IResolvable } from "cdktf";
import type { ResolvedTopology } from "./adapter";

// What a stack may read as a tunable value: the config's literal in a root stack, a Terraform
// variable in a module (modules/tf-module supplies those), so one stack class serves both.

/**
 * Where a tunable lives in a module's interface: a variable, and for per-VPC, per-peering or
 * per-record values the key of a map variable. Variables are named by role (`vpc_names`,
 * `dns_resolution`), never after config keys, so the interface stays the same when VPCs,
 * peerings or records are added or renamed in the config.
 */
export interface InputRef {
  readonly variable: string;
  /** The config's own key (a VPC key, a peering name, `<fqdn> <type>`), unescaped. */
  readonly key?: string;
  /** The field of an object value, e.g. `requester` in `dns_resolution["api-web"]`. */
  readonly field?: string;
}

/**
 * Values a stack reads by input: the config's literal in a root stack, a Terraform variable
 * in a module, so the same constructs serve both.
 */
export interface Tunables {
  string(input: InputRef, literal: string): string;
  number<T extends number | undefined>(input: InputRef, literal: T): number | T;
  bool(input: InputRef, literal: boolean): boolean | IResolvable;
  /** Element `index` of a list input. */
  element(input: InputRef, index: number, literal: string): string;
  /** The module-wide tags map, or undefined when the stack applies tags another way. */
  readonly tags?: { [key: string]: string };
}

/** The root stack's tunables: the config's own values. */
export const literalTunables: Tunables = {
  string: (_input, literal) => literal,
  number: (_input, literal) => literal,
  bool: (_input, literal) => literal,
  element: (_input, _index, literal) => literal,
};

/** The two provider configurations a module caller passes (`aws.requester`, `aws.accepter`). */
export type ProviderSide = "requester" | "accepter";
export const PROVIDER_SIDES: readonly ProviderSide[] = ["requester", "accepter"];

/** Where each tunable lives, one function per tunable, shared by the input specs and the stack that reads them. */
export const inputName = {
  tags: (): InputRef => ({ variable: "tags" }),
  vpcId: (vpc: string): InputRef => ({ variable: "vpc_ids", key: vpc }),
  vpcName: (vpc: string): InputRef => ({ variable: "vpc_names", key: vpc }),
  routeTableIds: (vpc: string): InputRef => ({ variable: "route_table_ids", key: vpc }),
  routeTableNames: (vpc: string): InputRef => ({ variable: "route_table_names", key: vpc }),
  peeringName: (peering: string): InputRef => ({ variable: "peering_names", key: peering }),
  dnsResolution: (peering: string, side: ProviderSide): InputRef => ({ variable: "dns_resolution", key: peering, field: side }),
  flowLogTrafficType: (): InputRef => ({ variable: "flow_log_traffic_type" }),
  flowLogGroupName: (): InputRef => ({ variable: "flow_log_group_name" }),
  flowLogRetentionInDays: (): InputRef => ({ variable: "flow_log_retention_in_days" }),
  flowLogRoleName: (): InputRef => ({ variable: "flow_log_role_name" }),
  recordTtl: (fqdn: string, type: string, vpc?: string, setIdentifier?: string): InputRef => ({ variable: "record_ttls", key: recordKey(fqdn, type, vpc, setIdentifier) }),
};

/** How messages name an input: `vpc_names["web"]`, `dns_resolution["api-web"].requester`, `tags`. */
export function inputLabel(input: InputRef): string {
  return `${input.variable}${input.key !== undefined ? `[${JSON.stringify(input.key)}]` : ""}${input.field !== undefined ? `.${input.field}` : ""}`;
}

/**
 * A record's key in `record_ttls`: `<fqdn> <type>`, then ` <vpc key>` when two zones share the
 * name and ` <set identifier>` for weighted or failover records.
 */
export function recordKey(fqdn: string, type: string, vpc?: string, setIdentifier?: string): string {
  return [fqdn, type, ...(vpc ? [vpc] : []), ...(setIdentifier !== undefined ? [setIdentifier] : [])].join(" ");
}

/**
 * Which caller provider each VPC uses: the requester side of its first peering, else accepter.
 * Flow logs go through the requester provider; a zone through its VPC's.
 */
export function providerSides(plan: ResolvedTopology): Readonly<Record<string, ProviderSide>> {
  const sides: Record<string, ProviderSide> = {};
  for (const p of plan.peerings) {
    sides[p.requester] ??= "requester";
    sides[p.accepter] ??= "accepter";
  }
  for (const key of Object.keys(plan.vpcs)) sides[key] ??= "requester";
  return sides;
}

/**
 * The caller providers a transit gateway would use in a module, by gateway name: the sides of its
 * attached VPCs that have no config account (a config account's VPC is attached through its own
 * `aws.<account>`, over the gateway's RAM share), in the order first met; `["requester"]` when it
 * attaches none. One side places the gateway and all its tables, routes and acceptances on that
 * provider; two cannot be placed (module-stack.ts refuses them).
 */
export function transitGatewaySides(plan: ResolvedTopology, sides: Readonly<Record<string, ProviderSide>>): Readonly<Record<string, readonly ProviderSide[]>> {
  return Object.fromEntries(plan.transitGateways.map((g) => {
    const found = [...new Set(g.attachments.filter((a) => plan.vpcs[a.vpc] && !plan.vpcs[a.vpc].account).map((a) => sides[a.vpc]))];
    return [g.name, found.length > 0 ? found : ["requester" as const]];
  }));
}


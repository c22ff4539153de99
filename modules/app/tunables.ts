import type { IResolvable } from "cdktf";
import { terraformIdent } from "../core/names";
import type { TopologyPlan } from "./adapter";

// What a stack may read as a tunable value: the config's literal in a root stack, a Terraform
// variable in a module (modules/tf-module supplies those), so one stack class serves both.

/**
 * Values a stack reads by input name: the config's literal in a root stack, a Terraform variable
 * in a module, so the same constructs serve both.
 */
export interface Tunables {
  string(name: string, literal: string): string;
  number<T extends number | undefined>(name: string, literal: T): number | T;
  bool(name: string, literal: boolean): boolean | IResolvable;
  /** Element `index` of a list input. */
  element(name: string, index: number, literal: string): string;
  /** The module-wide tags map, or undefined when the stack applies tags another way. */
  readonly tags?: { [key: string]: string };
}

/** The root stack's tunables: the config's own values. */
export const literalTunables: Tunables = {
  string: (_name, literal) => literal,
  number: (_name, literal) => literal,
  bool: (_name, literal) => literal,
  element: (_name, _index, literal) => literal,
};

/** The two provider configurations a module caller passes (`aws.requester`, `aws.accepter`). */
export type ProviderSide = "requester" | "accepter";
export const PROVIDER_SIDES: readonly ProviderSide[] = ["requester", "accepter"];

export const ident = terraformIdent;

/** Variable names, one function per tunable, shared by the specs and the stack that reads them. */
export const inputName = {
  tags: () => "tags",
  vpcId: (vpc: string) => ident("vpc", vpc, "id"),
  vpcName: (vpc: string) => ident("vpc", vpc, "name"),
  routeTableIds: (vpc: string) => ident("vpc", vpc, "route_table_ids"),
  routeTableNames: (vpc: string) => ident("vpc", vpc, "route_table_names"),
  peeringName: (peering: string) => ident("peering", peering, "name"),
  dnsResolution: (peering: string, side: ProviderSide) => ident("peering", peering, side, "dns_resolution"),
  flowLogTrafficType: () => "flow_log_traffic_type",
  flowLogGroupName: () => "flow_log_group_name",
  flowLogRetentionInDays: () => "flow_log_retention_in_days",
  flowLogRoleName: () => "flow_log_role_name",
  recordTtl: (fqdn: string, type: string, vpc?: string) => ident("record", fqdn, ...(vpc ? [vpc] : []), type.toLowerCase(), "ttl"),
};

/**
 * Which caller provider each VPC uses: the requester side of its first peering, else accepter.
 * Flow logs go through the requester provider; a zone through its VPC's.
 */
export function providerSides(plan: TopologyPlan): Readonly<Record<string, ProviderSide>> {
  const sides: Record<string, ProviderSide> = {};
  for (const p of plan.peerings) {
    sides[p.requester] ??= "requester";
    sides[p.accepter] ??= "accepter";
  }
  for (const key of Object.keys(plan.vpcs)) sides[key] ??= "requester";
  return sides;
}


// Checks the real AWS provider makes in ValidateResourceConfig / ValidateDataResourceConfig
// that Terraform core does not: computed-only attributes set, required attributes null, and a
// few value checks (CIDR syntax, aws_route destination/target, flow-log traffic_type).
import type { BlockSchema } from "../schema/types";
import { cidrProblem } from "./cidr";
import { UNKNOWN, type Value } from "./cty";
import { error, type Diagnostic, type PathStep } from "./diagnostics";

type Obj = Record<string, Value>;

export function validateConfig(typeName: string, block: BlockSchema, config: Value): Diagnostic[] {
  if (!config || config === UNKNOWN) return [];
  const diags = validateBlock(block, config as Obj, []);
  const rule = typeRules[typeName];
  if (rule) diags.push(...rule(config as Obj));
  return diags;
}

function validateBlock(block: BlockSchema, obj: Obj, path: PathStep[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = obj[name];
    const p = [...path, name];
    if (attr.computed && !attr.optional && v !== null && v !== undefined) {
      diags.push(error("Computed attributes cannot be set", `Computed attributes cannot be set, but a value was set for "${name}".`, p));
    }
    if (attr.required && (v === null || v === undefined)) {
      diags.push(error("Missing required argument", `The argument "${name}" is required, but no definition was found.`, p));
    }
    if (isCidrArgument(name)) diags.push(...checkCidrs(name, v, p));
  }
  for (const [name, nb] of Object.entries(block.block_types)) {
    const v = obj[name];
    if (v === null || v === undefined || v === UNKNOWN) continue;
    if (nb.nesting_mode === "single") diags.push(...validateBlock(nb.block, v as Obj, [...path, name]));
    else if (Array.isArray(v)) {
      // Set elements have no index a path can name; the real SDK stops the path at the set.
      v.forEach((el, i) => {
        if (el && el !== UNKNOWN) diags.push(...validateBlock(nb.block, el as Obj, nb.nesting_mode === "list" ? [...path, name, i] : [...path, name]));
      });
    } else for (const [k, el] of Object.entries(v as Obj)) if (el && el !== UNKNOWN) diags.push(...validateBlock(nb.block, el as Obj, [...path, name, { key: k }]));
  }
  return diags;
}

export function isCidrArgument(name: string): boolean {
  return /(^|_)cidr_blocks?$/.test(name) || /^cidr_ipv[46]$/.test(name);
}

function checkCidrs(name: string, v: Value | undefined, path: PathStep[]): Diagnostic[] {
  const family = /ipv6/.test(name) ? 6 : 4;
  const values: Array<[Value, PathStep[]]> = Array.isArray(v) ? v.map((x, i) => [x, [...path, i]]) : [[v ?? null, path]];
  const out: Diagnostic[] = [];
  for (const [x, p] of values) {
    if (typeof x !== "string" || x === "") continue;
    const problem = cidrProblem(name, x, family);
    if (problem) out.push(error("Invalid CIDR block", problem, p));
  }
  return out;
}

const isSet = (v: Value | undefined) => v !== null && v !== undefined && v !== "";

/**
 * ExactlyOneOf as the SDK (helper/schema validateExactlyOneAttribute) reports it: an unknown
 * value is neither set nor unset (it may still become null), so it only defers the check.
 */
function exactlyOne(obj: Obj, names: string[]): Diagnostic[] {
  const unknown = names.filter((n) => obj[n] === UNKNOWN);
  const set = names.filter((n) => obj[n] !== UNKNOWN && isSet(obj[n]));
  const list = names.join(",");
  if (set.length === 1 || (set.length === 0 && unknown.length > 0)) return [];
  if (set.length === 0) {
    return [error("Invalid combination of arguments", `"${names[0]}": one of \`${list}\` must be specified`, [names[0]])];
  }
  return [error("Invalid combination of arguments", `"${set[0]}": only one of \`${list}\` can be specified, but \`${set.join(",")}\` were specified.`, [set[0]])];
}

function oneOf(obj: Obj, name: string, allowed: string[]): Diagnostic[] {
  const v = obj[name];
  if (typeof v !== "string" || allowed.includes(v)) return [];
  return [error("Invalid value", `expected ${name} to be one of ${JSON.stringify(allowed)}, got ${v}`, [name])];
}

const ROUTE_DESTINATIONS = ["destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"];
const ROUTE_TARGETS = [
  "carrier_gateway_id", "core_network_arn", "egress_only_gateway_id", "gateway_id", "local_gateway_id",
  "nat_gateway_id", "network_interface_id", "transit_gateway_id", "vpc_endpoint_id", "vpc_peering_connection_id",
];

const typeRules: Record<string, (o: Obj) => Diagnostic[]> = {
  aws_route: (o) => [...exactlyOne(o, ROUTE_DESTINATIONS), ...exactlyOne(o, ROUTE_TARGETS)],
  aws_flow_log: (o) => oneOf(o, "traffic_type", ["ACCEPT", "REJECT", "ALL"]),
};

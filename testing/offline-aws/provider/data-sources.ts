// ReadDataSource: find the one world record the arguments and filters select, as AWS would,
// and fail like the real provider when none or several match.
import type { BlockSchema } from "../schema/types";
import { UNKNOWN, type Value } from "./cty";
import { error, type Diagnostic } from "./diagnostics";
import { hashHex, plausible, type Context } from "./plausible";
import { filterValues, wildcardMatch, type World, type WorldRecord } from "./world";
import { awsManagedRecords } from "./endpoints";
import { TRANSIT_GATEWAY_LOOKUP } from "./transit";

type Obj = Record<string, Value>;

interface Lookup {
  collection: string;
  /** What the real provider calls the thing in its errors. */
  label: string;
  /** argument name -> record field, when they differ */
  args?: Record<string, string>;
  /** AWS filter name -> record field, when not just dashes to underscores */
  filters?: Record<string, string>;
  /** the data source whose record shape (derived attributes) a list data source matches on */
  recordOf?: string;
  /** the real provider's errors differ per data source */
  none?: (cfg: Obj) => string;
  many?: (n: number) => string;
}

const singular = (label: string) => ({
  none: () => `no matching ${label} found`,
  many: () => `multiple ${label}s matched; use additional constraints to reduce matches to a single ${label}`,
});

const LOOKUPS: Record<string, Lookup> = {
  aws_vpc: {
    collection: "vpcs", label: "EC2 VPC", ...singular("EC2 VPC"),
    filters: { "vpc-id": "id", cidr: "cidr_block", "cidr-block": "cidr_block", "cidr-block-association.cidr-block": "cidr_block", "is-default": "default" },
  },
  aws_subnet: { collection: "subnets", label: "EC2 Subnet", ...singular("EC2 Subnet"), filters: { "subnet-id": "id", "cidr-block": "cidr_block", "availability-zone": "availability_zone" } },
  aws_route_table: {
    // A table can hold many subnets' associations: subnet_id matches any of them, as in EC2.
    collection: "route_tables", label: "Route Table", args: { route_table_id: "id", subnet_id: "subnet_ids" },
    filters: { "route-table-id": "id", "association.subnet-id": "subnet_ids", "association.main": "main" },
    none: () => "query returned no results. Please change your search criteria and try again",
    many: () => "multiple Route Tables matched; use additional constraints to reduce matches to a single Route Table",
  },
  aws_lb: { collection: "load_balancers", label: "ELBv2 Load Balancer", ...singular("ELBv2 Load Balancer") },
  aws_alb: { collection: "load_balancers", label: "ELBv2 Load Balancer", ...singular("ELBv2 Load Balancer") },
  aws_elb: {
    collection: "classic_load_balancers", label: "ELB Classic Load Balancer",
    none: (c) => `reading ELB Classic Load Balancer (${String(c.name)}): couldn't find resource`,
  },
  aws_vpc_endpoint: { collection: "vpc_endpoints", label: "EC2 VPC Endpoint", ...singular("EC2 VPC Endpoint"), filters: { "vpc-endpoint-id": "id", "service-name": "service_name", "vpc-id": "vpc_id" } },
  aws_vpc_peering_connection: {
    collection: "vpc_peering_connections", label: "EC2 VPC Peering Connection", ...singular("EC2 VPC Peering Connection"),
    filters: {
      "vpc-peering-connection-id": "id", "status-code": "status",
      "requester-vpc-info.vpc-id": "vpc_id", "requester-vpc-info.cidr-block": "cidr_block", "requester-vpc-info.owner-id": "owner_id",
      "accepter-vpc-info.vpc-id": "peer_vpc_id", "accepter-vpc-info.cidr-block": "peer_cidr_block", "accepter-vpc-info.owner-id": "peer_owner_id",
    },
  },
  aws_route53_zone: {
    collection: "route53_zones", label: "Route 53 Hosted Zone", ...singular("Route 53 Hosted Zone"),
    args: { vpc_id: "vpc_ids" },
  },
  aws_prefix_list: {
    collection: "prefix_lists", label: "EC2 Prefix List", ...singular("EC2 Prefix List"),
    args: { prefix_list_id: "id" }, filters: { "prefix-list-id": "id", "prefix-list-name": "name" },
  },
  aws_ec2_transit_gateway: { ...TRANSIT_GATEWAY_LOOKUP, ...singular(TRANSIT_GATEWAY_LOOKUP.label) },
  aws_iam_role: { collection: "iam_roles", label: "IAM Role", none: (c) => `reading IAM Role (${String(c.name)}): couldn't find resource` },
};

/** Data sources that list the ids of every match (none is an empty list, as in EC2). */
const LISTS: Record<string, Lookup> = {
  aws_route_tables: { collection: "route_tables", label: "Route Table", recordOf: "aws_route_table", filters: LOOKUPS.aws_route_table.filters },
  aws_subnets: { collection: "subnets", label: "EC2 Subnet", recordOf: "aws_subnet", filters: LOOKUPS.aws_subnet.filters },
};

export function readDataSource(typeName: string, block: BlockSchema, config: Obj, world: World, region: string): { state?: Obj; diagnostics: Diagnostic[] } {
  const cfgRegion = typeof config.region === "string" ? config.region : region;
  const ctx: Context = { typeName, region: cfgRegion, account: world.account_id, seed: `${typeName}:${JSON.stringify(config)}`, fillCollections: true };
  let record: WorldRecord = fixedRecord(typeName, world, cfgRegion);
  // A log group's ARN is built from its name, as CloudWatch Logs reports it (flow logs check its shape).
  if (typeName === "aws_cloudwatch_log_group" && typeof config.name === "string") record = { arn: `arn:${world.partition ?? "aws"}:logs:${cfgRegion}:${world.account_id}:log-group:${config.name}` };
  const list = LISTS[typeName];
  if (list) {
    const ids = ((world[list.collection] as WorldRecord[] | undefined) ?? [])
      .filter((r) => !r.region || r.region === cfgRegion)
      .map((r) => ({ ...derived(list.recordOf!, r, ctx, world), ...r }))
      .filter((r) => matches(r, block, config, list))
      .map((r) => String(r.id));
    record = { id: cfgRegion, ids };
  }
  const lookup = LOOKUPS[typeName];
  if (lookup) {
    // Match on what AWS would report, derived attributes (ARNs, defaults) included.
    // What AWS manages (the gateway services' prefix lists) exists in every world.
    const all = [...((world[lookup.collection] as WorldRecord[] | undefined) ?? []), ...awsManagedRecords(lookup.collection, cfgRegion)]
      .filter((r) => !r.region || r.region === cfgRegion)
      .map((r) => ({ ...derived(typeName, r, ctx, world), ...r }));
    const found = all.filter((r) => matches(r, block, config, lookup));
    if (found.length !== 1) {
      const detail = found.length === 0 ? (lookup.none ?? singular(lookup.label).none)(config) : (lookup.many ?? singular(lookup.label).many)(found.length);
      return { diagnostics: [error(`reading ${lookup.label}`, detail)] };
    }
    record = found[0];
  }
  return { state: fill(block, config, record, ctx), diagnostics: [] };
}

/** Data sources answered from the world's top-level facts rather than a collection. */
function fixedRecord(typeName: string, world: World, region: string): WorldRecord {
  const partition = world.partition ?? "aws";
  switch (typeName) {
    case "aws_caller_identity":
      return { id: world.account_id, account_id: world.account_id, arn: world.caller?.arn ?? `arn:${partition}:iam::${world.account_id}:user/offline`, user_id: world.caller?.user_id ?? "AIDAOFFLINEOFFLINE" };
    case "aws_region":
      return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case "aws_partition":
      return { id: partition, partition, dns_suffix: "amazonaws.com", reverse_dns_prefix: "com.amazonaws" };
    default:
      return {};
  }
}

/** A VPC of the world in any of its accounts (a peering's other side may live in another one), with its owner. */
function anyVpc(world: World, id: unknown): (WorldRecord & { owner_id: string }) | undefined {
  const accounts: [string, WorldRecord[]][] = [[world.account_id, world.vpcs ?? []], ...Object.entries(world.accounts ?? {}).map(([a, w]): [string, WorldRecord[]] => [a, (w.vpcs as WorldRecord[] | undefined) ?? []])];
  for (const [account, vpcs] of accounts) {
    const v = vpcs.find((x) => x.id === id);
    if (v) return { owner_id: account, ...v };
  }
  return undefined;
}

const cidrSet = (v: WorldRecord | undefined) =>
  v && ((v.cidr_block_associations as { cidr_block: string }[] | undefined) ?? [{ cidr_block: v.cidr_block as string }]).map((a) => ({ cidr_block: a.cidr_block }));

/**
 * Attributes AWS derives from a record's own fields (ARNs from names, ids) or from other records
 * of the world (a VPC's main route table, the CIDRs of a peering's two VPCs).
 */
function derived(typeName: string, r: WorldRecord, ctx: Context, world: World): WorldRecord {
  const acct = (r.owner_id as string | undefined) ?? ctx.account;
  switch (typeName) {
    case "aws_vpc": {
      const main = (world.route_tables ?? []).find((t) => t.vpc_id === r.id && t.main === true);
      return { arn: `arn:aws:ec2:${ctx.region}:${acct}:vpc/${r.id}`, owner_id: acct, state: "available", default: false, instance_tenancy: "default", main_route_table_id: main?.id };
    }
    case "aws_route_table":
      // The world's own id, so a route planned into the wrong table shows (EC2 answers with it).
      return { route_table_id: r.id, owner_id: acct, main: false, arn: `arn:aws:ec2:${ctx.region}:${acct}:route-table/${r.id}` };
    case "aws_vpc_peering_connection": {
      const requester = anyVpc(world, r.vpc_id);
      const accepter = anyVpc(world, r.peer_vpc_id);
      return {
        owner_id: acct, peer_owner_id: accepter?.owner_id ?? acct, status: "active",
        requester_region: (requester?.region as string | undefined) ?? ctx.region, peer_region: (accepter?.region as string | undefined) ?? ctx.region,
        cidr_block: requester?.cidr_block, peer_cidr_block: accepter?.cidr_block, cidr_block_set: cidrSet(requester), peer_cidr_block_set: cidrSet(accepter),
      };
    }
    case "aws_iam_role":
      return { id: r.name, arn: `arn:aws:iam::${ctx.account}:role/${r.name}`, unique_id: `AROA${hashHex(String(r.name), 17).toUpperCase()}`, path: "/" };
    case "aws_lb":
    case "aws_alb":
      return {
        id: `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/app/${r.name}/${hashHex(String(r.name), 16)}`,
        arn: `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/app/${r.name}/${hashHex(String(r.name), 16)}`,
        dns_name: `${r.name}-${hashHex(String(r.name), 10)}.${ctx.region}.elb.amazonaws.com`, load_balancer_type: "application",
      };
    case "aws_elb":
      return { id: r.name, arn: `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:loadbalancer/${r.name}`, dns_name: `${r.name}-${hashHex(String(r.name), 10)}.${ctx.region}.elb.amazonaws.com` };
    default:
      return { owner_id: acct };
  }
}

function matches(r: WorldRecord, block: BlockSchema, config: Obj, lookup: Lookup): boolean {
  for (const [name, attr] of Object.entries(block.attributes)) {
    const want = config[name];
    if (!(attr.optional || attr.required) || want === null || want === undefined || name === "region") continue;
    const field = lookup.args?.[name] ?? name;
    if (name === "tags") {
      const tags = r.tags ?? {};
      if (!Object.entries(want as Obj).every(([k, v]) => tags[k] === v)) return false;
    } else if (typeof want !== "object") {
      const have = r[field] ?? r[name];
      if (Array.isArray(have) ? !have.map(String).includes(String(want)) : String(have) !== String(want)) return false;
    }
  }
  const filters = Array.isArray(config.filter) ? (config.filter as Obj[]) : [];
  return filters.every((f) => {
    const have = filterValues(r, String(f.name), lookup.filters ?? {});
    return ((f.values as string[]) ?? []).some((p) => have.some((h) => wildcardMatch(p, h)));
  });
}

/** Config values stay; computed attributes come from the record, else a plausible value. */
function fill(block: BlockSchema, config: Obj, record: WorldRecord, ctx: Context): Obj {
  const out: Obj = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const cfg = config[name];
    if (cfg !== null && cfg !== undefined && cfg !== UNKNOWN) out[name] = cfg;
    else if (!attr.computed) out[name] = null;
    else if (record[name] !== undefined) out[name] = record[name] as Value;
    else out[name] = plausible(name, attr.type, ctx);
  }
  for (const name of Object.keys(block.block_types)) out[name] = config[name] ?? null;
  return out;
}

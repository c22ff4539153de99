// Type- and name-appropriate stand-in values for computed attributes nobody told us about:
// ids look like AWS ids, ARNs like ARNs, CIDRs like CIDRs, so expressions over them evaluate.
import { createHash } from "crypto";
import type { CtyType } from "../schema/types";
import type { Value } from "./cty";

export interface Context {
  typeName: string;
  region: string;
  account: string;
  /** Makes values deterministic per resource: same config, same fake id. */
  seed: string;
  /** Data sources get one element in computed collections; resources get empty ones. */
  fillCollections: boolean;
}

export function hashHex(s: string, len = 17): string {
  return createHash("sha256").update(s).digest("hex").slice(0, len);
}

const ID_PREFIX: Record<string, string> = {
  aws_vpc: "vpc", aws_subnet: "subnet", aws_route_table: "rtb", aws_vpc_peering_connection: "pcx",
  aws_flow_log: "fl", aws_security_group: "sg", aws_vpc_security_group_ingress_rule: "sgr",
  aws_vpc_security_group_egress_rule: "sgr", aws_network_acl: "acl", aws_internet_gateway: "igw",
  aws_nat_gateway: "nat", aws_route_table_association: "rtbassoc", aws_eip: "eipalloc", aws_vpc_endpoint: "vpce",
  aws_ec2_transit_gateway: "tgw", aws_ec2_transit_gateway_route_table: "tgw-rtb", aws_ec2_transit_gateway_vpc_attachment: "tgw-attach", aws_ec2_transit_gateway_peering_attachment: "tgw-attach", aws_network_interface: "eni", aws_egress_only_internet_gateway: "eigw",
};

const ATTR_ID_PREFIX: Record<string, string> = {
  vpc_id: "vpc", subnet_id: "subnet", route_table_id: "rtb", vpc_peering_connection_id: "pcx",
  security_group_id: "sg", network_acl_id: "acl", gateway_id: "igw", nat_gateway_id: "nat",
  main_route_table_id: "rtb", default_route_table_id: "rtb", default_network_acl_id: "acl",
  default_security_group_id: "sg", dhcp_options_id: "dopt", association_id: "rtbassoc",
  ipv6_association_id: "vpc-cidr-assoc", security_group_rule_id: "sgr", transit_gateway_id: "tgw",
  network_interface_id: "eni", allocation_id: "eipalloc", vpc_endpoint_id: "vpce",
  transit_gateway_route_table_id: "tgw-rtb", transit_gateway_attachment_id: "tgw-attach",
};

const SERVICE: Record<string, string> = {
  iam: "iam", cloudwatch: "logs", route53: "route53", s3: "s3", lb: "elasticloadbalancing",
  elb: "elasticloadbalancing", alb: "elasticloadbalancing", kms: "kms", sns: "sns", sqs: "sqs",
};

export function fakeId(ctx: Context): string {
  const prefix = ID_PREFIX[ctx.typeName];
  if (prefix) return `${prefix}-${hashHex(ctx.seed)}`;
  if (ctx.typeName.startsWith("aws_route53")) return `Z${hashHex(ctx.seed, 20).toUpperCase()}`;
  return `${ctx.typeName.replace(/^aws_/, "").replace(/_/g, "-")}-${hashHex(ctx.seed, 12)}`;
}

export function fakeArn(ctx: Context, resourcePart: string): string {
  const family = ctx.typeName.replace(/^aws_/, "").split("_")[0];
  const service = SERVICE[family] ?? "ec2";
  const global = service === "iam" || service === "route53" || service === "s3";
  return `arn:aws:${service}:${global ? "" : ctx.region}:${service === "s3" ? "" : ctx.account}:${resourcePart}`;
}

function plausibleString(name: string, ctx: Context): string {
  const h = hashHex(`${ctx.seed}/${name}`);
  if (name === "id") return fakeId(ctx);
  if (name === "arn" || name.endsWith("_arn")) {
    return fakeArn(ctx, `${ctx.typeName.replace(/^aws_/, "").replace(/_/g, "-")}/${fakeId(ctx)}`);
  }
  if (ATTR_ID_PREFIX[name]) return `${ATTR_ID_PREFIX[name]}-${h}`;
  if (/(^|_)(owner_id|account_id)$/.test(name)) return ctx.account;
  if (/(^|_)region$/.test(name)) return ctx.region;
  if (/ipv6_cidr_block|cidr_ipv6/.test(name)) return "2600:1f14:abc:de00::/56";
  if (/cidr/.test(name)) return "10.0.0.0/16";
  if (name === "availability_zone" || name === "name" && ctx.typeName === "aws_availability_zone") return `${ctx.region}a`;
  if (name === "availability_zone_id" || name === "zone_ids") return "usw2-az1";
  if (name === "accept_status") return "active";
  if (name === "state" || name === "status") return "available";
  if (name === "instance_tenancy") return "default";
  if (name === "unique_id") return `AROA${h.toUpperCase()}`;
  if (name === "zone_id" || name === "hosted_zone_id") return `Z${h.toUpperCase()}`;
  if (name === "dns_name" || name === "fqdn") return `${h}.${ctx.region}.elb.amazonaws.com`;
  if (/(_date|_time|^created|_at)$/.test(name)) return "2025-01-01T00:00:00Z";
  if (name === "partition") return "aws";
  if (name === "dns_suffix") return "amazonaws.com";
  if (/name_servers?$/.test(name)) return "ns-1.awsdns-01.org";
  if (name === "names") return `${ctx.region}a`;
  if (/_id$/.test(name)) return `${name.slice(0, -3).replace(/_/g, "-")}-${h}`;
  return `${name.replace(/_/g, "-")}-${h.slice(0, 8)}`;
}

/** A plausible known value of type `t` for the attribute `name`. */
export function plausible(name: string, t: CtyType, ctx: Context): Value {
  if (t === "string") return plausibleString(name, ctx);
  if (t === "bool") return /^enable_dns_(support|hostnames)$/.test(name);
  if (t === "number") return 0;
  if (t === "dynamic") return null;
  const [kind, inner] = t;
  if (kind === "object") {
    const out: Record<string, Value> = {};
    for (const [k, at] of Object.entries(inner as Record<string, CtyType>)) out[k] = plausible(k, at, { ...ctx, seed: `${ctx.seed}/${name}` });
    return out;
  }
  if (kind === "map") return {};
  if (!ctx.fillCollections) return [];
  const element = name.endsWith("s") ? name.slice(0, -1) : name;
  return [plausible(element === "name" ? "names" : element, inner as CtyType, ctx)];
}

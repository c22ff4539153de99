// Managed resources: plan marks what AWS would decide as unknown; apply invents it
// deterministically (same config, same ids), so a second plan shows no changes.
import type { BlockSchema } from "../schema/types";
import { UNKNOWN, type Value } from "./cty";
import { fakeArn, fakeId, hashHex, plausible, type Context } from "./plausible";
import { endpointAttributes } from "./endpoints";
import { ramAttributes } from "./ram";
import { transitAttributes } from "./transit";
import { transitAccepterAttributes } from "./transit-accepters";

type Obj = Record<string, Value>;

/**
 * The planned state. On create, computed attributes the configuration leaves null become unknown
 * (AWS decides them); on update they keep what the prior state holds, as the real provider's
 * plan does, so an imported object whose configuration matches plans no change. `tags_all` is
 * the provider's default tags with the resource's own tags over them.
 */
export function planResource(block: BlockSchema, proposed: Value, region: string, prior: Value = null, defaultTags: Readonly<Record<string, string>> = {}): Value {
  if (proposed === null) return null; // destroy
  const out = prior === null ? markUnknown(block, proposed as Obj) : { ...(proposed as Obj) };
  if (prior !== null) {
    // The legacy SDK does not tell an empty map or list from null: no change between them.
    for (const name of Object.keys(block.attributes)) if ((prior as Obj)[name] === null && isEmpty(out[name])) out[name] = null;
  }
  const attrs = block.attributes;
  if (attrs.region?.computed && (out.region === UNKNOWN || out.region === null)) out.region = region;
  const tags = out.tags;
  if (attrs.tags_all?.computed && tags !== UNKNOWN) out.tags_all = { ...defaultTags, ...((tags as Obj | null) ?? {}) };
  return out;
}

const isEmpty = (v: Value) => v !== UNKNOWN && (Array.isArray(v) ? v.length === 0 : v !== null && typeof v === "object" && Object.keys(v).length === 0);

function markUnknown(block: BlockSchema, obj: Obj): Obj {
  const out: Obj = { ...obj };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.computed && (out[name] === null || out[name] === undefined)) out[name] = UNKNOWN;
  }
  for (const [name, nb] of Object.entries(block.block_types)) {
    const v = out[name];
    if (v === null || v === undefined || v === UNKNOWN) continue;
    if (nb.nesting_mode === "single") out[name] = markUnknown(nb.block, v as Obj);
    else if (Array.isArray(v)) out[name] = v.map((el) => (el && el !== UNKNOWN ? markUnknown(nb.block, el as Obj) : el));
    else out[name] = Object.fromEntries(Object.entries(v as Obj).map(([k, el]) => [k, markUnknown(nb.block, el as Obj)]));
  }
  return out;
}

export function applyResource(typeName: string, block: BlockSchema, planned: Value, region: string, account: string): Value {
  if (planned === null) return null; // destroyed
  const p = planned as Obj;
  const known = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== UNKNOWN));
  const ctx: Context = { typeName, region: typeof p.region === "string" ? p.region : region, account, seed: `${typeName}:${JSON.stringify(known)}`, fillCollections: false };
  const special = typeSpecific(typeName, p, ctx);
  return resolveUnknowns(block, p, ctx, special);
}

function resolveUnknowns(block: BlockSchema, obj: Obj, ctx: Context, special: Obj = {}): Obj {
  const out: Obj = { ...obj };
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (out[name] !== UNKNOWN) continue;
    out[name] = special[name] !== undefined ? special[name] : plausible(name, attr.type, ctx);
  }
  for (const [name, nb] of Object.entries(block.block_types)) {
    const v = out[name];
    if (v === null || v === undefined || v === UNKNOWN) continue;
    if (nb.nesting_mode === "single") out[name] = resolveUnknowns(nb.block, v as Obj, ctx);
    else if (Array.isArray(v)) out[name] = v.map((el, i) => resolveUnknowns(nb.block, el as Obj, { ...ctx, seed: `${ctx.seed}/${name}/${i}` }));
  }
  return out;
}

/** Ids and ARNs shaped the way the real provider builds them for the types we use. */
function typeSpecific(typeName: string, obj: Obj, ctx: Context): Obj {
  const p = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const id = fakeId(ctx);
  const name = p.name || `terraform-${hashHex(ctx.seed, 20)}`;
  switch (typeName) {
    case "aws_cloudwatch_log_group":
      return { id: name, name, arn: `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}` };
    case "aws_iam_role":
      return { id: name, name, arn: `arn:aws:iam::${ctx.account}:role/${name}`, unique_id: `AROA${hashHex(name).toUpperCase()}`, create_date: "2025-01-01T00:00:00Z" };
    case "aws_iam_role_policy":
      return { id: `${p.role}:${name}`, name };
    // EC2 gives a VPC an IPv6 block only when asked: without one, the provider reads "" (two
    // created VPCs would otherwise share the plausible block and their peering fail as overlapping).
    case "aws_vpc":
      return obj.assign_generated_ipv6_cidr_block === true ? {} : { ipv6_cidr_block: "", ipv6_association_id: "" };
    case "aws_vpc_peering_connection":
      return { id, arn: fakeArn(ctx, `vpc-peering-connection/${id}`), accept_status: obj.auto_accept === true ? "active" : "pending-acceptance" };
    case "aws_vpc_peering_connection_options":
    case "aws_vpc_peering_connection_accepter":
      return { id: p.vpc_peering_connection_id, accept_status: "active" };
    case "aws_route":
      return { id: `r-${p.route_table_id}${hashHex(ctx.seed, 10).replace(/[a-f]/g, "")}`, state: "active", origin: "CreateRoute" };
    case "aws_flow_log":
      return { id, arn: fakeArn(ctx, `vpc-flow-log/${id}`) };
    case "aws_route53_zone":
      return { id, zone_id: id, arn: `arn:aws:route53:::hostedzone/${id}`, name_servers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"] };
    case "aws_route53_record":
      return { id: `${p.zone_id}_${p.name}_${p.type}`, fqdn: p.name };
    // The provider's id joins the zone and the VPC with a comma: the VPC's account, applying the
    // association through another provider configuration, finds the authorization by it.
    case "aws_route53_vpc_association_authorization":
      return { id: `${p.zone_id},${p.vpc_id}` };
    case "aws_vpc_endpoint":
      return endpointAttributes(obj, ctx);
    case "aws_s3_bucket":
      return { id: p.bucket, bucket: p.bucket, arn: `arn:aws:s3:::${p.bucket}`, bucket_domain_name: `${p.bucket}.s3.amazonaws.com` };
    default:
      return transitAttributes(typeName, obj, ctx) ?? transitAccepterAttributes(typeName, obj, ctx) ?? ramAttributes(typeName, obj, ctx) ?? { id };
  }
}

/**
 * The state of an existing object Terraform imports: the world record's values for the
 * attributes and blocks the schema has, and null (or none) for the rest, as a read would fill.
 */
export function importedState(block: BlockSchema, record: Obj, region: string, defaultTags: Readonly<Record<string, string>> = {}): Obj {
  const out: Obj = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = record[name];
    out[name] = v !== undefined ? v : name === "region" && attr.computed ? region : null;
  }
  if ("tags" in block.attributes) {
    // What AWS holds is every tag; the provider reads back as `tags` those the default tags do not
    // already give with the same value.
    const all = (record.tags_all ?? record.tags ?? {}) as Record<string, string>;
    const own = Object.entries(all).filter(([k, v]) => defaultTags[k] !== v);
    out.tags = own.length > 0 ? Object.fromEntries(own) : null;
    if ("tags_all" in block.attributes) out.tags_all = all;
  }
  for (const [name, nb] of Object.entries(block.block_types)) {
    const v = record[name];
    if (v === undefined || v === null) out[name] = nb.nesting_mode === "single" ? null : nb.nesting_mode === "map" ? {} : [];
    else if (nb.nesting_mode === "single") out[name] = importedState(nb.block, v as Obj, region, defaultTags);
    else out[name] = (v as Obj[]).map((el) => importedState(nb.block, el, region, defaultTags));
  }
  return out;
}

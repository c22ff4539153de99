// VPC endpoints in the stand-in: the AWS-managed prefix lists that gateway services route to
// (answering data.aws_prefix_list), what AWS decides for a new endpoint (its DNS entries, prefix
// list, network interfaces). What AWS refuses of an endpoint is in rules/endpoints.ts.
import type { Value } from "./cty";
import { fakeArn, fakeId, hashHex, type Context } from "./plausible";
import type { WorldRecord } from "./world";

type Obj = Record<string, Value>;

/** Services whose endpoints are gateways: each region has one AWS-managed prefix list per service. */
const GATEWAY_SERVICES = ["s3", "dynamodb"];

/** What every region holds whatever the world says: `com.amazonaws.<region>.s3` and `.dynamodb`, with stand-in ranges. */
export function awsManagedRecords(collection: string, region: string): WorldRecord[] {
  if (collection !== "prefix_lists") return [];
  return GATEWAY_SERVICES.map((service, i) => ({
    id: prefixListId(region, service),
    prefix_list_id: prefixListId(region, service),
    name: `com.amazonaws.${region}.${service}`,
    cidr_blocks: [`52.${16 + i * 32}.0.0/15`, `3.${5 + i}.0.0/16`],
    owner_id: "AWS",
  }));
}

const prefixListId = (region: string, service: string) => `pl-${hashHex(`${region}/${service}`, 8)}`;

/** The attributes AWS gives an endpoint it creates. */
export function endpointAttributes(obj: Obj, ctx: Context): Obj {
  const id = fakeId(ctx);
  const serviceName = typeof obj.service_name === "string" ? obj.service_name : "";
  const service = serviceName.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
  const gateway = (obj.vpc_endpoint_type ?? "Gateway") === "Gateway";
  const subnets = Array.isArray(obj.subnet_ids) ? obj.subnet_ids : [];
  return {
    id,
    arn: fakeArn(ctx, `vpc-endpoint/${id}`),
    state: "available",
    owner_id: ctx.account,
    requester_managed: false,
    prefix_list_id: gateway ? prefixListId(ctx.region, service) : null,
    cidr_blocks: gateway ? awsManagedRecords("prefix_lists", ctx.region).find((p) => p.name === serviceName)?.cidr_blocks as Value ?? [] : [],
    network_interface_ids: gateway ? [] : subnets.map((_, i) => `eni-${hashHex(`${ctx.seed}/eni/${i}`)}`),
    // The first entry is the regional name; then one per availability zone.
    dns_entry: gateway ? [] : [{ dns_name: `${id}-${hashHex(ctx.seed, 8)}.${service}.${ctx.region}.vpce.amazonaws.com`, hosted_zone_id: "Z1YSA3EXCYUU9Z" }],
  };
}

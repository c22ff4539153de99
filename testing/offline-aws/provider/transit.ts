// Transit Gateway in the stand-in: what AWS decides for a new gateway, route table or attachment
// (ids shaped as EC2 gives them, the gateway's own default tables), and how
// data.aws_ec2_transit_gateway finds a world's `transit_gateways` record.
import type { Value } from "./cty";
import { fakeArn, hashHex, type Context } from "./plausible";

type Obj = Record<string, Value>;

const id = (prefix: string, ctx: Context) => `${prefix}-${hashHex(ctx.seed)}`;

/** The attributes AWS gives a transit gateway object it creates, by type; undefined for other types. */
export function transitAttributes(typeName: string, obj: Obj, ctx: Context): Obj | undefined {
  switch (typeName) {
    case "aws_ec2_transit_gateway": {
      const tgw = id("tgw", ctx);
      // With default association/propagation off AWS still makes the default table; it routes nothing.
      const table = `tgw-rtb-${hashHex(`${ctx.seed}/default`)}`;
      return { id: tgw, arn: fakeArn(ctx, `transit-gateway/${tgw}`), owner_id: ctx.account, association_default_route_table_id: table, propagation_default_route_table_id: table, amazon_side_asn: obj.amazon_side_asn ?? 64512 };
    }
    case "aws_ec2_transit_gateway_route_table": {
      const table = id("tgw-rtb", ctx);
      return { id: table, arn: fakeArn(ctx, `transit-gateway-route-table/${table}`), default_association_route_table: false, default_propagation_route_table: false };
    }
    case "aws_ec2_transit_gateway_vpc_attachment":
      return { id: id("tgw-attach", ctx), vpc_owner_id: ctx.account };
    case "aws_ec2_transit_gateway_route_table_association":
    case "aws_ec2_transit_gateway_route_table_propagation":
      // The provider's id: <route table id>_<attachment id>.
      return { id: `${String(obj.transit_gateway_route_table_id)}_${String(obj.transit_gateway_attachment_id)}`, resource_id: String(obj.transit_gateway_attachment_id).replace(/^tgw-attach-/, "vpc-"), resource_type: "vpc" };
    case "aws_ec2_transit_gateway_route":
      return { id: `${String(obj.transit_gateway_route_table_id)}_${String(obj.destination_cidr_block)}` };
    default:
      return undefined;
  }
}

/** The lookup of data.aws_ec2_transit_gateway: the world's `transit_gateways`, by id, filters or tags. */
export const TRANSIT_GATEWAY_LOOKUP = {
  collection: "transit_gateways",
  label: "EC2 Transit Gateway",
  filters: { "transit-gateway-id": "id", "owner-id": "owner_id", state: "state" },
};

// Transit Gateway acceptance in the stand-in: a VPC attachment made from another account and
// accepted by the gateway's owner, and a TGW peering attachment between two gateways (requested
// by one, accepted in the peer's region). An accepter is named by the attachment it accepts.
import type { Value } from "./cty";
import { fakeArn, hashHex, type Context } from "./plausible";
import { appliedById } from "./rules/ledger";

type Obj = Record<string, Value>;

/** The attributes AWS gives these objects, by type; undefined for other types. */
export function transitAccepterAttributes(typeName: string, obj: Obj, ctx: Context): Obj | undefined {
  switch (typeName) {
    case "aws_ec2_transit_gateway_vpc_attachment_accepter": {
      // What the accepted attachment says (made by the VPC's account earlier in the run).
      const made = appliedById("aws_ec2_transit_gateway_vpc_attachment", String(obj.transit_gateway_attachment_id))?.values ?? {};
      const pick = (k: string) => (made[k] !== undefined ? { [k]: made[k] } : {});
      return { id: String(obj.transit_gateway_attachment_id), ...pick("transit_gateway_id"), ...pick("vpc_id"), ...pick("subnet_ids"), ...pick("dns_support"), ...pick("ipv6_support"), ...pick("appliance_mode_support"), vpc_owner_id: typeof made.vpc_owner_id === "string" ? made.vpc_owner_id : ctx.account };
    }
    case "aws_ec2_transit_gateway_peering_attachment": {
      const id = `tgw-attach-${hashHex(ctx.seed)}`;
      return { id, arn: fakeArn(ctx, `transit-gateway-attachment/${id}`), peer_account_id: typeof obj.peer_account_id === "string" && obj.peer_account_id ? obj.peer_account_id : ctx.account, state: "pendingAcceptance" };
    }
    case "aws_ec2_transit_gateway_peering_attachment_accepter": {
      const made = appliedById("aws_ec2_transit_gateway_peering_attachment", String(obj.transit_gateway_attachment_id))?.values ?? {};
      // Seen from the accepter's side, the requester's gateway is the peer.
      return { id: String(obj.transit_gateway_attachment_id), ...(made.transit_gateway_id !== undefined ? { peer_transit_gateway_id: made.transit_gateway_id, transit_gateway_id: made.peer_transit_gateway_id } : {}), ...(typeof made.region === "string" ? { peer_region: made.region } : {}), peer_account_id: typeof made.account_id === "string" ? made.account_id : ctx.account };
    }
    default:
      return undefined;
  }
}

// Transit Gateway: the gateway's enable/disable switches and ASN at validate; what EC2 refuses at
// apply (a second attachment of one VPC to a gateway, two attachment subnets in one zone, a
// second static route for one prefix in a TGW route table, a route with neither target), and
// across accounts and regions (an attachment to a gateway not shared with its account, an
// acceptance by the wrong account or region, a peering attachment propagated).
import { customRule, enumRule, error, valueRule } from "./check";
import type { Ledger } from "./ledger";
import { shareOf } from "./ram";
import type { Obj, Rule, RuleContext, Skipped } from "./types";

const TGW = "internal/service/ec2/transitgateway_.go";
const ATTACH = "internal/service/ec2/transitgateway_vpc_attachment.go";
const ROUTE = "internal/service/ec2/transitgateway_route.go";
const ACCEPT = "internal/service/ec2/transitgateway_vpc_attachment_accepter.go";
const PEER_ACCEPT = "internal/service/ec2/transitgateway_peering_attachment_accepter.go";
const PROPAGATION = "internal/service/ec2/transitgateway_route_table_propagation.go";
const AWS_TGW = "AWS Transit Gateway docs (CreateTransitGatewayVpcAttachment / CreateTransitGatewayRoute errors, quotas); passed through by ";
const SWITCH = ["disable", "enable"];
const ASN = [[64512, 65534], [4200000000, 4294967294]];
const switches = (type: string, source: string, names: string[]) => names.map((n) => enumRule({ id: `${type.replace(/^aws_ec2_/, "")}.${n}.enum`, type, source, summary: `${n}: enable or disable` }, n, SWITCH));

/** A gateway made in this run or in the world (any account), with its owner and ARN. */
function gatewayOf(ledger: Ledger | undefined, id: unknown): { owner: string; arn?: string } | undefined {
  if (typeof id !== "string" || !ledger) return undefined;
  const made = ledger.lookup("aws_ec2_transit_gateway", id);
  if (made) return { owner: made.account, arn: typeof made.values.arn === "string" ? made.values.arn : undefined };
  const rec = ledger.worldRecords("transit_gateways").find((t) => t.id === id);
  return rec ? { owner: rec.account_id, arn: typeof rec.arn === "string" ? rec.arn : undefined } : undefined;
}

/** Whether a gateway owned by another account reaches this one through RAM: in a share, associated with this account and, by invitation, accepted. */
function sharedWith(ctx: RuleContext, arn: string | undefined): boolean {
  const ledger = ctx.ledger!;
  return ledger.everywhere("aws_ram_resource_association").some((r) => {
    if (r.values.resource_arn !== arn) return false;
    const share = shareOf(ledger, r.values.resource_share_arn);
    if (!share) return false;
    const principal = ledger.everywhere("aws_ram_principal_association").some((p) => p.values.resource_share_arn === share.values.arn && p.values.principal === ctx.account);
    const accepted = share.values.allow_external_principals === false || ledger.everywhere("aws_ram_resource_share_accepter").some((a) => a.values.share_arn === share.values.arn && a.account === ctx.account);
    return principal && accepted;
  });
}

export const rules: Rule[] = [
  ...switches("aws_ec2_transit_gateway", TGW, ["auto_accept_shared_attachments", "default_route_table_association", "default_route_table_propagation", "dns_support", "multicast_support", "vpn_ecmp_support"]),
  ...switches("aws_ec2_transit_gateway_vpc_attachment", ATTACH, ["appliance_mode_support", "dns_support", "ipv6_support"]),
  valueRule({ id: "transit_gateway.amazon_side_asn.range", type: "aws_ec2_transit_gateway", source: TGW + " (verify.ValidAmazonSideASN)", summary: "amazon_side_asn: 64512-65534 or 4200000000-4294967294" }, "amazon_side_asn",
    (v) => (typeof v === "number" && !ASN.some(([lo, hi]) => v >= lo && v <= hi) ? `invalid value for amazon_side_asn (must be in range 64512-65534 or 4200000000-4294967294): ${v}` : undefined), "Invalid value", { bad: 100, good: 64512 }),
  customRule({ id: "transit_gateway_vpc_attachment.vpc.duplicate", step: "apply", type: "aws_ec2_transit_gateway_vpc_attachment", source: AWS_TGW + ATTACH, summary: "One VPC attachment per VPC per transit gateway (DuplicateTransitGatewayAttachment)", onCreateOnly: true }, (o, ctx) => {
    const first = ctx.ledger?.of("aws_ec2_transit_gateway_vpc_attachment").find((a) => a.values.id !== o.id && a.values.vpc_id === o.vpc_id && a.values.transit_gateway_id === o.transit_gateway_id);
    return first ? [error("creating EC2 Transit Gateway VPC Attachment", `vpc_id: DuplicateTransitGatewayAttachment: ${String(o.transit_gateway_id)} has non-deleted Transit Gateway Attachment ${String(first.values.id)} with the same VPC ${String(o.vpc_id)}.`, ["vpc_id"])] : [];
  }),
  customRule({ id: "transit_gateway_vpc_attachment.subnet_ids.one_per_zone", step: "apply", type: "aws_ec2_transit_gateway_vpc_attachment", source: AWS_TGW + ATTACH, summary: "At most one subnet per availability zone (DuplicateSubnetsInSameZone)", onCreateOnly: true }, (o, ctx) => {
    const subnets = Array.isArray(o.subnet_ids) ? o.subnet_ids.map(String) : [];
    const zoneOf = (id: string): string | undefined => {
      const zone = ctx.ledger?.worldRecords("subnets").find((s) => s.id === id)?.availability_zone ?? ctx.ledger?.lookup("aws_subnet", id)?.values.availability_zone;
      return typeof zone === "string" ? zone : undefined;
    };
    const seen = new Map<string, string>();
    for (const s of subnets) {
      const zone = zoneOf(s);
      if (!zone) continue;
      if (seen.has(zone)) return [error("creating EC2 Transit Gateway VPC Attachment", `subnet_ids: DuplicateSubnetsInSameZone: Duplicate Subnets for same AZ: ${seen.get(zone)} and ${s} are both in ${zone}.`, ["subnet_ids"])];
      seen.set(zone, s);
    }
    return [];
  }),
  customRule({ id: "transit_gateway_route.target.one_of", step: "apply", type: "aws_ec2_transit_gateway_route", source: AWS_TGW + ROUTE, summary: "A TGW route names an attachment or is a blackhole, not both, not neither" }, (o) => {
    const attachment = typeof o.transit_gateway_attachment_id === "string" && o.transit_gateway_attachment_id !== "";
    const blackhole = o.blackhole === true;
    return attachment === blackhole ? [error("creating EC2 Transit Gateway Route", `${attachment ? "blackhole" : "transit_gateway_attachment_id"}: InvalidParameterCombination: ${attachment ? "a blackhole route cannot name an attachment" : "give transit_gateway_attachment_id or blackhole = true"}.`, [attachment ? "blackhole" : "transit_gateway_attachment_id"])] : [];
  }),
  customRule({ id: "transit_gateway_route.destination.duplicate", step: "apply", type: "aws_ec2_transit_gateway_route", source: AWS_TGW + ROUTE, summary: "One static route per prefix in a TGW route table (RouteAlreadyExists)", onCreateOnly: true }, (o, ctx) => {
    const same = ctx.ledger?.of("aws_ec2_transit_gateway_route").find((r: { values: Obj }) => r.values.id !== o.id && r.values.transit_gateway_route_table_id === o.transit_gateway_route_table_id && r.values.destination_cidr_block === o.destination_cidr_block);
    return same ? [error("creating EC2 Transit Gateway Route", `destination_cidr_block: RouteAlreadyExists: Route ${String(o.destination_cidr_block)} already exists in Transit Gateway Route Table ${String(o.transit_gateway_route_table_id)}.`, ["destination_cidr_block"])] : [];
  }),
  customRule({ id: "transit_gateway_vpc_attachment.transit_gateway.shared", step: "apply", type: "aws_ec2_transit_gateway_vpc_attachment", source: AWS_TGW + ATTACH, summary: "Another account's gateway is usable only once shared through RAM with this account (and the invitation accepted) (InvalidTransitGatewayID.NotFound)", onCreateOnly: true }, (o, ctx) => {
    const tgw = gatewayOf(ctx.ledger, o.transit_gateway_id);
    if (!tgw || tgw.owner === ctx.account || sharedWith(ctx, tgw.arn)) return [];
    return [error("creating EC2 Transit Gateway VPC Attachment", `transit_gateway_id: InvalidTransitGatewayID.NotFound: Transit Gateway ${String(o.transit_gateway_id)} was deleted or does not exist in account ${ctx.account}: its owner ${tgw.owner} must share it with this account through RAM (resource share, resource and principal associations) and, outside an organization, this account must accept the invitation first.`, ["transit_gateway_id"])];
  }),
  customRule({ id: "transit_gateway_vpc_attachment_accepter.attachment.pending", step: "apply", type: "aws_ec2_transit_gateway_vpc_attachment_accepter", source: AWS_TGW + ACCEPT, summary: "Only the gateway's owner accepts, and only an attachment another account made (IncorrectState / InvalidTransitGatewayAttachmentID.NotFound)", onCreateOnly: true }, (o, ctx) => {
    const made = typeof o.transit_gateway_attachment_id === "string" ? ctx.ledger?.lookup("aws_ec2_transit_gateway_vpc_attachment", o.transit_gateway_attachment_id) : undefined;
    if (!made) return [];
    const tgw = gatewayOf(ctx.ledger, made.values.transit_gateway_id);
    if (tgw && tgw.owner !== ctx.account) return [error("accepting EC2 Transit Gateway VPC Attachment", `transit_gateway_attachment_id: InvalidTransitGatewayAttachmentID.NotFound: ${String(o.transit_gateway_attachment_id)} is not an attachment to a gateway of account ${ctx.account}: accept it through the provider of the gateway's owner ${tgw.owner}.`, ["transit_gateway_attachment_id"])];
    if (made.account === ctx.account) return [error("accepting EC2 Transit Gateway VPC Attachment", `transit_gateway_attachment_id: IncorrectState: ${String(o.transit_gateway_attachment_id)} is in invalid state available: an attachment made by the gateway's own account needs no acceptance; remove the accepter.`, ["transit_gateway_attachment_id"])];
    return [];
  }),
  customRule({ id: "transit_gateway_peering_attachment_accepter.region.peer", step: "apply", type: "aws_ec2_transit_gateway_peering_attachment_accepter", source: AWS_TGW + PEER_ACCEPT, summary: "A TGW peering is accepted in the peer gateway's region and account (InvalidTransitGatewayAttachmentID.NotFound)", onCreateOnly: true }, (o, ctx) => {
    const made = typeof o.transit_gateway_attachment_id === "string" ? ctx.ledger?.lookup("aws_ec2_transit_gateway_peering_attachment", o.transit_gateway_attachment_id) : undefined;
    if (!made) return [];
    const region = typeof o.region === "string" && o.region ? o.region : ctx.region;
    const peerAccount = typeof made.values.peer_account_id === "string" && made.values.peer_account_id ? made.values.peer_account_id : made.account;
    if (made.values.peer_region === region && peerAccount === ctx.account) return [];
    return [error("accepting EC2 Transit Gateway Peering Attachment", `transit_gateway_attachment_id: InvalidTransitGatewayAttachmentID.NotFound: ${String(o.transit_gateway_attachment_id)} does not exist in ${region} for account ${ctx.account}: accept it in the peer's region ${String(made.values.peer_region)} (region argument) with account ${peerAccount}'s provider.`, ["transit_gateway_attachment_id"])];
  }),
  customRule({ id: "transit_gateway_route_table_propagation.attachment.peering", step: "apply", type: "aws_ec2_transit_gateway_route_table_propagation", source: AWS_TGW + PROPAGATION, summary: "A TGW peering attachment cannot propagate: the other region's blocks need static routes", onCreateOnly: true }, (o, ctx) => {
    const id = o.transit_gateway_attachment_id;
    const peering = typeof id === "string" && (ctx.ledger?.lookup("aws_ec2_transit_gateway_peering_attachment", id) ?? ctx.ledger?.lookup("aws_ec2_transit_gateway_peering_attachment_accepter", id));
    return peering ? [error("enabling EC2 Transit Gateway Route Table Propagation", `transit_gateway_attachment_id: InvalidParameterValue: ${String(id)} is a peering attachment, which does not support route propagation: add static routes (aws_ec2_transit_gateway_route) to the peer's blocks instead.`, ["transit_gateway_attachment_id"])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "transit_gateway.quota.route_tables", step: "apply", types: ["aws_ec2_transit_gateway_route_table"], source: AWS_TGW + TGW, summary: "20 route tables per transit gateway (adjustable)", why: "checked before synthesis by core/transit.ts; the stand-in does not know an account's raised quota" },
  { id: "transit_gateway_route_table_association.attachment.one_table", step: "apply", types: ["aws_ec2_transit_gateway_route_table_association"], source: AWS_TGW + "internal/service/ec2/transitgateway_route_table_association.go", summary: "An attachment is associated with one route table (Resource.AlreadyAssociated)", why: "our constructs make one association per attachment; existing associations of looked-up gateways are not in the world" },
];

// VPC peering: aws_vpc_peering_connection, _accepter and _options. The provider's own checks
// (peer_region with auto_accept; options only on an active connection) and what EC2 refuses when
// a connection is created or accepted (overlapping blocks, a second connection of one pair, a
// connection to itself, the accepter in another region or account, the per-VPC quota).
import { cidrsOverlap } from "../cidr";
import { customRule, error, isSet, str } from "./check";
import { hasOptions, peeringFacts, vpcFacts, type Ledger } from "./ledger";
import type { Obj, Rule, RuleContext, Skipped } from "./types";

const CONNECTION = "internal/service/ec2/vpc_peering_connection.go";
const ACCEPTER = "internal/service/ec2/vpc_peering_connection_accepter.go";
const OPTIONS = "internal/service/ec2/vpc_peering_connection_options.go";
const AWS_PEERING = "AWS VPC peering docs (peering limitations, quotas); passed through by " + CONNECTION;

const regionOf = (o: Obj, ctx: RuleContext) => str(o.region) || ctx.region;
const sideOf = (o: Obj, ctx: RuleContext) => ({ region: regionOf(o, ctx), account: ctx.account });

/** The connections that exist or were made in this run between the same two VPCs (either way round). */
function samePair(ledger: Ledger, a: string, b: string, selfId: unknown): string[] {
  const pair = (x: unknown, y: unknown) => (x === a && y === b) || (x === b && y === a);
  const live = (s: unknown) => !["deleted", "rejected", "failed", "expired", "deleting"].includes(String(s ?? "active"));
  const made = ledger.of("aws_vpc_peering_connection").filter((c) => c.values.id !== selfId && pair(c.values.vpc_id, c.values.peer_vpc_id)).map((c) => String(c.values.id));
  const existing = ledger.worldRecords("vpc_peering_connections").filter((c) => pair(c.vpc_id, c.peer_vpc_id) && live(c.status)).map((c) => String(c.id));
  return [...made, ...existing];
}

function activeCount(ledger: Ledger, vpc: string): number {
  const made = ledger.of("aws_vpc_peering_connection").filter((c) => c.values.vpc_id === vpc || c.values.peer_vpc_id === vpc).length;
  const existing = ledger.worldRecords("vpc_peering_connections").filter((c) => (c.vpc_id === vpc || c.peer_vpc_id === vpc) && String(c.status ?? "active") === "active").length;
  return made + existing;
}

const notActive = (id: string, status: string) =>
  `Unable to modify EC2 VPC Peering Connection Options. EC2 VPC Peering Connection (${id}) is not active (current status: ${status}). Please set the \`auto_accept\` attribute to \`true\` or activate the EC2 VPC Peering Connection manually.`;

export const rules: Rule[] = [
  customRule({ id: "peering.peer_region.auto_accept", step: "apply", type: "aws_vpc_peering_connection", source: CONNECTION, summary: "`peer_region` cannot be set while `auto_accept` is true (Create refuses before calling EC2)", onCreateOnly: true }, (o) =>
    isSet(o.peer_region) && o.auto_accept === true
      ? [error("Invalid combination of arguments", "`peer_region` cannot be set whilst `auto_accept` is `true` when creating an EC2 VPC Peering Connection: an inter-region connection is accepted with aws_vpc_peering_connection_accepter in the peer's region.", ["peer_region"])]
      : []),
  customRule({ id: "peering.auto_accept.cross_account", step: "apply", type: "aws_vpc_peering_connection", source: CONNECTION + " (acceptVPCPeeringConnection; EC2 OperationNotPermitted)", summary: "auto_accept only works when the peer VPC is in the same account", onCreateOnly: true }, (o, ctx) =>
    o.auto_accept === true && isSet(o.peer_owner_id) && o.peer_owner_id !== ctx.account
      ? [error("EC2 refused to accept the connection", `auto_accept: OperationNotPermitted: account ${ctx.account} cannot accept a peering connection whose accepter VPC belongs to ${String(o.peer_owner_id)} (peer_owner_id); accept it with aws_vpc_peering_connection_accepter in the peer account.`, ["auto_accept"])]
      : []),
  customRule({ id: "peering.vpc_id.self", step: "apply", type: "aws_vpc_peering_connection", source: AWS_PEERING, summary: "A VPC cannot be peered with itself", onCreateOnly: true }, (o) =>
    typeof o.vpc_id === "string" && o.vpc_id === o.peer_vpc_id
      ? [error("EC2 refused the peering connection", `peer_vpc_id: InvalidParameterValue: a VPC peering connection cannot be created between VPC ${o.vpc_id} and itself.`, ["peer_vpc_id"])]
      : []),
  customRule({ id: "peering.cidr.overlap", step: "apply", type: "aws_vpc_peering_connection", source: AWS_PEERING, summary: "The two VPCs' IPv4 or IPv6 blocks may not overlap (the connection fails)", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.vpc_id !== "string" || typeof o.peer_vpc_id !== "string" || o.vpc_id === o.peer_vpc_id || !ctx.ledger) return [];
    const a = vpcFacts(ctx.ledger, o.vpc_id);
    const b = vpcFacts(ctx.ledger, o.peer_vpc_id);
    if (!a || !b) return [];
    const clash = [...a.ipv4, ...a.ipv6].flatMap((x) => [...b.ipv4, ...b.ipv6].filter((y) => cidrsOverlap(x, y)).map((y) => `${x} (${a.id}) overlaps ${y} (${b.id})`));
    return clash.length ? [error("VPC peering connection failed", `peer_vpc_id: the connection went to status "failed": overlapping CIDRs: ${clash.join("; ")}. Peered VPCs may not share any IPv4 or IPv6 block.`, ["peer_vpc_id"])] : [];
  }),
  customRule({ id: "peering.pair.duplicate", step: "apply", type: "aws_vpc_peering_connection", source: AWS_PEERING, summary: "Only one peering connection between the same two VPCs", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.vpc_id !== "string" || typeof o.peer_vpc_id !== "string" || !ctx.ledger) return [];
    const others = samePair(ctx.ledger, o.vpc_id, o.peer_vpc_id, o.id);
    return others.length ? [error("EC2 refused the peering connection", `peer_vpc_id: VpcPeeringConnectionAlreadyExists: VPCs ${o.vpc_id} and ${o.peer_vpc_id} already have a peering connection (${others.join(", ")}); only one is allowed between the same two VPCs.`, ["peer_vpc_id"])] : [];
  }),
  customRule({ id: "peering.quota.active_per_vpc", step: "apply", type: "aws_vpc_peering_connection", source: AWS_PEERING + " (quota: 50 active connections per VPC by default)", summary: "At most 50 active peering connections per VPC (default quota)", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger) return [];
    const full = [o.vpc_id, o.peer_vpc_id].filter((v): v is string => typeof v === "string" && activeCount(ctx.ledger!, v) >= 50);
    return full.length ? [error("EC2 refused the peering connection", `vpc_id: VpcPeeringConnectionLimitExceeded: ${full.join(", ")} already has 50 peering connections, the default quota of active connections per VPC.`, ["vpc_id"])] : [];
  }),
  customRule({ id: "peering.options.not_active", step: "apply", type: "aws_vpc_peering_connection", source: CONNECTION + " (modifyVPCPeeringConnectionOptions)", summary: "requester/accepter options only on a connection that is active after create (auto_accept)", onCreateOnly: true }, (o, ctx) => {
    if (!hasOptions(o.requester) && !hasOptions(o.accepter)) return [];
    const sameSide = (!isSet(o.peer_region) || o.peer_region === regionOf(o, ctx)) && (!isSet(o.peer_owner_id) || o.peer_owner_id === ctx.account);
    if (o.auto_accept === true && sameSide) return [];
    const which = hasOptions(o.requester) ? "requester" : "accepter";
    return [error("Peering connection not active", `${which}: ${notActive(String(o.id ?? "new"), "pending-acceptance")}`, [which])];
  }),
  customRule({ id: "accepter.connection.region_account", step: "apply", type: "aws_vpc_peering_connection_accepter", source: ACCEPTER + " (findVPCPeeringConnectionByID)", summary: "The accepter must act in the accepter VPC's region and account", onCreateOnly: true }, (o, ctx) => {
    const id = str(o.vpc_peering_connection_id);
    const c = id && ctx.ledger ? peeringFacts(ctx.ledger, id) : undefined;
    if (!c) return [];
    const here = sideOf(o, ctx);
    if (here.region !== c.accepterRegion) return [error("EC2 Peering Connection not found", `vpc_peering_connection_id: InvalidVpcPeeringConnectionID.NotFound: ${id} does not exist in ${here.region}; its accepter VPC ${c.accepterVpc} is in ${c.accepterRegion}: set region = "${c.accepterRegion}" (or use a provider for that region).`, ["vpc_peering_connection_id"])];
    if (here.account !== c.accepterAccount) return [error("EC2 refused to accept the connection", `vpc_peering_connection_id: OperationNotPermitted: account ${here.account} cannot accept ${id}; its accepter VPC ${c.accepterVpc} belongs to ${c.accepterAccount}: use a provider with that account's credentials.`, ["vpc_peering_connection_id"])];
    return [];
  }),
  customRule({ id: "accepter.options.not_active", step: "apply", type: "aws_vpc_peering_connection_accepter", source: ACCEPTER + " (modifyVPCPeeringConnectionOptions)", summary: "Options on the accepter need the connection active (auto_accept = true)", onCreateOnly: true }, (o, ctx) => {
    if (!hasOptions(o.requester) && !hasOptions(o.accepter)) return [];
    const id = str(o.vpc_peering_connection_id);
    const c = id && ctx.ledger ? peeringFacts(ctx.ledger, id) : undefined;
    const status = c?.status ?? "pending-acceptance";
    if (o.auto_accept === true || status === "active") return [];
    const which = hasOptions(o.accepter) ? "accepter" : "requester";
    return [error("Peering connection not active", `${which}: ${notActive(id ?? "", status)}`, [which])];
  }),
  customRule({ id: "peering.options.side", step: "apply", type: ["aws_vpc_peering_connection_options", "aws_vpc_peering_connection_accepter"], source: OPTIONS + " (EC2 ModifyVpcPeeringConnectionOptions: OperationNotPermitted)", summary: "Each side's options are set from that side's region and account" }, (o, ctx) => {
    const id = str(o.vpc_peering_connection_id);
    const c = id && ctx.ledger ? peeringFacts(ctx.ledger, id) : undefined;
    if (!c) return [];
    const here = sideOf(o, ctx);
    const out = [];
    if (hasOptions(o.accepter) && (here.region !== c.accepterRegion || here.account !== c.accepterAccount)) {
      out.push(error("EC2 refused the peering options", `accepter: OperationNotPermitted: the accepter options of ${id} are modified from the accepter's side (account ${c.accepterAccount}, region ${c.accepterRegion}), not from account ${here.account} in ${here.region}.`, ["accepter"]));
    }
    if (hasOptions(o.requester) && (here.region !== c.requesterRegion || here.account !== c.requesterAccount)) {
      out.push(error("EC2 refused the peering options", `requester: OperationNotPermitted: the requester options of ${id} are modified from the requester's side (account ${c.requesterAccount}, region ${c.requesterRegion}), not from account ${here.account} in ${here.region}.`, ["requester"]));
    }
    return out;
  }),
  customRule({ id: "options.connection.not_active", step: "apply", type: "aws_vpc_peering_connection_options", source: OPTIONS + " (EC2: options can be added only to active peerings)", summary: "aws_vpc_peering_connection_options needs an active connection" }, (o, ctx) => {
    const id = str(o.vpc_peering_connection_id);
    const c = id && ctx.ledger ? peeringFacts(ctx.ledger, id) : undefined;
    if (!c || c.status === "active" || c.status === "provisioning") return [];
    return [error("Peering connection not active", `vpc_peering_connection_id: OperationNotPermitted: Peering ${id} is not active (status ${c.status}). Peering options can be added only to active peerings: accept it first (aws_vpc_peering_connection_accepter, or auto_accept) and make this resource depend on the acceptance.`, ["vpc_peering_connection_id"])];
  }),
  customRule({ id: "options.inline.conflict", step: "apply", type: "aws_vpc_peering_connection_options", source: OPTIONS + " (resource docs: do not manage options both inline and with this resource)", summary: "Options managed both inline on the connection and with aws_vpc_peering_connection_options overwrite each other" }, (o, ctx) => {
    const id = str(o.vpc_peering_connection_id);
    const c = id && ctx.ledger ? peeringFacts(ctx.ledger, id) : undefined;
    if (!c?.inlineOptions) return [];
    return [error("Conflicting peering options", `vpc_peering_connection_id: ${id} already has requester/accepter options set inline on aws_vpc_peering_connection; managing them with aws_vpc_peering_connection_options as well makes the two overwrite each other on every apply. Keep one of them.`, ["vpc_peering_connection_id"])];
  }),
];

export const skipped: Skipped[] = [
  { id: "peering.peer_vpc_id.not_found", step: "apply", types: ["aws_vpc_peering_connection"], source: AWS_PEERING, summary: "The peer VPC must exist (InvalidVpcID.NotFound)", why: "worlds list only the VPCs tests look up; configs name VPC ids that no world holds, so absence proves nothing" },
  { id: "peering.quota.pending_requests", step: "apply", types: ["aws_vpc_peering_connection"], source: AWS_PEERING, summary: "At most 25 outstanding (pending) requests per account", why: "pending requests from earlier runs live only in Terraform state, which the provider never sees" },
];

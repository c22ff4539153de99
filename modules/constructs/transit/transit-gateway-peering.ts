import { Ec2TransitGatewayPeeringAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment";
import { Ec2TransitGatewayPeeringAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";
import { formatProblem } from "../../core/problems";
import type { TransitPeeringSide } from "../../core/transit";
import { transitPeeringProblems, transitTableVpcBlocks, type TransitPeeringSpec } from "../../core/transit-peering";
import type { TransitGateway } from "./transit-gateway";
import type { TransitGatewayRouteTable } from "./transit-gateway-route-table";

export interface TransitGatewayPeeringOptions {
  /** This gateway's table: associated with the peering attachment, gets static routes to the peer's blocks. */
  readonly routeTable: TransitGatewayRouteTable;
  /** The peer's table, the same on its side. */
  readonly peerRouteTable: TransitGatewayRouteTable;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface TransitGatewayPeeringProps extends TransitGatewayPeeringOptions {
  /** The requester. */
  readonly transitGateway: TransitGateway;
  /** The accepter; its `region` must be given (the peering names it). */
  readonly peer: TransitGateway;
}

/**
 * Two transit gateways joined by a TGW peering: the requester's peering attachment (naming the
 * peer's region), the peer's acceptance in its own region, the attachment associated with one
 * table on each side, and, since peering attachments do not propagate, static routes on both
 * sides to every block of a VPC the other side's table leads to (made by `addRoutes`, which
 * `TransitGateway.routeVpcs` calls). Checked at synth by core/transit-peering.ts, the rule config
 * validation uses. Made by `TransitGateway.peerWith`.
 */
export class TransitGatewayPeering extends Construct {
  readonly attachment: Ec2TransitGatewayPeeringAttachment;
  readonly accepter: Ec2TransitGatewayPeeringAttachmentAccepter;
  /** The attachment's id, read from the acceptance: associations and routes wait for it. */
  readonly transitGatewayAttachmentId: string;
  private readonly routed = new Set<TransitGateway>();

  constructor(scope: Construct, id: string, readonly props: TransitGatewayPeeringProps) {
    super(scope, id);
    const { transitGateway: tgw, peer } = props;
    if (peer.region === undefined) throw new Error(`TransitGateway ${peer.name}: give 'region': a peering from ${tgw.name} names the peer's region (peer_region)`);
    const name = `${tgw.name}-${peer.name}`;
    this.attachment = new Ec2TransitGatewayPeeringAttachment(this, "attachment", {
      transitGatewayId: tgw.transitGatewayId, peerTransitGatewayId: peer.transitGatewayId, peerRegion: peer.region,
      peerAccountId: peer.accountId !== tgw.accountId ? peer.accountId : undefined,
      tags: { ...props.tags, Name: name }, region: tgw.region, provider: tgw.provider,
    });
    this.accepter = new Ec2TransitGatewayPeeringAttachmentAccepter(this, "accepter", { transitGatewayAttachmentId: this.attachment.id, tags: { ...props.tags, Name: name }, region: peer.region, provider: peer.provider });
    this.transitGatewayAttachmentId = this.accepter.id;
    for (const [side, table] of [[tgw, props.routeTable], [peer, props.peerRouteTable]] as const) {
      new Ec2TransitGatewayRouteTableAssociation(this, `association-${constructIdPart(side.name)}`, { transitGatewayAttachmentId: this.transitGatewayAttachmentId, transitGatewayRouteTableId: table.transitGatewayRouteTableId, region: side.region, provider: side.provider });
    }
    this.node.addValidation({ validate: () => transitPeeringProblems([tgw.attachedSpec(tgw.name), peer.attachedSpec(peer.name)], [this.spec()]).map(formatProblem) });
  }

  /** The peering as the core rules see it. */
  spec(): TransitPeeringSpec {
    const { transitGateway: tgw, peer, routeTable, peerRouteTable } = this.props;
    return { where: this.node.path, gateway: tgw.name, peer: peer.name, routeTable: routeTable.name, peerRouteTable: peerRouteTable.name };
  }

  /** The other end of the peering, seen from `gateway`. */
  otherThan(gateway: TransitGateway): TransitGateway {
    return gateway === this.props.transitGateway ? this.props.peer : this.props.transitGateway;
  }

  /** `gateway`'s side: its table and the other side's VPC blocks it routes to the peering. */
  sideOf(gateway: TransitGateway, where: string): TransitPeeringSide {
    const mine = gateway === this.props.transitGateway;
    const other = this.otherThan(gateway);
    const [table, otherTable] = mine ? [this.props.routeTable, this.props.peerRouteTable] : [this.props.peerRouteTable, this.props.routeTable];
    return { where, peer: other.name, routeTable: table.name, destinations: transitTableVpcBlocks(other.attachedSpec(""), otherTable.name) };
  }

  /** Whether `gateway`'s static routes to the peer are still to be made. */
  awaitingRoutes(gateway: TransitGateway): boolean {
    return !this.routed.has(gateway);
  }

  /** `gateway`'s static routes to the peer's blocks; call once both gateways' attachments are declared. */
  addRoutes(gateway: TransitGateway): void {
    if (this.routed.has(gateway)) return;
    this.routed.add(gateway);
    const mine = gateway === this.props.transitGateway;
    const table = mine ? this.props.routeTable : this.props.peerRouteTable;
    for (const destination of this.sideOf(gateway, "").destinations) {
      new Ec2TransitGatewayRoute(this, `route-${constructIdPart(gateway.name)}-to-${constructIdPart(destination)}`, {
        destinationCidrBlock: destination, transitGatewayRouteTableId: table.transitGatewayRouteTableId, transitGatewayAttachmentId: this.transitGatewayAttachmentId,
        region: gateway.region, provider: gateway.provider,
      });
    }
  }
}

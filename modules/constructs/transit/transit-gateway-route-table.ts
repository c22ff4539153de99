import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";
import type { TransitRouteTableSpec, TransitStaticRoute } from "../../core/transit";
import type { TransitGateway } from "./transit-gateway";
import type { TransitGatewayAttachment } from "./transit-gateway-attachment";

export interface TransitGatewayRouteTableProps {
  readonly transitGateway: TransitGateway;
  /** Its name within the gateway (Name tag `<gateway>-<name>`), e.g. `prod`. */
  readonly name: string;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A TGW route table: the attachments associated with it have their traffic looked up here. It
 * holds the blocks attachments propagate to it, and static routes to an attachment or blackholes
 * (`addRoute`, `addBlackhole`). Made by `TransitGateway.addRouteTable`.
 */
export class TransitGatewayRouteTable extends Construct {
  readonly name: string;
  readonly routeTable: Ec2TransitGatewayRouteTable;
  readonly transitGatewayRouteTableId: string;
  private readonly routes: { destination: string; vpc?: string; blackhole?: boolean }[] = [];

  constructor(scope: Construct, id: string, private readonly props: TransitGatewayRouteTableProps) {
    super(scope, id);
    this.name = props.name;
    const tgw = props.transitGateway;
    this.routeTable = new Ec2TransitGatewayRouteTable(this, "route-table", {
      transitGatewayId: tgw.transitGatewayId,
      tags: { ...props.tags, Name: `${tgw.name}-${props.name}` },
      region: tgw.region,
      provider: tgw.provider,
    });
    this.transitGatewayRouteTableId = this.routeTable.id;
  }

  /** A static route: traffic for `destination` goes to `attachment`'s VPC. */
  addRoute(destination: string, attachment: TransitGatewayAttachment): Ec2TransitGatewayRoute {
    this.routes.push({ destination, vpc: attachment.vpc.key });
    return this.route(destination, { transitGatewayAttachmentId: attachment.transitGatewayAttachmentId });
  }

  /** A blackhole: traffic for `destination` is dropped (isolation between groups such as prod and dev). */
  addBlackhole(destination: string): Ec2TransitGatewayRoute {
    this.routes.push({ destination, blackhole: true });
    return this.route(destination, { blackhole: true });
  }

  private route(destination: string, target: { transitGatewayAttachmentId: string } | { blackhole: true }): Ec2TransitGatewayRoute {
    const tgw = this.props.transitGateway;
    const route = new Ec2TransitGatewayRoute(this, `route-${constructIdPart(destination, String(this.routes.length - 1))}`, {
      destinationCidrBlock: destination,
      transitGatewayRouteTableId: this.routeTable.id,
      ...target,
      region: tgw.region,
      provider: tgw.provider,
    });
    tgw.changed();
    return route;
  }

  spec(where: string): TransitRouteTableSpec {
    const routes: TransitStaticRoute[] = this.routes.map((r, i) => ({ where: `${where}.routes[${i}]`, ...r }));
    return { where, name: this.name, routes };
  }
}

import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { TransitGateway } from "../constructs/transit/transit-gateway";
import type { TransitGatewayRouteTable } from "../constructs/transit/transit-gateway-route-table";
import type { IPeerableVpc } from "../constructs/vpc/peerable-vpc";
import { constructIdPart } from "../core/names";
import type { TransitGatewayConfig } from "./config/schema";
import { outputName } from "./names";

/**
 * The config's transit gateways, built with the constructs a library user would call: the gateway
 * (created, or looked up by id or tags), its route tables with their static and blackhole routes,
 * each VPC's attachment (association, propagations; for a VPC of another account the RAM share,
 * the attachment through that account's provider and its acceptance) and its VPC routes to the gateway. Outputs:
 * the gateway's id, each TGW route table's id and each attachment's id.
 */
export function buildTransitGateways(scope: Construct, gateways: readonly TransitGatewayConfig[], vpcs: Readonly<Record<string, IPeerableVpc>>): TransitGateway[] {
  return gateways.map((config) => {
    const id = `tgw-${constructIdPart(config.name)}`;
    const tgw = config.existing
      ? TransitGateway.fromLookup(scope, id, { name: config.name, lookup: config.existing, sharing: config.sharing })
      : new TransitGateway(scope, id, { name: config.name, amazonSideAsn: config.amazonSideAsn, description: config.description, sharing: config.sharing });
    const tables = new Map<string, TransitGatewayRouteTable>(config.routeTables.map((t) => [t.name, tgw.addRouteTable(t.name)]));
    for (const a of config.attachments) {
      const attachment = tgw.attachVpc(vpcs[a.vpc], { subnets: a.subnets, routeTable: tables.get(a.routeTable)!, propagateTo: a.propagateTo.map((t) => tables.get(t)!), addVpcRoutes: a.vpcRoutes });
      new TerraformOutput(scope, outputName.transitAttachmentId(config.name, a.vpc), { value: attachment.transitGatewayAttachmentId, description: `Id of VPC ${a.vpc}'s attachment to transit gateway ${config.name}` });
    }
    for (const t of config.routeTables) {
      const table = tables.get(t.name)!;
      for (const r of t.routes) {
        if (r.blackhole) table.addBlackhole(r.destination);
        else table.addRoute(r.destination, tgw.attachmentOf(r.vpc!)!);
      }
      new TerraformOutput(scope, outputName.transitRouteTableId(config.name, t.name), { value: table.transitGatewayRouteTableId, description: `Id of TGW route table ${t.name} of transit gateway ${config.name}` });
    }
    tgw.routeVpcs();
    new TerraformOutput(scope, outputName.transitGatewayId(config.name), { value: tgw.transitGatewayId, description: `Id of transit gateway ${config.name}` });
    return tgw;
  });
}

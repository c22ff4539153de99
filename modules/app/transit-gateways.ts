import { Op, TerraformOutput, TerraformProvider, TerraformSelf } from "cdktf";
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
 * the attachment through that account's provider and its acceptance), the TGW peerings between
 * gateways, and, once all are declared, the VPC routes to each gateway and the static routes
 * across each peering. Outputs: the gateway's id, each TGW route table's id, each attachment's id
 * and each peering attachment's id.
 */
export function buildTransitGateways(scope: Construct, gateways: readonly TransitGatewayConfig[], vpcs: Readonly<Record<string, IPeerableVpc>>, defaultRegion: string, placement?: TransitGatewayPlacement): TransitGateway[] {
  // A peered gateway names its region (the peering's peer_region); the others keep the provider's.
  const peered = new Set(gateways.flatMap((g) => (g.peerWith.length > 0 ? [g.name, ...g.peerWith.map((p) => p.gateway)] : [])));
  const built = gateways.map((config) => {
    const place = placement?.(config);
    const ownRegion = config.region !== undefined && config.region !== defaultRegion ? config.region : undefined;
    const region = ownRegion ?? (peered.has(config.name) ? (place ? place.providerRegion() : defaultRegion) : undefined);
    return { config, ...buildGateway(scope, config, vpcs, region, place?.provider) };
  });
  const byName = new Map(built.map((b) => [b.config.name, b]));
  for (const { config, tgw, tables } of built) {
    for (const p of config.peerWith) {
      const peer = byName.get(p.gateway)!;
      const peering = tgw.peerWith(peer.tgw, { routeTable: tables.get(p.routeTable)!, peerRouteTable: peer.tables.get(p.peerRouteTable)! });
      new TerraformOutput(scope, outputName.transitPeeringId(config.name, p.gateway), { value: peering.transitGatewayAttachmentId, description: `Id of the peering attachment between transit gateways ${config.name} and ${p.gateway}` });
    }
  }
  for (const { tgw } of built) tgw.routeVpcs();
  return built.map((b) => b.tgw);
}

/**
 * Where a gateway lives when it is not on the stack's default provider (a generated module): the
 * caller's provider, and that provider's region (a plan-time value) for a peered gateway in it.
 */
export type TransitGatewayPlacement = (gateway: TransitGatewayConfig) => { readonly provider: TerraformProvider; providerRegion(): string };

function buildGateway(scope: Construct, config: TransitGatewayConfig, vpcs: Readonly<Record<string, IPeerableVpc>>, region: string | undefined, provider: TerraformProvider | undefined) {
  const id = `tgw-${constructIdPart(config.name)}`;
  const tgw = config.existing
    ? TransitGateway.fromLookup(scope, id, { name: config.name, lookup: config.existing, sharing: config.sharing, region, provider })
    : new TransitGateway(scope, id, { name: config.name, amazonSideAsn: config.amazonSideAsn, description: config.description, sharing: config.sharing, region, provider });
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
  new TerraformOutput(scope, outputName.transitGatewayId(config.name), { value: tgw.transitGatewayId, description: `Id of transit gateway ${config.name}` });
  return { tgw, tables };
}

/**
 * The postcondition on the region of a provider that attaches a config account's VPCs to a
 * gateway (a module's caller's aws.<account>): it must be the gateway's `region` (a literal or the
 * gateway provider's region, read at plan time).
 */
export function attachingRegionCondition(o: { alias: string; account: string; accountId: string; gateway: string; vpcs: readonly string[]; region: string; whose: string }): { condition: unknown; errorMessage: string } {
  const own = TerraformSelf.getString("region");
  const vpcs = o.vpcs.length === 1 ? `VPC ${o.vpcs[0]} of ${o.account} attaches` : `VPCs ${o.vpcs.join(", ")} of ${o.account} attach`;
  return {
    condition: Op.eq(own, o.region),
    errorMessage: `The provider passed as ${o.alias} runs in region ${own}, but transit gateway ${o.gateway} is in ${o.region} (${o.whose}): ${vpcs} to it through ${o.alias}, which accepts the gateway's RAM share and makes the attachment in its own region. Pass as ${o.alias} a provider for account ${o.accountId} in region ${o.region}.`,
  };
}

import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { DataAwsVpcPeeringConnection } from "@cdktf/provider-aws/lib/data-aws-vpc-peering-connection";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import { ImportEach } from "../constructs/import-each";
import { constructIdPart } from "../core/names";
import { FlowLogs } from "../constructs/flow-logs/flow-logs";
import type { PrivateHostedZone } from "../constructs/dns/private-zone";
import type { VpcPeering } from "../constructs/routing/vpc-peering";

// Adopting what was built by hand (the seed labs are console walk-throughs): Terraform `import`
// blocks (Terraform >= 1.5; ids given as expressions need >= 1.6) for the objects this stack
// would otherwise create, so the first apply takes them over instead of failing on duplicates
// (routes into tables found at plan time: import blocks with for_each, Terraform >= 1.7).
// Objects are found the way AWS names them: a peering by its two VPCs and Name tag, a zone by
// name and VPC, routes and records by the ids Terraform derives from them, log groups and roles
// by name. Flow logs have no data source to find them by: their ids are given.

export interface AdoptOptions {
  /** Ids (`fl-...`) of existing flow logs, by VPC key. @default none: flow logs are created */
  readonly flowLogIds?: Readonly<Record<string, string>>;
}

export interface AdoptTargets {
  readonly peerings: Readonly<Record<string, VpcPeering>>;
  readonly privateZones: Readonly<Record<string, PrivateHostedZone>>;
}

/** Adds the import blocks (and the lookups that find the ids) to `scope`'s stack. */
export function adoptExisting(scope: Construct, targets: AdoptTargets, options: AdoptOptions = {}): void {
  for (const [name, peering] of Object.entries(targets.peerings)) {
    const connection = peering.connection;
    if (!connection || peering.requester.external || peering.accepter.external) continue;
    const existing = new DataAwsVpcPeeringConnection(scope, `adopt-peering-${constructIdPart(name)}`, {
      vpcId: peering.requester.vpcId,
      peerVpcId: peering.accepter.vpcId,
      tags: { Name: peering.peeringName },
      provider: peering.requester.provider,
    });
    connection.importFrom(existing.id, peering.requester.provider);
    peering.accepterResource?.importFrom(existing.id, peering.accepter.provider);
    peering.requesterOptions?.importFrom(existing.id, peering.requester.provider);
    peering.accepterOptions?.importFrom(existing.id, peering.accepter.provider);
    for (const route of peering.routes) importRoute(scope, route);
  }

  for (const [key, zone] of Object.entries(targets.privateZones)) {
    const vpc = zone.zone.vpcInput;
    const firstVpc = Array.isArray(vpc) ? vpc[0]?.vpcId : undefined;
    const existing = new DataAwsRoute53Zone(scope, `adopt-zone-${constructIdPart(key)}`, {
      name: zone.zoneName,
      privateZone: true,
      vpcId: firstVpc,
      provider: zone.zone.provider,
    });
    zone.zone.importFrom(existing.zoneId, zone.zone.provider);
    for (const record of Object.values(zone.records)) importRecord(record, existing.zoneId);
  }

  for (const logs of scope.node.findAll().filter((c): c is FlowLogs => c instanceof FlowLogs)) {
    for (const child of logs.node.findAll()) {
      if (child instanceof CloudwatchLogGroup && child.nameInput) child.importFrom(child.nameInput, child.provider);
      if (child instanceof IamRole && child.nameInput) child.importFrom(child.nameInput, child.provider);
      if (child instanceof IamRolePolicy && child.nameInput) child.importFrom(`${child.roleInput}:${child.nameInput}`, child.provider);
    }
    for (const [vpcKey, log] of Object.entries(logs.flowLogs)) {
      const id = options.flowLogIds?.[vpcKey];
      if (id) (log as FlowLog).importFrom(id, log.provider);
    }
  }
}

/**
 * A route is imported as `<route table id>_<destination>`. Routes into tables found at plan time
 * (one instance per table id, for_each) are imported with a for_each import block over the same
 * ids, so adopting a VPC whose tables are discovered does not fail on RouteAlreadyExists.
 */
function importRoute(scope: Construct, route: Route): void {
  const destination = route.destinationCidrBlockInput ?? route.destinationIpv6CidrBlockInput;
  if (!route.routeTableIdInput || !destination) return;
  const each = route.forEach;
  if (each instanceof TerraformIterator) {
    new ImportEach(scope, `adopt-${route.friendlyUniqueId}`, { forEach: each, to: `${route.terraformResourceType}.${route.friendlyUniqueId}`, id: `\${each.value}_${destination}`, provider: route.provider });
  } else {
    route.importFrom(`${route.routeTableIdInput}_${destination}`, route.provider);
  }
}

/** A record is imported as `<zone id>_<name>_<type>[_<set identifier>]`. */
function importRecord(record: Route53Record, zoneId: string): void {
  const setId = record.setIdentifierInput;
  record.importFrom(`${zoneId}_${record.nameInput}_${record.typeInput}${setId ? `_${setId}` : ""}`, record.provider);
}


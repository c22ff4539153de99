import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsVpcPeeringConnection } from "@cdktf/provider-aws/lib/data-aws-vpc-peering-connection";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Fn, IResolvable, Op, TerraformProvider, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { acceptedConnectionTags } from "../../core/peering";
import { ConfigError, error } from "../../core/problems";
import type { Side } from "../../core/routes";
import { recordFact } from "../facts";
import { mergeTags } from "../tags";
import type { IPeerableVpc } from "../vpc/peerable-vpc";

// How a peering gets from a request to an active connection. One strategy per case, behind one
// interface; VpcPeering picks one (acceptanceFor) and builds routes and rules on what it made.

/** A flag known at synth time, or a Terraform expression (e.g. a module variable) known at plan time. */
export type DnsFlag = boolean | IResolvable;

/** Terraform timeouts of the peering resources (the accepter has no delete timeout). */
export interface PeeringTimeouts {
  readonly create?: string;
  readonly update?: string;
  readonly delete?: string;
}

/** What every strategy needs to know about the peering it connects. */
export interface AcceptanceContext {
  /** The VpcPeering: the requester's resources go here. */
  readonly scope: Construct;
  /** Where the accepter side's resources go (the VpcPeering, or its twin in the accepter's stack). */
  readonly accepterSide: Construct;
  readonly id: string;
  readonly name: string;
  /** Name recorded for the report: the Name tag, or the construct id when it is a token. */
  readonly peeringName: string;
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
  /** The accepter VPC's id as this stack knows it. */
  readonly accepterVpcId: string;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
  readonly dns: { readonly requester: DnsFlag; readonly accepter: DnsFlag };
  /** Tags of both resources: a map, or an expression known at plan time. */
  readonly tags: Readonly<Record<string, string>>;
  /** Tags of the request (requester) and of the accepter resource only, after `tags`. */
  readonly sideTags?: { readonly requester?: Readonly<Record<string, string>>; readonly accepter?: Readonly<Record<string, string>> };
  /** The instance key of an accepter that exists only at plan time (DecidedAtPlanTime). */
  readonly accepterKey?: string;
  readonly timeouts?: PeeringTimeouts;
  readonly defaultRegion?: string;
  /** The provider in this stack that accepts, when the accepter's own is in another stack. */
  readonly accepterProvider?: TerraformProvider;
  readonly existingConnection?: { readonly id: string } | { readonly tags: Readonly<Record<string, string>> };
  readonly accepted?: boolean;
}

/** What a strategy made. */
export interface AcceptedConnection {
  /** The id routes and options use: it is only valid once the connection is active. */
  readonly activeId: string;
  readonly connection?: VpcPeeringConnection;
  readonly accepterResource?: VpcPeeringConnectionAccepterA;
  readonly requesterOptions?: VpcPeeringConnectionOptions;
  readonly accepterOptions?: VpcPeeringConnectionOptions;
  /** The resource checks report a problem of the peering on. */
  readonly construct: IConstruct;
  /** The sides whose tables get routes now (an unaccepted request gets none). */
  readonly routedSides: readonly Side[];
  /** Each side's account and region as read from its provider at plan time (DecidedAtPlanTime). */
  readonly located?: Readonly<Record<Side, PlanTimeLocation>>;
}

/** Where a side is, read from its provider at plan time. */
export interface PlanTimeLocation {
  readonly accountId: string;
  readonly region: string;
}

export interface PeeringAcceptance {
  connect(ctx: AcceptanceContext): AcceptedConnection;
}

/** The accepter takes create and update timeouts only. */
function acceptTimeouts(t: PeeringTimeouts | undefined) {
  return t && (t.create !== undefined || t.update !== undefined) ? { create: t.create, update: t.update } : undefined;
}

const BOTH: readonly Side[] = ["requester", "accepter"];
/**
 * The tags of one side's resource (the request: requester; the accepter resource: accepter):
 * `tags`, that side's `sideTags`, then the Name. Merged by Terraform when any is an expression.
 */
function nameTags(ctx: AcceptanceContext, side: Side): Record<string, string> {
  const own = ctx.sideTags?.[side];
  return mergeTags(ctx.tags, ...(own ? [own] : []), { Name: ctx.name });
}

/**
 * Same account and region: the request is accepted in the same call (`auto_accept`), and both DNS
 * options go inline, which the provider applies once the connection is active. Options are
 * always explicit booleans: removing an options setting changes nothing in AWS.
 */
export class SameAccountAndRegion implements PeeringAcceptance {
  connect(ctx: AcceptanceContext): AcceptedConnection {
    const connection = new VpcPeeringConnection(ctx.scope, "connection", {
      timeouts: ctx.timeouts,
      vpcId: ctx.requester.vpcId,
      peerVpcId: ctx.accepterVpcId,
      autoAccept: true,
      requester: { allowRemoteVpcDnsResolution: ctx.dns.requester },
      accepter: { allowRemoteVpcDnsResolution: ctx.dns.accepter },
      region: ctx.requester.region,
      provider: ctx.requester.provider,
      tags: nameTags(ctx, "requester"),
    });
    recordFact(connection, { peering: ctx.peeringName });
    return { activeId: connection.id, connection, construct: connection, routedSides: BOTH };
  }
}

/**
 * Another account or region: the request names `peer_owner_id`/`peer_region`, an accepter
 * resource accepts it (on the accepter's provider, in its region), and each side sets its own DNS
 * option after acceptance, through its own provider and region (never inline as well: the two
 * would overwrite each other).
 */
export class AcrossAccountsOrRegions implements PeeringAcceptance {
  /**
   * @param accountsAtPlanTime the sides' accounts are the providers' (a generated module): the
   * request names the accepter provider's account even when nothing says it differs, since only
   * the caller's providers decide it.
   */
  constructor(private readonly accountsAtPlanTime = false) {}

  connect(ctx: AcceptanceContext): AcceptedConnection {
    const { requester, accepter } = ctx;
    const peerOwnerId = ctx.crossAccount || this.accountsAtPlanTime
      ? (accepter.accountId ?? new DataAwsCallerIdentity(ctx.scope, "accepter-account", { provider: accepter.provider }).accountId)
      : undefined;
    const peerRegion = ctx.crossRegion
      ? (accepter.region ?? ctx.defaultRegion ?? new DataAwsRegion(ctx.scope, "accepter-region", { provider: accepter.provider }).region)
      : undefined;
    const connection = new VpcPeeringConnection(ctx.scope, "connection", {
      timeouts: ctx.timeouts,
      vpcId: requester.vpcId,
      peerVpcId: ctx.accepterVpcId,
      peerOwnerId,
      peerRegion,
      region: requester.region,
      provider: requester.provider,
      tags: nameTags(ctx, "requester"),
    });
    recordFact(connection, { peering: ctx.peeringName });
    const accepterResource = new VpcPeeringConnectionAccepterA(ctx.scope, "accepter", {
      timeouts: acceptTimeouts(ctx.timeouts),
      vpcPeeringConnectionId: connection.id,
      autoAccept: true,
      region: accepter.region,
      provider: ctx.accepterProvider ?? accepter.provider,
      tags: nameTags(ctx, "accepter"),
    });
    // The accepter's id is the connection's id, but referencing it orders everything after acceptance.
    const activeId = accepterResource.vpcPeeringConnectionId;
    const requesterOptions = new VpcPeeringConnectionOptions(ctx.scope, "requester-options", {
      vpcPeeringConnectionId: activeId,
      region: requester.region,
      provider: requester.provider,
      requester: { allowRemoteVpcDnsResolution: ctx.dns.requester },
    });
    const accepterOptions = new VpcPeeringConnectionOptions(ctx.accepterSide, "accepter-options", {
      vpcPeeringConnectionId: activeId,
      region: accepter.region,
      provider: accepter.provider,
      accepter: { allowRemoteVpcDnsResolution: ctx.dns.accepter },
    });
    return { activeId, connection, accepterResource, requesterOptions, accepterOptions, construct: connection, routedSides: BOTH };
  }
}

/**
 * Account and region come from the providers (a module whose caller chooses them): both are
 * known only at plan time, so the choice between auto-accept and an accepter resource is a
 * Terraform expression, and the accepter resource has one instance or none (for_each). Each side
 * always sets its own DNS option through its own provider: inline options would need the choice
 * made here.
 */
export class DecidedAtPlanTime implements PeeringAcceptance {
  connect(ctx: AcceptanceContext): AcceptedConnection {
    const { requester, accepter, scope } = ctx;
    const where = (side: Side, vpc: IPeerableVpc) => ({
      account: new DataAwsCallerIdentity(scope, `${side}-account`, { provider: vpc.provider }).accountId,
      region: new DataAwsRegion(scope, `${side}-region`, { provider: vpc.provider }).region,
    });
    const from = where("requester", requester);
    const to = where("accepter", accepter);
    const sameRegion = Op.eq(from.region, to.region);
    const sameLocation = Op.and(Op.eq(from.account, to.account), sameRegion);
    const connection = new VpcPeeringConnection(scope, "connection", {
      timeouts: ctx.timeouts,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: to.account,
      peerRegion: Fn.conditional(sameRegion, Token.nullValue(), to.region),
      autoAccept: sameLocation,
      provider: requester.provider,
      tags: nameTags(ctx, "requester"),
    });
    const accepterResource = new VpcPeeringConnectionAccepterA(scope, "accepter", {
      timeouts: acceptTimeouts(ctx.timeouts),
      vpcPeeringConnectionId: connection.id,
      autoAccept: true,
      provider: accepter.provider,
      tags: nameTags(ctx, "accepter"),
    });
    accepterResource.addOverride("for_each", Fn.toset(Fn.conditional(sameLocation, [], [ctx.accepterKey ?? "accepted"])));
    // The accepter's id when it exists (so options and routes wait for acceptance), else the connection's.
    const activeId = `\${coalesce(one([for a in aws_vpc_peering_connection_accepter.${accepterResource.friendlyUniqueId} : a.id]), aws_vpc_peering_connection.${connection.friendlyUniqueId}.id)}`;
    const requesterOptions = new VpcPeeringConnectionOptions(scope, "requester-options", {
      vpcPeeringConnectionId: activeId,
      provider: requester.provider,
      requester: { allowRemoteVpcDnsResolution: ctx.dns.requester },
    });
    const accepterOptions = new VpcPeeringConnectionOptions(scope, "accepter-options", {
      vpcPeeringConnectionId: activeId,
      provider: accepter.provider,
      accepter: { allowRemoteVpcDnsResolution: ctx.dns.accepter },
    });
    recordFact(connection, { peering: ctx.peeringName });
    const located = { requester: { accountId: from.account, region: from.region }, accepter: { accountId: to.account, region: to.region } };
    return { activeId, connection, accepterResource, requesterOptions, accepterOptions, construct: connection, routedSides: BOTH, located };
  }
}

/**
 * The requester is another account's (`ExternalVpc`): its account made the request; this stack
 * finds it (by id, or by tags, which the accepter keeps on it), accepts it and sets the
 * accepter's DNS option and routes. The other side is the other account's to configure.
 */
export class AcceptOnly implements PeeringAcceptance {
  connect(ctx: AcceptanceContext): AcceptedConnection {
    const { requester, accepter, scope, id } = ctx;
    const existing = ctx.existingConnection;
    if (!existing) throw new Error(`VpcPeering ${id}: the requester ${requester.key} is external, so its account makes the request: give existingConnection ({ id } or { tags }) to accept it`);
    const accepted = acceptedConnectionTags(ctx.name, ctx.tags, "tags" in existing ? existing.tags : undefined);
    if (accepted.problems.length > 0) throw new ConfigError(`VpcPeering ${id}`, accepted.problems.map((p) => error(`tags.${p.key}`, p.message)));
    const requestId = "id" in existing
      ? existing.id
      : new DataAwsVpcPeeringConnection(scope, "request", {
          vpcId: requester.vpcId,
          peerVpcId: accepter.vpcId,
          tags: { ...existing.tags },
          provider: accepter.provider,
        }).id;
    const accepterResource = new VpcPeeringConnectionAccepterA(scope, "accepter", {
      timeouts: acceptTimeouts(ctx.timeouts),
      vpcPeeringConnectionId: requestId,
      autoAccept: true,
      region: accepter.region,
      provider: accepter.provider,
      tags: accepted.tags,
    });
    recordFact(accepterResource, { peering: ctx.peeringName, external: { requester: requester.key, accepter: accepter.key, accepted: true } });
    const activeId = accepterResource.vpcPeeringConnectionId;
    const accepterOptions = new VpcPeeringConnectionOptions(scope, "accepter-options", {
      vpcPeeringConnectionId: activeId,
      region: accepter.region,
      provider: accepter.provider,
      accepter: { allowRemoteVpcDnsResolution: ctx.dns.accepter },
    });
    return { activeId, accepterResource, accepterOptions, construct: accepterResource, routedSides: ["accepter"] };
  }
}

/**
 * The accepter is another account's (`ExternalVpc`): this stack only requests. AWS takes routes
 * and options only on an active connection, so the requester's routes and DNS option come once
 * `accepted` says the other account accepted.
 */
export class RequestOnly implements PeeringAcceptance {
  connect(ctx: AcceptanceContext): AcceptedConnection {
    const { requester, accepter, scope } = ctx;
    if (ctx.existingConnection) throw new Error(`VpcPeering ${ctx.id}: existingConnection is for accepting an external requester's request; here the stack makes the request`);
    const connection = new VpcPeeringConnection(scope, "connection", {
      timeouts: ctx.timeouts,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: accepter.accountId,
      peerRegion: ctx.crossRegion ? (accepter.region ?? ctx.defaultRegion) : undefined,
      region: requester.region,
      provider: requester.provider,
      tags: nameTags(ctx, "requester"),
    });
    recordFact(connection, { peering: ctx.peeringName, external: { requester: requester.key, accepter: accepter.key, accepted: ctx.accepted === true } });
    const requesterOptions = ctx.accepted
      ? new VpcPeeringConnectionOptions(scope, "requester-options", {
          vpcPeeringConnectionId: connection.id,
          region: requester.region,
          provider: requester.provider,
          requester: { allowRemoteVpcDnsResolution: ctx.dns.requester },
        })
      : undefined;
    return { activeId: connection.id, connection, requesterOptions, construct: connection, routedSides: ctx.accepted ? ["requester"] : [] };
  }
}

/** The strategy for a peering; refuses combinations no strategy takes. */
export function acceptanceFor(ctx: AcceptanceContext, locateSidesAtPlanTime: boolean): PeeringAcceptance {
  const { requester, accepter, id } = ctx;
  if (requester.external && accepter.external) throw new Error(`VpcPeering ${id}: both VPCs are external; one side must be managed by this stack`);
  if (requester.external) return new AcceptOnly();
  if (accepter.external) return new RequestOnly();
  if (ctx.existingConnection || ctx.accepted !== undefined) {
    throw new Error(`VpcPeering ${id}: existingConnection and accepted are for peerings with an ExternalVpc; both VPCs here are managed by the stack`);
  }
  if (ctx.crossAccount && requester.provider === accepter.provider) {
    throw new Error(`VpcPeering ${id}: ${accepter.key} is in another account than ${requester.key} and needs its own provider (with that account's credentials) to accept`);
  }
  if (ctx.crossAccount || ctx.crossRegion) return new AcrossAccountsOrRegions(locateSidesAtPlanTime);
  return locateSidesAtPlanTime ? new DecidedAtPlanTime() : new SameAccountAndRegion();
}

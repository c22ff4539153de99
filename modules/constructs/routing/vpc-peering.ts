import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Fn, IResolvable, Op, Token, Tokenization } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { PeeringPlan, planPeering } from "../../core/peering";
import type { RoutePlan } from "../../core/routes";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { recordFact } from "../facts";
import { PeeringRegistry } from "./peering-registry";
import { PeerSecurityRules, PeerSecurityRulesOptions } from "./peer-security-rules";

/** A flag known at synth time, or a Terraform expression (e.g. a module variable) known at plan time. */
export type DnsFlag = boolean | IResolvable;

export interface VpcPeeringProps {
  /** Name tag of the peering connection. */
  readonly name: string;
  /** The VPC that requests the peering (`ExistingVpc.fromLookup`, `ExistingVpc.fromAttributes` or a `CreatedVpc`). */
  readonly requester: IPeerableVpc;
  /** The VPC that accepts it. */
  readonly accepter: IPeerableVpc;
  /**
   * Let each side resolve the other's public DNS hostnames to private IPs. `true` sets both
   * sides. Looked-up VPCs then must have DNS support and hostnames on (checked at plan time).
   * @default false for both
   */
  readonly allowRemoteVpcDnsResolution?: DnsFlag | { readonly requester?: DnsFlag; readonly accepter?: DnsFlag };
  /** Security-group / network-ACL rules between the two; the same as calling `addSecurityRules`. @default none */
  readonly securityRules?: PeerSecurityRulesOptions;
  /**
   * Region of the provider(s): decides, for sides with no `region`, whether the peering is
   * inter-region and what `peer_region` is. @default looked up (data aws_region) when needed
   */
  readonly defaultRegion?: string;
  /** Extra tags on the connection. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Read each side's account and region from its provider at plan time (caller identity and
   * region data sources) and decide acceptance then: auto-accepted when they match, otherwise
   * `peer_owner_id`/`peer_region` on the request and an accepter resource on the accepter's
   * provider. For modules whose caller chooses the two providers. Ignored when `accountId` or
   * `region` already say the sides differ.
   * @default false: decided at synth time from the sides' `accountId` and `region`
   */
  readonly locateSidesAtPlanTime?: boolean;
}

/**
 * A peering connection between two VPCs, accepted, with each side's DNS option and a route in
 * every listed route table of each side to the peer's blocks.
 *
 * - Same account, same region: the requester auto-accepts; one options resource sets both sides.
 * - Another region (`region` differs): the requester sets `peer_region`; an accepter resource with
 *   the v6 `region` argument accepts, on the same provider.
 * - Another account (`accountId` differs): the requester sets `peer_owner_id`; the accepter
 *   resource runs on the accepter's provider. Both can combine.
 * In the last two cases each side sets its own DNS option, after acceptance, through its own
 * provider and region; routes and options reference the accepter so they wait for it.
 */
export class VpcPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  /** Set when the peering crosses accounts or regions. */
  readonly accepterResource?: VpcPeeringConnectionAccepterA;
  readonly requesterOptions?: VpcPeeringConnectionOptions;
  readonly accepterOptions?: VpcPeeringConnectionOptions;
  readonly routes: readonly Route[];
  /** Rules from `securityRules` or the first `addSecurityRules` call. */
  securityRules?: PeerSecurityRules;
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
  /** What this peering was planned into: routes (with table keys and destinations) and rules. */
  readonly plan: PeeringPlan;
  /** The Name tag, or the construct id when the name is only known at plan time. */
  readonly peeringName: string;
  private readonly defaultRegion?: string;
  private readonly routeById = new Map<string, Route>();
  private securityRuleSets = 0;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const flag = (value: DnsFlag | undefined): DnsFlag => (Tokenization.isResolvable(value) ? value : !!value);
    const option = props.allowRemoteVpcDnsResolution;
    const dns =
      typeof option === "object" && !Tokenization.isResolvable(option)
        ? { requester: flag(option.requester), accepter: flag(option.accepter) }
        : { requester: flag(option), accepter: flag(option) };
    // An expression may turn out true at plan time, so it counts as on here.
    const anyDns = dns.requester !== false || dns.accepter !== false;
    const requester = (this.requester = props.requester);
    const accepter = (this.accepter = props.accepter);
    if (anyDns) {
      requester.requireDns?.();
      accepter.requireDns?.();
    }
    this.defaultRegion = props.defaultRegion;
    this.plan = planPeering(
      { name: props.name, where: this.node.path, requester: vpcSideSpec(requester), accepter: vpcSideSpec(accepter) },
      { defaultRegion: props.defaultRegion },
    );
    this.crossAccount = this.plan.crossAccount;
    this.crossRegion = this.plan.crossRegion;
    if (this.crossAccount && requester.provider === accepter.provider) {
      throw new Error(`VpcPeering ${id}: ${accepter.key} is in another account than ${requester.key} and needs its own provider (with that account's credentials) to accept`);
    }

    const tags = { ...props.tags, Name: props.name };
    const peerOwnerId = this.crossAccount
      ? (accepter.accountId ?? new DataAwsCallerIdentity(this, "accepter-account", { provider: accepter.provider }).accountId)
      : undefined;
    const peerRegion = this.crossRegion
      ? (accepter.region ?? props.defaultRegion ?? new DataAwsRegion(this, "accepter-region", { provider: accepter.provider }).region)
      : undefined;

    if (props.locateSidesAtPlanTime && !this.crossAccount && !this.crossRegion) {
      const planned = this.plannedAcceptance(dns, tags);
      this.connection = planned.connection;
      this.accepterResource = planned.accepter;
      this.requesterOptions = planned.requesterOptions;
      this.accepterOptions = planned.accepterOptions;
      this.peeringName = Token.isUnresolved(props.name) ? id : props.name;
      recordFact(this.connection, { peering: this.peeringName });
      this.routes = this.addRoutes(planned.peeringId);
      if (props.securityRules) this.addSecurityRules(props.securityRules);
      return;
    }

    // DNS options are always written with explicit booleans: removing an options setting changes
    // nothing in AWS, so turning resolution off must be an explicit false. On an auto-accepted
    // (same account and region) connection they go inline, applied once it is active; across
    // accounts or regions each side sets its own in a separate resource, after acceptance, through
    // its own provider and region. Never both for one connection: they would overwrite each other.
    const local = !this.crossAccount && !this.crossRegion;
    this.connection = new VpcPeeringConnection(this, "connection", {
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      ...(local
        ? {
            autoAccept: true,
            requester: { allowRemoteVpcDnsResolution: dns.requester },
            accepter: { allowRemoteVpcDnsResolution: dns.accepter },
          }
        : { peerOwnerId, peerRegion }),
      region: requester.region,
      provider: requester.provider,
      tags,
    });
    // A name given as an expression (a module variable) is only known at plan time: record the id.
    this.peeringName = Token.isUnresolved(props.name) ? id : props.name;
    recordFact(this.connection, { peering: this.peeringName });

    let peeringId = this.connection.id;
    if (!local) {
      this.accepterResource = new VpcPeeringConnectionAccepterA(this, "accepter", {
        vpcPeeringConnectionId: this.connection.id,
        autoAccept: true,
        region: accepter.region,
        provider: accepter.provider,
        tags,
      });
      // The accepter's id is the connection's id, but referencing it orders everything after acceptance.
      peeringId = this.accepterResource.vpcPeeringConnectionId;
      this.requesterOptions = new VpcPeeringConnectionOptions(this, "requester-options", {
        vpcPeeringConnectionId: peeringId,
        region: requester.region,
        provider: requester.provider,
        requester: { allowRemoteVpcDnsResolution: dns.requester },
      });
      this.accepterOptions = new VpcPeeringConnectionOptions(this, "accepter-options", {
        vpcPeeringConnectionId: peeringId,
        region: accepter.region,
        provider: accepter.provider,
        accepter: { allowRemoteVpcDnsResolution: dns.accepter },
      });
    }

    this.routes = this.addRoutes(peeringId);
    if (props.securityRules) this.addSecurityRules(props.securityRules);
  }

  /**
   * The connection when account and region come from the providers: both known only at plan
   * time, so the choice between auto-accept and an accepter resource is a Terraform expression,
   * and the accepter resource has one instance or none (for_each). Each side always sets its own
   * DNS option through its own provider: inline options would need the choice made here.
   */
  private plannedAcceptance(dns: { requester: DnsFlag; accepter: DnsFlag }, tags: Record<string, string>) {
    const { requester, accepter } = this;
    const where = (side: "requester" | "accepter", vpc: IPeerableVpc) => ({
      account: new DataAwsCallerIdentity(this, `${side}-account`, { provider: vpc.provider }).accountId,
      region: new DataAwsRegion(this, `${side}-region`, { provider: vpc.provider }).region,
    });
    const from = where("requester", requester);
    const to = where("accepter", accepter);
    const sameRegion = Op.eq(from.region, to.region);
    const sameLocation = Op.and(Op.eq(from.account, to.account), sameRegion);
    const connection = new VpcPeeringConnection(this, "connection", {
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: to.account,
      peerRegion: Fn.conditional(sameRegion, Token.nullValue(), to.region),
      autoAccept: sameLocation,
      provider: requester.provider,
      tags,
    });
    const accepterResource = new VpcPeeringConnectionAccepterA(this, "accepter", {
      vpcPeeringConnectionId: connection.id,
      autoAccept: true,
      provider: accepter.provider,
      tags,
    });
    accepterResource.addOverride("for_each", Fn.toset(Fn.conditional(sameLocation, [], ["accepted"])));
    // The accepter's id when it exists (so options and routes wait for acceptance), else the connection's.
    const peeringId = `\${coalesce(one([for a in aws_vpc_peering_connection_accepter.${accepterResource.friendlyUniqueId} : a.id]), aws_vpc_peering_connection.${connection.friendlyUniqueId}.id)}`;
    const requesterOptions = new VpcPeeringConnectionOptions(this, "requester-options", {
      vpcPeeringConnectionId: peeringId,
      provider: requester.provider,
      requester: { allowRemoteVpcDnsResolution: dns.requester },
    });
    const accepterOptions = new VpcPeeringConnectionOptions(this, "accepter-options", {
      vpcPeeringConnectionId: peeringId,
      provider: accepter.provider,
      accepter: { allowRemoteVpcDnsResolution: dns.accepter },
    });
    return { connection, accepter: accepterResource, requesterOptions, accepterOptions, peeringId };
  }

  private addRoutes(peeringId: string): Route[] {
    const sides = { requester: this.requester, accepter: this.accepter };
    const routes = this.plan.routes.map((route) => {
      const vpc = sides[route.side];
      const resource = new Route(this, `route-${route.side}-${route.id}`, {
        routeTableId: vpc.routeTableIds[route.routeTable.key],
        ...(route.family === 4 ? { destinationCidrBlock: route.destination } : { destinationIpv6CidrBlock: route.destination }),
        vpcPeeringConnectionId: peeringId,
        region: vpc.region,
        provider: vpc.provider,
      });
      this.routeById.set(`${route.side}/${route.id}`, resource);
      return resource;
    });
    PeeringRegistry.of(this).register({
      plan: this.plan,
      construct: this.connection,
      routeConstruct: (route: RoutePlan): IConstruct | undefined => this.routeById.get(`${route.side}/${route.id}`),
    });
    return routes;
  }

  /**
   * Opens the listed ports between the two sides: security-group ingress rules on each side's
   * groups (and network-ACL rules both ways where a side has a custom ACL), sourced from the
   * peer's routed blocks, or its groups when one account and region allow references.
   */
  addSecurityRules(options: PeerSecurityRulesOptions): PeerSecurityRules {
    const id = this.securityRuleSets === 0 ? "security" : `security-${this.securityRuleSets + 1}`;
    this.securityRuleSets += 1;
    const rules = new PeerSecurityRules(this, id, {
      ...options,
      requester: this.requester,
      accepter: this.accepter,
      defaultRegion: this.defaultRegion,
      peeringName: this.peeringName,
    });
    this.securityRules ??= rules;
    return rules;
  }

  get connectionId(): string {
    return this.connection.id;
  }
}

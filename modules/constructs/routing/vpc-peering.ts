import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { TerraformProvider, Token, Tokenization } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { PeeringPlan, PeeringRouteTables, planPeering, routeTableChoiceProblem, routesNothing, withRouteTables } from "../../core/peering";
import { PEERING_TARGET, type RoutePlan, type RouteTargetRef, type Side } from "../../core/routes";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { AcceptanceContext, acceptanceFor, type DnsFlag, type PeeringTimeouts, type PlanTimeLocation } from "./acceptance";
import { RoutingRegistry } from "./routing-registry";
import { addRoute, IRouteTarget, RouteTargetArguments, type RouteTimeouts } from "./route-target";
import { PeerSecurityRules, PeerSecurityRulesOptions } from "./peer-security-rules";

export type { DnsFlag, PeeringTimeouts, PlanTimeLocation } from "./acceptance";

/** `routeTables` picks only tables the sides have (a typo would silently route nothing) and keeps one side's. */
function checkRouteTableChoice(id: string, choice: PeeringRouteTables | undefined, sides: { requester: IPeerableVpc; accepter: IPeerableVpc }): void {
  if (!choice) return;
  for (const side of ["requester", "accepter"] as const) {
    const problem = choice[side] && routeTableChoiceProblem(vpcSideSpec(sides[side]), choice[side]);
    if (problem) throw new Error(`VpcPeering ${id}: routeTables.${side}: ${problem}`);
  }
  if (routesNothing(choice)) {
    throw new Error(`VpcPeering ${id}: routeTables routes nothing on either side, so no traffic can cross the peering: keep the tables of at least one side`);
  }
}

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
  /** Extra tags on the connection (and the accepter resource): a map, or a Terraform expression of one (e.g. a module variable). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Tags of the request only and of the accepter resource only, after `tags` (e.g.
   * `{ requester: { Side: "Requester" }, accepter: { Side: "Accepter" } }`); each a map or an expression. @default none
   */
  readonly sideTags?: { readonly requester?: Readonly<Record<string, string>>; readonly accepter?: Readonly<Record<string, string>> };
  /**
   * Read each side's account and region from its provider at plan time (caller identity and
   * region data sources) and decide acceptance then: auto-accepted when they match, otherwise
   * `peer_owner_id`/`peer_region` on the request and an accepter resource on the accepter's
   * provider. For modules whose caller chooses the two providers. Ignored when `accountId` or
   * `region` already say the sides differ.
   * @default false: decided at synth time from the sides' `accountId` and `region`
   */
  readonly locateSidesAtPlanTime?: boolean;
  /**
   * With `locateSidesAtPlanTime`: the instance key of the accepter resource, which then has one
   * instance or none (`aws_vpc_peering_connection_accepter.<name>["<key>"]`). @default "accepted"
   */
  readonly accepterInstanceKey?: string;
  /**
   * When the requester is an `ExternalVpc`: the request its account made, which this stack
   * accepts (through the accepter's provider) before adding the accepter side's routes, DNS
   * option and rules. By id, or found by its tags (it must be the one connection between the two
   * VPCs with these tags). @default none
   */
  readonly existingConnection?: { readonly id: string } | { readonly tags: Readonly<Record<string, string>> };
  /**
   * When the accepter is an `ExternalVpc`: whether its account has accepted the request yet.
   * Until then only the request exists; AWS takes routes and options only on an active
   * connection, so set this once they accepted and deploy again to add the requester's routes
   * and DNS option. @default false
   */
  readonly accepted?: boolean;
  /**
   * How long Terraform waits for the connection (and the accepter) to be created, updated or
   * deleted, as Go durations (`30m`, `1h`). Inter-region and cross-account acceptance can take
   * longer than the provider's default. @default the provider's (1m create and update, 1m delete)
   */
  readonly timeouts?: PeeringTimeouts;
  /** How long Terraform waits for each of the peering's routes (`aws_route` timeouts). @default the provider's */
  readonly routeTimeouts?: RouteTimeouts;
  /**
   * Which route tables of each side get this peering's routes, by the keys the VPC lists them
   * under (its `routeTableIds`); `[]` makes no routes on that side (one-way: e.g. a shared-services
   * VPC that must not route back; replies then need another path). For a side that finds its
   * tables at plan time (`ExistingVpc` `discoverRouteTables`), `{ tags }`: the found tables that
   * also carry these tags. A key the side does not have is an error. @default every table of both sides
   */
  readonly routeTables?: PeeringRouteTables;
  /**
   * Where the accepter side's resources go (its DNS option and its routes): a construct in the
   * accepter's own stack, when a topology is split across stacks (each stack owning its VPCs'
   * side). cdktf then passes the active connection id to that stack as a cross-stack reference
   * (an output here, a `terraform_remote_state` there). The accepter resource stays here, so
   * this stack's deploy leaves the connection active (give `accepterProvider`); security rules
   * stay here too. @default this construct
   */
  readonly accepterScope?: Construct;
  /**
   * The provider (in this construct's stack) that accepts a cross-account or inter-region
   * request, when the accepter's own provider belongs to another stack (`accepterScope`).
   * @default accepter.provider
   */
  readonly accepterProvider?: TerraformProvider;
  /**
   * The accepter VPC's id as this construct's stack knows it, when `accepter` belongs to another
   * stack (`accepterScope`): a literal id or a lookup made in this stack, so the request does not
   * make this stack read the accepter's state. @default accepter.vpcId
   */
  readonly accepterVpcId?: string;
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
export class VpcPeering extends Construct implements IRouteTarget {
  /** The request, when this stack makes it (not when it accepts an external account's request). */
  readonly connection?: VpcPeeringConnection;
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
  /**
   * Each side's account and region as read from its provider at plan time, when
   * `locateSidesAtPlanTime` decides acceptance then (for other resources that depend on them).
   */
  readonly locatedSides?: Readonly<Record<Side, PlanTimeLocation>>;
  /** What this peering was planned into: routes (with table keys and destinations) and rules. */
  readonly plan: PeeringPlan;
  /** The Name tag, or the construct id when the name is only known at plan time. */
  readonly peeringName: string;
  private readonly defaultRegion?: string;
  private readonly routeById = new Map<string, Route>();
  private readonly routeTimeouts?: RouteTimeouts;
  private securityRuleSets = 0;
  private readonly activeId: string;
  /** Parent of the accepter side's resources: this construct, or its twin under `accepterScope`. */
  private readonly accepterSide: Construct;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    this.routeTimeouts = props.routeTimeouts;
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
    // Under accepterScope the accepter side gets a construct of the same id, so its resources
    // keep the addresses they have when both sides share a stack.
    this.accepterSide = props.accepterScope && props.accepterScope !== scope ? new Construct(props.accepterScope, id) : this;
    const accepterVpcId = props.accepterVpcId ?? accepter.vpcId;
    checkRouteTableChoice(id, props.routeTables, { requester, accepter });
    this.plan = planPeering(
      {
        name: props.name,
        where: this.node.path,
        requester: withRouteTables(vpcSideSpec(requester), props.routeTables?.requester),
        accepter: withRouteTables(vpcSideSpec(accepter), props.routeTables?.accepter),
      },
      { defaultRegion: props.defaultRegion },
    );
    this.crossAccount = this.plan.crossAccount;
    this.crossRegion = this.plan.crossRegion;
    this.peeringName = Token.isUnresolved(props.name) ? id : props.name;
    const ctx: AcceptanceContext = {
      scope: this,
      accepterSide: this.accepterSide,
      id,
      name: props.name,
      peeringName: this.peeringName,
      requester,
      accepter,
      accepterVpcId,
      crossAccount: this.crossAccount,
      crossRegion: this.crossRegion,
      dns,
      tags: props.tags ?? {},
      sideTags: props.sideTags,
      accepterKey: props.accepterInstanceKey,
      timeouts: props.timeouts,
      defaultRegion: props.defaultRegion,
      accepterProvider: props.accepterProvider,
      existingConnection: props.existingConnection,
      accepted: props.accepted,
    };
    const made = acceptanceFor(ctx, props.locateSidesAtPlanTime ?? false).connect(ctx);
    this.connection = made.connection;
    this.accepterResource = made.accepterResource;
    this.requesterOptions = made.requesterOptions;
    this.accepterOptions = made.accepterOptions;
    this.activeId = made.activeId;
    this.locatedSides = made.located;
    this.routes = this.addRoutes(made.construct, made.routedSides);
    if (props.securityRules) this.addSecurityRules(props.securityRules);
  }

  /** Routes of the plan on the sides that get them now, and the registry entry. */
  private addRoutes(construct: IConstruct, sides: readonly Side[]): Route[] {
    const vpcs = { requester: this.requester, accepter: this.accepter };
    const routes = this.plan.routes.filter((route) => sides.includes(route.side)).map((route) => {
      const resource = addRoute(route.side === "accepter" ? this.accepterSide : this, `route-${route.side}-${route.id}`, vpcs[route.side], route, this, { timeouts: this.routeTimeouts });
      this.routeById.set(`${route.side}/${route.id}`, resource);
      return resource;
    });
    const registered = {
      plan: this.plan,
      construct,
      routeConstruct: (route: RoutePlan): IConstruct | undefined => this.routeById.get(`${route.side}/${route.id}`),
    };
    RoutingRegistry.of(this).register(registered);
    // The accepter's stack checks its VPC's quotas (peerings per VPC, routes per table) with it too.
    if (this.accepterSide !== this) RoutingRegistry.of(this.accepterSide).register(registered);
    return routes;
  }

  /** As a route target: the connection, once active (the accepter's copy of its id where one accepts it). */
  get routeTarget(): RouteTargetRef {
    return { kind: PEERING_TARGET, name: this.peeringName };
  }

  routeArguments(): RouteTargetArguments {
    return { vpcPeeringConnectionId: this.activeId };
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

  /** The id routes and options use: the connection's, or the accepter's when one accepts it. */
  get connectionId(): string {
    return this.connection?.id ?? this.activeId;
  }
}

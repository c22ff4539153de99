import { Route, RouteConfig } from "@cdktf/provider-aws/lib/route";
import { Fn, IResolveContext, ITerraformDependable, Lazy, TerraformIterator, TerraformProvider, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { PEERING_TARGET, planRoutes, type RoutePlan, type RouteTargetRef } from "../../core/routes";
import { recordFact, recordOverTableSet } from "../facts";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { RoutingRegistry } from "./routing-registry";

/** The one `aws_route` argument that names where a route sends traffic. */
export type RouteTargetArguments = Pick<
  RouteConfig,
  | "vpcPeeringConnectionId"
  | "transitGatewayId"
  | "gatewayId"
  | "vpcEndpointId"
  | "natGatewayId"
  | "networkInterfaceId"
  | "egressOnlyGatewayId"
  | "carrierGatewayId"
  | "localGatewayId"
  | "coreNetworkArn"
>;

/**
 * Something a route can send traffic to (the shape of aws-cdk ec2-alpha's `IRouteTarget`): a
 * peering connection, a Transit Gateway attachment, a gateway endpoint. Plans, checks and the
 * report know it by `routeTarget`; only `routeArguments` knows which `aws_route` argument it is.
 */
export interface IRouteTarget {
  readonly routeTarget: RouteTargetRef;
  routeArguments(): RouteTargetArguments;
}

/** How long Terraform waits for a route (Go durations such as `5m`), as cloudposse's modules set them. */
export interface RouteTimeouts {
  /** @default the provider's (5m) */
  readonly create?: string;
  /** @default the provider's (2m) */
  readonly update?: string;
  /** @default the provider's (5m) */
  readonly delete?: string;
}

export interface AddRouteOptions {
  /** @default the provider's */
  readonly timeouts?: RouteTimeouts;
}

/**
 * The `aws_route` of one planned route in `vpc`'s table, to `target`. Tables found at plan time
 * (`discoverRouteTables`) get one route each, keyed by table id (for_each); a peering's share of
 * them ({ tags }) is found by the VPC too.
 */
export function addRoute(scope: Construct, id: string, vpc: IPeerableVpc, route: RoutePlan, target: IRouteTarget, options: AddRouteOptions = {}): Route {
  const discovered = route.routeTable.discovered;
  const found = discovered !== undefined && vpc.findRouteTables ? vpc.findRouteTables(discovered) : vpc.routeTableSets?.[route.routeTable.key];
  const each = found ? TerraformIterator.fromList(found) : undefined;
  const resource = new Route(scope, id, {
    forEach: each,
    routeTableId: each ? Token.asString(each.value) : vpc.routeTableIds[route.routeTable.key],
    ...(route.family === 4 ? { destinationCidrBlock: route.destination } : { destinationIpv6CidrBlock: route.destination }),
    ...target.routeArguments(),
    region: vpc.region,
    provider: vpc.provider,
    ...(options.timeouts ? { timeouts: { ...options.timeouts } } : {}),
  });
  // The report knows a peering route by its vpc_peering_connection_id; any other target is named here.
  if (target.routeTarget.kind !== PEERING_TARGET) recordFact(resource, { routeTarget: target.routeTarget });
  recordOverTableSet(resource, found);
  return resource;
}

export interface TargetRoutesProps {
  /** Where the routes send traffic. */
  readonly target: IRouteTarget;
  /** The VPC whose route tables get the routes (all of its tables). */
  readonly vpc: IPeerableVpc;
  /** Destination blocks, IPv4 or IPv6. */
  readonly destinations: readonly string[];
  /** How long Terraform waits for each route. @default the provider's */
  readonly timeouts?: RouteTimeouts;
}

/**
 * Routes from every route table of a VPC to a target that is not a peering. They are checked
 * with the stack's peering routes (one route per destination in a table, the route quota) and
 * recorded for the report like them.
 */
export class TargetRoutes extends Construct {
  readonly routes: readonly Route[];
  readonly plans: readonly RoutePlan[];

  constructor(scope: Construct, id: string, props: TargetRoutesProps) {
    super(scope, id);
    const side = vpcSideSpec(props.vpc);
    this.plans = planRoutes(props.target.routeTarget, side.routeTables, {
      ipv4: props.destinations.filter((d) => !d.includes(":")),
      ipv6: props.destinations.filter((d) => d.includes(":")),
    });
    const byPlan = new Map<RoutePlan, IConstruct>();
    this.routes = this.plans.map((plan) => {
      const route = addRoute(this, `route-${plan.id}`, props.vpc, plan, props.target, { timeouts: props.timeouts });
      byPlan.set(plan, route);
      return route;
    });
    RoutingRegistry.of(this).registerRoutes({ set: { where: this.node.path, routes: this.plans }, construct: this, routeConstruct: (plan) => byPlan.get(plan) });
  }
}

export interface PlanTimeRoutesProps {
  /**
   * Route table ids by a key, as a Terraform map known at plan time (a local, a variable, a
   * `for` expression): e.g. discovered tables keyed by id, or listed ones keyed by position.
   * Not with `groups`.
   */
  readonly routeTables?: unknown;
  /** Destination blocks (IPv4 or IPv6) by a key, as a Terraform map known at plan time. Not with `groups`. */
  readonly destinations?: unknown;
  /**
   * Instead of `routeTables` × `destinations`: groups (e.g. the VPCs of a map input) by a key, as
   * a Terraform map of `{ route_tables = map, destinations = map }`; each group's tables × its own
   * destinations, keyed `"<group>/<table key>/<destination key>"`, with `each.value.group` naming
   * the group (for a target argument per group). @default one group: routeTables × destinations
   */
  readonly groups?: unknown;
  /** Where the routes send traffic. */
  readonly target: IRouteTarget;
  readonly provider?: TerraformProvider;
  /** @default the provider's */
  readonly region?: string;
  /** Resources the routes wait for beyond the target (e.g. an accepter that exists only at plan time). @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** @default the provider's */
  readonly timeouts?: RouteTimeouts;
}

/** A value as one HCL expression, without its `${}`. */
function expressionText(context: IResolveContext, value: unknown): string {
  const resolved: unknown = context.resolve(value);
  if (typeof resolved !== "string") return JSON.stringify(resolved);
  const whole = /^\$\{([\s\S]*)\}$/.exec(resolved);
  return whole ? whole[1] : JSON.stringify(resolved);
}

/**
 * Routes whose tables and destinations are known only at plan time (a module's inputs): one
 * `aws_route` with an instance per table × destination, keyed `"<table key>/<destination key>"`,
 * each IPv4 or IPv6 by its block. Unlike `addRoute`, nothing is planned or checked at synth
 * time: the keys and blocks are not known then.
 */
export function addPlanTimeRoutes(scope: Construct, id: string, props: PlanTimeRoutesProps): Route {
  const pairs = Lazy.anyValue({
    produce: (context: IResolveContext) => {
      if (props.groups !== undefined) {
        const groups = expressionText(context, props.groups);
        return `\${{ for r in flatten([for g, v in ${groups} : [for pair in setproduct(keys(v.route_tables), keys(v.destinations)) : { key = "\${g}/\${pair[0]}/\${pair[1]}", group = g, route_table_id = v.route_tables[pair[0]], destination = v.destinations[pair[1]] }]]) : r.key => r }}`;
      }
      const tables = expressionText(context, props.routeTables);
      const destinations = expressionText(context, props.destinations);
      return `\${{ for pair in setproduct(keys(${tables}), keys(${destinations})) : "\${pair[0]}/\${pair[1]}" => { route_table_id = (${tables})[pair[0]], destination = (${destinations})[pair[1]] } }}`;
    },
  });
  const each = TerraformIterator.fromMap(pairs as unknown as Record<string, unknown>);
  const destination = each.getString("destination");
  const ipv6 = Fn.strcontains(destination, ":");
  const resource = new Route(scope, id, {
    forEach: each,
    routeTableId: each.getString("route_table_id"),
    destinationCidrBlock: Fn.conditional(ipv6, Token.nullValue(), destination) as string,
    destinationIpv6CidrBlock: Fn.conditional(ipv6, destination, Token.nullValue()) as string,
    ...props.target.routeArguments(),
    region: props.region,
    provider: props.provider,
    dependsOn: props.dependsOn,
    ...(props.timeouts ? { timeouts: { ...props.timeouts } } : {}),
  });
  if (props.target.routeTarget.kind !== PEERING_TARGET) recordFact(resource, { routeTarget: props.target.routeTarget });
  return resource;
}

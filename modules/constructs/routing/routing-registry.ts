import { Aspects, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import type { PeeringPlan, RouteSet } from "../../core/peering";
import type { RoutePlan } from "../../core/routes";
import { RuleNumbers } from "../../core/security";

/** A peering as built: its plan and the constructs that carry it out, for checks to point at. */
export interface RegisteredPeering {
  readonly plan: PeeringPlan;
  /** The construct a peering-level problem is reported on (the connection). */
  readonly construct: IConstruct;
  /** The construct of one planned route. */
  routeConstruct(route: RoutePlan): IConstruct | undefined;
}

/** Routes to a target that is not a peering, as built (TargetRoutes), for the route checks. */
export interface RegisteredRouteSet {
  readonly set: RouteSet;
  /** The construct a problem about the set as a whole is reported on. */
  readonly construct: IConstruct;
  routeConstruct(route: RoutePlan): IConstruct | undefined;
}

const registries = new WeakMap<TerraformStack, RoutingRegistry>();

/**
 * The peerings of one stack, in creation order, and the network-ACL rule numbers they share, so
 * peerings built independently (by hand, by a mesh, by a config) never reuse a rule number and
 * the cross-peering checks (PeeringChecks) see every plan without reading resources back.
 */
export class RoutingRegistry {
  static of(scope: IConstruct): RoutingRegistry {
    const stack = TerraformStack.of(scope);
    let registry = registries.get(stack);
    if (!registry) {
      registry = new RoutingRegistry(stack);
      registries.set(stack, registry);
    }
    return registry;
  }

  readonly ruleNumbers = new RuleNumbers();
  private readonly list: RegisteredPeering[] = [];

  private constructor(private readonly stack: TerraformStack) {}

  private readonly sets: RegisteredRouteSet[] = [];
  private checksAttached = false;

  /** Adds a peering; the first peering or route set attaches the checks to the stack. */
  register(peering: RegisteredPeering): void {
    this.attachChecks();
    this.list.push(peering);
  }

  /** Adds routes to a target that is not a peering: they count in the route checks of their tables. */
  registerRoutes(set: RegisteredRouteSet): void {
    this.attachChecks();
    this.sets.push(set);
  }

  get peerings(): readonly RegisteredPeering[] {
    return this.list;
  }

  get routeSets(): readonly RegisteredRouteSet[] {
    return this.sets;
  }

  private attachChecks(): void {
    if (this.checksAttached) return;
    this.checksAttached = true;
    // Required here: peering-checks.ts imports this module.
    const { PeeringChecks } = require("../checks/peering-checks") as typeof import("../checks/peering-checks");
    Aspects.of(this.stack).add(new PeeringChecks());
  }
}

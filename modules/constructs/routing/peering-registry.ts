import { Aspects, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import type { PeeringPlan } from "../../core/peering";
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

const registries = new WeakMap<TerraformStack, PeeringRegistry>();

/**
 * The peerings of one stack, in creation order, and the network-ACL rule numbers they share, so
 * peerings built independently (by hand, by a mesh, by a config) never reuse a rule number and
 * the cross-peering checks (PeeringChecks) see every plan without reading resources back.
 */
export class PeeringRegistry {
  static of(scope: IConstruct): PeeringRegistry {
    const stack = TerraformStack.of(scope);
    let registry = registries.get(stack);
    if (!registry) {
      registry = new PeeringRegistry(stack);
      registries.set(stack, registry);
    }
    return registry;
  }

  readonly ruleNumbers = new RuleNumbers();
  private readonly list: RegisteredPeering[] = [];

  private constructor(private readonly stack: TerraformStack) {}

  /** Adds a peering; the first one attaches the cross-peering checks to the stack. */
  register(peering: RegisteredPeering): void {
    if (this.list.length === 0) {
      // Required here: peering-checks.ts imports this module.
      const { PeeringChecks } = require("../checks/peering-checks") as typeof import("../checks/peering-checks");
      Aspects.of(this.stack).add(new PeeringChecks());
    }
    this.list.push(peering);
  }

  get peerings(): readonly RegisteredPeering[] {
    return this.list;
  }
}

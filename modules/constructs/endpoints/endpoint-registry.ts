import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { endpointConflicts, type EndpointSpec } from "../../core/endpoints";
import { formatProblem } from "../../core/problems";
import { RoutingRegistry } from "../routing/routing-registry";

const registries = new WeakMap<TerraformStack, EndpointRegistry>();

/**
 * The VPC endpoints of one stack, so the rules between endpoints (one endpoint per service per
 * route table, a spoke's own endpoint beside a centralized one, a spoke peered with its hub) see
 * every endpoint however it was made. The first endpoint adds the check to the stack
 * (node.addValidation), which `app.synth()` and `Testing.fullSynth()` run.
 */
export class EndpointRegistry {
  static of(scope: IConstruct): EndpointRegistry {
    const stack = TerraformStack.of(scope);
    let registry = registries.get(stack);
    if (!registry) {
      registry = new EndpointRegistry(stack);
      registries.set(stack, registry);
    }
    return registry;
  }

  /** Specs are read at validation time: `shareWith` may add spokes after construction. */
  private readonly specs: (() => EndpointSpec)[] = [];

  private constructor(stack: TerraformStack) {
    stack.node.addValidation({
      validate: () => {
        // Peered means some peering of the stack joins the two VPCs; without peerings nothing is checked.
        const peerings = RoutingRegistry.of(stack).peerings.map((p) => [p.plan.spec.requester.identity, p.plan.spec.accepter.identity]);
        const peered = peerings.length === 0 ? undefined : (a: string, b: string) => peerings.some(([r, c]) => (r === a && c === b) || (r === b && c === a));
        return endpointConflicts(this.specs.map((s) => s()), peered).map(formatProblem);
      },
    });
  }

  register(spec: () => EndpointSpec): void {
    this.specs.push(spec);
  }
}

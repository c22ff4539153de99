import { Lazy, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { FACT_KEY, ResourceFact, writeFacts } from "../core/facts";

type Element = TerraformResource | TerraformDataSource;

const recorded = new WeakMap<TerraformStack, Map<Element, ResourceFact>>();

/**
 * Records what a resource or data source is in the topology, for readers of the synthesized JSON
 * (the report). Facts go in one index under the stack's top-level `"//"` (a Terraform JSON
 * comment), keyed by address, written when the stack is synthesized so late logical-id overrides
 * count. (cdktf replaces a data source's own `"//"` with its metadata, so it cannot hold them.)
 */
export function recordFact(element: Element, fact: ResourceFact): void {
  const stack = TerraformStack.of(element);
  let facts = recorded.get(stack);
  if (!facts) {
    const index = (facts = new Map());
    recorded.set(stack, index);
    stack.addOverride(
      `//.${FACT_KEY}`,
      Lazy.anyValue({
        produce: () =>
          writeFacts([...index].map(([e, f]) => [`${e instanceof TerraformDataSource ? "data." : ""}${e.terraformResourceType}.${e.friendlyUniqueId}`, f])),
      }),
    );
  }
  facts.set(element, { ...facts.get(element), ...fact });
}

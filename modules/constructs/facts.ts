import { Lazy, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { EXTERNAL_FACT_KEY, ExternalVpcFact, FACT_KEY, ResourceFact, SPLIT_FACT_KEY, SplitFact, writeFacts } from "../core/facts";

type Element = TerraformResource | TerraformDataSource;

interface StackFacts {
  readonly resources: Map<Element, ResourceFact>;
  readonly externals: Map<string, ExternalVpcFact>;
  split?: SplitFact;
}

const recorded = new WeakMap<TerraformStack, StackFacts>();

/**
 * The facts of `stack`, written into its JSON under the top-level `"//"` (a Terraform JSON
 * comment) when the stack is synthesized, so late logical-id overrides count. (cdktf replaces a
 * data source's own `"//"` with its metadata, so it cannot hold them.)
 */
function factsOf(stack: TerraformStack): StackFacts {
  let facts = recorded.get(stack);
  if (!facts) {
    const index: StackFacts = (facts = { resources: new Map(), externals: new Map() });
    recorded.set(stack, index);
    stack.addOverride(
      `//.${FACT_KEY}`,
      Lazy.anyValue({
        produce: () => ({
          ...writeFacts([...index.resources].map(([e, f]) => [`${e instanceof TerraformDataSource ? "data." : ""}${e.terraformResourceType}.${e.friendlyUniqueId}`, f])),
          ...(index.externals.size > 0 ? { [EXTERNAL_FACT_KEY]: Object.fromEntries([...index.externals].map(([k, { key: _key, ...f }]) => [k, Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))])) } : {}),
          ...(index.split ? { [SPLIT_FACT_KEY]: { topology: index.split.topology, stacks: [...index.split.stacks] } } : {}),
        }),
      }),
    );
  }
  return facts;
}

/** Records what a resource or data source is in the topology, for readers of the synthesized JSON (the report). */
export function recordFact(element: Element, fact: ResourceFact): void {
  const facts = factsOf(TerraformStack.of(element)).resources;
  facts.set(element, { ...facts.get(element), ...fact });
}

/** Records that `stack` is one stack of a split topology, for readers that read the split as one. */
export function recordSplitFact(stack: TerraformStack, fact: SplitFact): void {
  factsOf(stack).split = fact;
}

/** Records a VPC of another account as the config states it (id, account, blocks), for the report. */
export function recordExternalVpc(stack: TerraformStack, fact: ExternalVpcFact): void {
  factsOf(stack).externals.set(fact.key, fact);
}

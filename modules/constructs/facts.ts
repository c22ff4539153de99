import { Lazy, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { ExternalVpcFact, FACT_KEY, ResourceFact, SplitFact, writeFacts } from "../core/facts";

type Element = TerraformResource | TerraformDataSource;

interface StackFacts {
  readonly resources: Map<Element, ResourceFact>;
  /** A resource made once per table of a set found at plan time → that set's data source. */
  readonly overTableSet: Map<Element, Element>;
  readonly externals: Map<string, ExternalVpcFact>;
  split?: SplitFact;
}

const recorded = new WeakMap<TerraformStack, StackFacts>();

const addressOf = (e: Element) => `${e instanceof TerraformDataSource ? "data." : ""}${e.terraformResourceType}.${e.friendlyUniqueId}`;

/**
 * The facts of `stack`, written into its JSON under the top-level `"//"` (a Terraform JSON
 * comment) when the stack is synthesized, so late logical-id overrides count. (cdktf replaces a
 * data source's own `"//"` with its metadata, so it cannot hold them.)
 */
function factsOf(stack: TerraformStack): StackFacts {
  let facts = recorded.get(stack);
  if (!facts) {
    const index: StackFacts = (facts = { resources: new Map(), overTableSet: new Map(), externals: new Map() });
    recorded.set(stack, index);
    stack.addOverride(
      `//.${FACT_KEY}`,
      Lazy.anyValue({
        produce: () => {
          const resources = new Map(index.resources);
          for (const [element, tables] of index.overTableSet) resources.set(element, { ...resources.get(element), routeTableSet: addressOf(tables) });
          return writeFacts({ resources: [...resources].map(([e, f]) => [addressOf(e), f]), externals: index.externals.values(), split: index.split });
        },
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

/** The data sources behind route-table id lists found at plan time, by the list they return. */
const tableSets = new WeakMap<readonly string[], Element>();

/** Records that `ids` (a list known at plan time) are the tables `source` finds. */
export function recordRouteTableSet(ids: readonly string[], source: Element): void {
  tableSets.set(ids, source);
}

/**
 * Records that `element` is made once per table of `ids` (its for_each), when `ids` is a set
 * recorded with recordRouteTableSet: the report then knows which tables it is in without reading
 * the for_each expression.
 */
export function recordOverTableSet(element: Element, ids: readonly string[] | undefined): void {
  const source = ids ? tableSets.get(ids) : undefined;
  if (source) factsOf(TerraformStack.of(element)).overTableSet.set(element, source);
}

/** Records that `stack` is one stack of a split topology, for readers that read the split as one. */
export function recordSplitFact(stack: TerraformStack, fact: SplitFact): void {
  factsOf(stack).split = fact;
}

/** Records a VPC of another account as the config states it (id, account, blocks), for the report. */
export function recordExternalVpc(stack: TerraformStack, fact: ExternalVpcFact): void {
  factsOf(stack).externals.set(fact.key, fact);
}

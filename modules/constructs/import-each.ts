import { TerraformElement, TerraformIterator, TerraformProvider } from "cdktf";
import { Construct } from "constructs";

export interface ImportEachProps {
  /** The collection the resource's own for_each runs over: one import per instance. */
  readonly forEach: TerraformIterator;
  /** The resource's address without the instance key, e.g. `aws_route.web_route`. */
  readonly to: string;
  /** The import id of each instance, a template over `each.key` / `each.value`, e.g. `${each.value}_10.1.0.0/16`. */
  readonly id: string;
  readonly provider?: TerraformProvider;
}

/**
 * An `import` block with `for_each` (Terraform >= 1.7): adopts every instance of a resource whose
 * instances are known only at plan time (e.g. routes into route tables found then), which
 * `importFrom` cannot name one by one. cdktf 0.21 has no construct for it, so this element writes
 * the block itself; the stack merges it with the other import blocks.
 */
export class ImportEach extends TerraformElement {
  constructor(scope: Construct, id: string, private readonly props: ImportEachProps) {
    super(scope, id);
  }

  toTerraform(): Record<string, unknown> {
    return {
      import: [{ for_each: this.props.forEach._getForEachExpression(), to: `${this.props.to}[each.key]`, id: this.props.id, provider: this.props.provider?.fqn }],
    };
  }
}

import { Fn, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";

/**
 * Merges a tags map under the own tags of every taggable resource: what a provider's
 * default_tags does in a root stack, for a module that has no provider block of its own.
 */
export class ModuleTags implements IAspect {
  constructor(private readonly tags: { [key: string]: string }) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !("tagsInput" in node)) return;
    const own = (node as TerraformResource & { tagsInput?: { [key: string]: string } }).tagsInput ?? {};
    node.addOverride("tags", Fn.merge([this.tags, own]));
  }
}

import { TerraformElement, TerraformResource, TerraformStack } from "cdktf";
import { Construct, IConstruct, Node } from "constructs";

export interface ReadableAddressStackProps {
  /**
   * Also write a `moved` block from each resource's cdktf-hashed address
   * (`aws_route.peering-a-b_route-x_385FDDD8`) to its readable one, so a stack deployed with
   * hashed addresses is taken over in place by its next apply instead of being replaced.
   * Needed for one apply after upgrading; harmless (and ignored by Terraform) afterwards.
   * @default false
   */
  readonly movedFromHashedAddresses?: boolean;
}

/**
 * A stack whose resource, data source and output names are the construct path below the stack,
 * joined by `_`, with no hash suffix: `aws_route.peering-api-web-pc_route-requester-api-vpc-rtb-to-10-0-0-0-16`
 * instead of cdktf's `..._825B60AE`. Names stay the same from run to run and say what a resource
 * is, which is what `terraform import`, `moved` blocks, `-target` and state surgery need.
 *
 * Two paths that join to the same name (possible only when construct ids themselves contain `_`)
 * keep cdktf's hash suffix on the second one, so names are always unique.
 */
export class ReadableAddressStack extends TerraformStack {
  private readonly allocated = new Map<string, Node>();
  private readonly movedFromHashes: boolean;

  constructor(scope: Construct, id: string, props: ReadableAddressStackProps = {}) {
    super(scope, id);
    this.movedFromHashes = props.movedFromHashedAddresses ?? false;
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const name = readableName(node.scopes.slice(node.scopes.indexOf(this) + 1));
    const holder = this.allocated.get(name);
    if (name === "" || (holder !== undefined && holder !== node)) return super.allocateLogicalId(element);
    this.allocated.set(name, node);
    return name;
  }

  toTerraform(): Record<string, unknown> {
    if (this.movedFromHashes) {
      for (const resource of this.node.findAll().filter(isResource)) {
        if (resource.cdktfStack !== this) continue;
        const hashed = super.allocateLogicalId(resource);
        if (hashed !== resource.friendlyUniqueId) resource.moveFromId(`${resource.terraformResourceType}.${hashed}`);
      }
    }
    return super.toTerraform();
  }
}

function isResource(c: IConstruct): c is TerraformResource {
  return TerraformResource.isTerraformResource(c);
}

/**
 * The path's ids joined by `_`; cdktf's "Default" ids are left out as in its own naming. A
 * character Terraform does not allow in a name becomes `-`, and a name that would start with a
 * digit or `-` gets a leading `_`.
 */
function readableName(scopes: readonly IConstruct[]): string {
  const name = scopes
    .map((c) => c.node.id)
    .filter((id) => id !== "Default" && id !== "")
    .map((id) => id.replace(/[^A-Za-z0-9_-]+/g, "-"))
    .join("_");
  return /^[A-Za-z_]/.test(name) || name === "" ? name : `_${name}`;
}

import { TerraformStack } from "cdktf";
import { ReadableAddressStack } from "../constructs/readable-address-stack";

// The one place that leans on how cdktf 0.21 synthesizes rather than on its documented API, for
// speed. __tests__/app/cdktf-adapter.test.ts pins the cdktf version and checks the output is the
// same with and without it.

/**
 * A stack that skips cdktf's cross-stack preparation pass when it is the only stack in its app.
 * cdktf resolves every element once before writing only to discover cross-stack references, then
 * again to write; alone in its app a stack has no other stack to reference, so the first pass is
 * wasted. Measured 2026-12-06 (`node scripts/app.cjs main.ts --config <mesh>`, 2 cores): the
 * 126-VPC mesh synthesizes in 6.5-7.0 s with the pass skipped, 8.2-8.4 s with it; at 50 VPCs the
 * difference is within noise. Beside other stacks it runs as usual.
 * The backend check that pass also does is moot for stacks that always configure a backend.
 */
export class SingleStackFastPath extends ReadableAddressStack {
  /**
   * cdktf's own check (run by addDependency for every cross-stack reference) walks every path of
   * the dependency graph: exponential when stacks depend on many stacks that depend on each other
   * (a mesh split per VPC: 20 VPCs 1 s, 40 VPCs over 10 min). The same answer, each stack once.
   */
  dependsOn(stack: TerraformStack): boolean {
    const seen = new Set<TerraformStack>();
    const walk = (s: TerraformStack): boolean => {
      if (seen.has(s)) return false;
      seen.add(s);
      return s.dependencies.includes(stack) || s.dependencies.some(walk);
    };
    return walk(this);
  }

  prepareStack(): void {
    const app = this.node.scope;
    if (app && app.node.children.filter((c) => TerraformStack.isStack(c)).length === 1) return;
    super.prepareStack();
  }
}

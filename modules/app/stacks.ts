import type { App } from "cdktf";
import { escapeTemplates } from "../core/template";
import type { TopologyConfig } from "./config/schema";
import { hasStateStack, STATE_STACK } from "./names";
import { PeeringStack } from "./peering-stack";
import { buildSplitStacks } from "./split-stacks";
import { StateStack } from "./state-stack";

/**
 * Every stack a validated config makes, in `app` (what `npm run synth` and cdktf.json's app
 * synthesize); returns the names of the topology's stacks. Config text reaches them escaped, so
 * Terraform takes `${...}` and `%{...}` in it literally.
 */
export function buildStacks(app: App, config: TopologyConfig): string[] {
  const names = config.split === "none" ? [new PeeringStack(app, config.stack, config).node.id] : buildSplitStacks(app, config).map((s) => s.node.id);
  // The bootstrap stack creates the state bucket; a custom endpoint means the store is managed
  // elsewhere. No stack dependency is declared: cdktf refuses `deploy <stack>` for a stack whose
  // dependencies are not named too, and the bucket is made once (`npx cdktf deploy state`)
  // while the main stack is deployed many times (`npx cdktf deploy <stack>`).
  if (hasStateStack(config) && config.backend.type === "s3") {
    const escaped = escapeTemplates(config);
    const backend = escaped.backend as typeof config.backend & { type: "s3" };
    new StateStack(app, STATE_STACK, { backend, accountId: config.accountId, tags: escaped.tags, movedFromHashedAddresses: config.movedFromHashedAddresses });
  }
  return names;
}

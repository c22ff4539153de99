import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects } from "cdktf";
import { Construct } from "constructs";
import type { TopologyConfig } from "../app/config/schema";
import { planTopology } from "../app/adapter";
import { ModuleBinding, PeeringStack } from "../app/peering-stack";
import { PROVIDER_SIDES } from "../app/tunables";
import { moduleInputs } from "./inputs";
import { ModuleTags } from "./tags";
import { ModuleVariables } from "./variables";

/**
 * The body of a Terraform module generated from a config: tunable values become variables,
 * resources use the caller's `aws.requester` / `aws.accepter` providers, and there is no backend
 * (see writer.ts, which turns the synthesized JSON into main.tf.json).
 */
export class ModuleStack extends PeeringStack {
  constructor(scope: Construct, id: string, config: TopologyConfig) {
    super(scope, id, config, {
      bindModule: (stack, plan): ModuleBinding => {
        if (Object.keys(plan.accounts).length > 0) {
          throw new Error("accounts: module mode does not support cross-account VPCs yet (its callers pass only aws.requester and aws.accepter); synthesize this topology as a stack with `npm run synth`");
        }
        // Variable defaults are literal values in Terraform JSON (not templates): they come from
        // the config as written, while the stack's own literals are escaped.
        const variables = new ModuleVariables(stack, "inputs", { inputs: moduleInputs(config, planTopology(config)) });
        // Provider blocks only give resources their `aws.<alias>` references; the module writer
        // drops the blocks and declares the aliases as configuration_aliases for the caller to pass.
        const providers = Object.fromEntries(PROVIDER_SIDES.map((side) => [side, new AwsProvider(stack, side, { alias: side })]));
        Aspects.of(stack).add(new ModuleTags(variables.tags));
        return { tunables: variables, providerFor: (side) => providers[side] };
      },
    });
  }
}

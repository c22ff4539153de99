import { expandPeerings } from "./modules/app/adapter";
import { CONFIG_FLAGS, readCliInput, runCli } from "./modules/app/cli";
import { withoutCreationStacks } from "./modules/app/creation-stacks";
import { hasStateStack, STATE_STACK } from "./modules/app/names";
import { PeeringStack } from "./modules/app/peering-stack";
import { buildSplitStacks } from "./modules/app/split-stacks";
import { StateStack } from "./modules/app/state-stack";
import { synthAtomically } from "./modules/app/synth";
import { rerunWithLargerYoungGeneration } from "./modules/app/young-generation";
import { escapeTemplates } from "./modules/core/template";

// Entry of `npm run synth` and of `cdktf synth/diff/deploy` (cdktf.json): config → stacks → synth.
runCli(() => {
  const input = readCliInput({
    usage: "npm run synth --",
    summary: "Synthesizes the topology file into cdktf.out/stacks/<stack>/cdk.tf.json (and the state bucket's stack for an s3 backend).",
    flags: { ...CONFIG_FLAGS, output: { ...CONFIG_FLAGS.output, description: "Output directory; default: $CDKTF_OUTDIR, else cdktf.out" } },
  });
  if (!input) return;
  const { configFile, config, output } = input;
  const rerun = rerunWithLargerYoungGeneration(expandPeerings(config).length);
  if (rerun !== undefined) return rerun;
  const outdir = output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  let names = [config.stack];
  withoutCreationStacks(() =>
    synthAtomically(outdir, (app) => {
      if (config.split === "none") new PeeringStack(app, config.stack, config);
      else names = buildSplitStacks(app, config).map((s) => s.node.id);
      // The bootstrap stack creates the state bucket; a custom endpoint means the store is managed
      // elsewhere. No stack dependency is declared: cdktf refuses `deploy <stack>` for a stack whose
      // dependencies are not named too, and the bucket is made once (`npx cdktf deploy state`)
      // while the main stack is deployed many times (`npx cdktf deploy <stack>`).
      if (hasStateStack(config) && config.backend.type === "s3") {
        new StateStack(app, STATE_STACK, { backend: config.backend, accountId: config.accountId, tags: escapeTemplates(config.tags), movedFromHashedAddresses: config.movedFromHashedAddresses });
      }
    }),
  );
  if (names.length === 1) console.log(`synthesized stack "${config.stack}" from ${configFile} into ${outdir}/stacks/${config.stack}`);
  else console.log(`synthesized ${names.length} stacks (split ${config.split}) from ${configFile} into ${outdir}/stacks: ${names.join(", ")}`);
  return undefined;
});

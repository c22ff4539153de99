import { TerraformStack } from "cdktf";
import { expandPeerings } from "./modules/app/adapter";
import { CONFIG_FLAGS, readCliInput, runCli } from "./modules/app/cli";
import { withoutCreationStacks } from "./modules/app/creation-stacks";
import { buildStacks } from "./modules/app/stacks";
import { synthAtomically } from "./modules/app/synth";
import { rerunWithLargerYoungGeneration } from "./modules/app/young-generation";

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
  let written: string[] = [];
  withoutCreationStacks(() =>
    synthAtomically(outdir, (app) => {
      names = buildStacks(app, config);
      written = app.node.children.filter((c) => TerraformStack.isStack(c)).map((c) => c.node.id);
    }),
  );
  // Every stack written is named, the state bucket's too (it is deployed on its own, once).
  const state = written.filter((n) => !names.includes(n));
  const also = state.length > 0 ? `, and the state bucket's stack "${state.join('", "')}" (deploy it once first: npx cdktf deploy ${state.join(" ")})` : "";
  if (names.length === 1) console.log(`synthesized stack "${config.stack}" from ${configFile} into ${outdir}/stacks/${config.stack}${also}`);
  else console.log(`synthesized ${names.length} stacks (split ${config.split}) from ${configFile} into ${outdir}/stacks: ${names.join(", ")}${also}`);
  return undefined;
});

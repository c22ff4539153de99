import { CONFIG_FLAGS, readCliInput, runCli } from "./modules/app/cli";
import { writeModule } from "./modules/tf-module/writer";

// Entry of `npm run synth:module`: the same config as `npm run synth`, written as a Terraform
// module. Default output dist/modules/<stack> (not under cdktf.out, which `synth` replaces whole).
runCli(() => {
  const input = readCliInput({
    usage: "npm run synth:module --",
    summary: "Writes the topology file as a Terraform module (main.tf.json and README.md).",
    flags: { ...CONFIG_FLAGS, output: { ...CONFIG_FLAGS.output, description: "Module directory; default: dist/modules/<stack>" } },
  });
  if (!input) return;
  const { configFile, config, output } = input;
  const outdir = output ?? `dist/modules/${config.stack}`;
  writeModule(config, { outdir });
  console.log(`wrote Terraform module "${config.stack}" from ${configFile} into ${outdir} (main.tf.json, README.md)`);
});

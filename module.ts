import { parseArgs } from "node:util";
import { ConfigError } from "./modules/config/errors";
import { loadConfig } from "./modules/config/load";
import { writeModule } from "./modules/module-synth";

// Entry of `npm run synth:module`: the same config as `npm run synth`, written as a Terraform
// module. Default output dist/modules/<stack> (not under cdktf.out, which `synth` replaces whole).

const DEFAULT_CONFIG = "config/lab.yaml";

function main(): void {
  const { values } = parseArgs({
    options: {
      config: { type: "string", short: "c" },
      output: { type: "string", short: "o" },
    },
  });
  const configFile = values.config ?? process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile);
  const outdir = values.output ?? `dist/modules/${config.stack}`;
  writeModule(config, { outdir });
  console.log(`wrote Terraform module "${config.stack}" from ${configFile} into ${outdir} (main.tf.json, README.md)`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof TypeError ? err.message : err);
  process.exitCode = 1;
}

import { parseArgs } from "node:util";
import { ConfigError } from "./modules/config/errors";
import { withoutCreationStacks } from "./modules/creation-stacks";
import { loadConfig } from "./modules/config/load";
import { formatProblem } from "./modules/planning/problems";
import { PeeringStack } from "./modules/peering-stack";
import { synthAtomically } from "./modules/synth";

const DEFAULT_CONFIG = "config/lab.yaml";

function main(): void {
  const { values } = parseArgs({
    options: {
      config: { type: "string", short: "c" },
      output: { type: "string", short: "o" },
    },
  });
  const configFile = values.config ?? process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const outdir = values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";

  const config = loadConfig(configFile, { onWarning: (w) => console.warn(`warning: ${configFile}: ${formatProblem(w)}`) });
  withoutCreationStacks(() =>
    synthAtomically(outdir, (app) => {
      new PeeringStack(app, config.stack, config);
    }),
  );
  console.log(`synthesized stack "${config.stack}" from ${configFile} into ${outdir}/stacks/${config.stack}`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof TypeError ? err.message : err);
  process.exitCode = 1;
}

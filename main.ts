import { parseArgs } from "node:util";
import { ConfigError } from "./modules/config/errors";
import { withoutCreationStacks } from "./modules/creation-stacks";
import { loadConfig } from "./modules/config/load";
import { formatProblem } from "./modules/planning/problems";
import { PeeringStack } from "./modules/peering-stack";
import { StateStack } from "./modules/state-stack";
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
      const stack = new PeeringStack(app, config.stack, config);
      // The bootstrap stack creates the state bucket; a custom endpoint means the store is managed elsewhere.
      if (config.backend.type === "s3" && config.backend.endpoint === undefined) {
        stack.addDependency(new StateStack(app, "state", { backend: config.backend, tags: config.tags }));
      }
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

import { parseArgs } from "node:util";
import { ConfigError } from "../core/problems";
import { loadConfig } from "./config/load";
import type { TopologyConfig } from "./config/schema";
import { formatProblem } from "../core/problems";

// What the entry points (main.ts, module.ts) share: flags, config loading with warnings, and
// how a failure is reported.

export const DEFAULT_CONFIG = "config/lab.yaml";

export interface CliInput {
  readonly configFile: string;
  readonly config: TopologyConfig;
  /** `--output`, when given. */
  readonly output?: string;
}

/** `--config <file>` (else env PEERING_CONFIG, else the lab) and `--output <dir>`; warnings go to stderr. */
export function readCliInput(argv = process.argv.slice(2)): CliInput {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: "string", short: "c" },
      output: { type: "string", short: "o" },
    },
  });
  const configFile = values.config ?? process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile, { onWarning: (w) => console.warn(`warning: ${configFile}: ${formatProblem(w)}`) });
  return { configFile, config, output: values.output };
}

/** Runs `main`; config and flag errors print as their message alone, anything else with its stack. */
export function runCli(main: () => void): void {
  try {
    main();
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof TypeError ? err.message : err);
    process.exitCode = 1;
  }
}

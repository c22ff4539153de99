// Writes config/topology.schema.json, the JSON Schema editors use to check and complete topology files.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../modules/app/config/json-schema";
import { parseFlags, runCli } from "../modules/app/cli";

runCli(() => {
  const flags = parseFlags({
    usage: "npm run schema --",
    summary: "Writes the JSON Schema of the topology file (config/topology.schema.json), which editors use to check and complete configs.",
    flags: { output: { type: "string", short: "o", value: "<file>", description: "Where to write; default config/topology.schema.json" } },
  });
  if (!flags) return;
  const file = flags.output ?? "config/topology.schema.json";
  writeFileSync(file, configJsonSchema());
  console.log(`wrote ${file}`);
});

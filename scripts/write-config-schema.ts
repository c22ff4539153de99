// Writes config/topology.schema.json, the JSON Schema editors use to check and complete topology files.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../modules/app/config/json-schema";

const file = process.argv[2] ?? "config/topology.schema.json";
writeFileSync(file, configJsonSchema());
console.log(`wrote ${file}`);

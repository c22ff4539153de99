// The provider schema served by the stand-in: only the modules the project imports.
import { extractType } from "./extract";
import type { ProviderSchema } from "./types";

export function buildSchema(libDir: string, modules: string[]): ProviderSchema {
  const schema: ProviderSchema = { provider: { block: { attributes: {}, block_types: {} } }, resource_schemas: {}, data_source_schemas: {} };
  for (const name of modules) {
    const t = extractType(libDir, name);
    if (t.kind === "provider") schema.provider = { block: t.block };
    else if (t.kind === "resource") schema.resource_schemas[t.typeName] = { block: t.block, version: 0 };
    else schema.data_source_schemas[t.typeName] = { block: t.block, version: 0 };
  }
  return schema;
}

import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { TopologyConfig } from "../../modules/app/config/schema";
import { toModuleJson } from "../../modules/tf-module/writer";
import { ModuleStack } from "../../modules/tf-module/module-stack";

export const labConfig = (): TopologyConfig => loadConfig("config/lab.yaml");

/** The module JSON `npm run synth:module` writes, built in memory. */
export function moduleJsonFor(config: TopologyConfig): Record<string, any> {
  const stack = new ModuleStack(Testing.app(), config.stack, config);
  return toModuleJson(JSON.parse(Testing.synth(stack)));
}

/** Every resource and data source block, with its type. */
export function allBlocks(json: Record<string, any>): { type: string; body: Record<string, any> }[] {
  return ["resource", "data"].flatMap((kind) =>
    Object.entries(json[kind] ?? {}).flatMap(([type, byName]) => Object.values(byName as object).map((body) => ({ type, body }))),
  );
}

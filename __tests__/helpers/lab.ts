import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { PeeringStack } from "../../modules/app/peering-stack";

export const LAB_CONFIG = join(__dirname, "..", "..", "config", "lab.yaml");

export function labConfig(): TopologyConfig {
  return loadConfig(LAB_CONFIG);
}

/** Synthesizes a PeeringStack and returns its Terraform JSON as a string (what the matchers take). */
export function synthStack(config: TopologyConfig): string {
  const app = Testing.app();
  return Testing.synth(new PeeringStack(app, config.stack, config));
}

/** All resources (or data sources) of one type in a synthesized stack, by logical id. */
export function ofType(synthesized: string, type: string, kind: "resource" | "data" = "resource"): Record<string, any>[] {
  const json = JSON.parse(synthesized);
  return Object.values(json[kind]?.[type] ?? {});
}

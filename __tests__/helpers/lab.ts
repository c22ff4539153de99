import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { withoutCreationStacks } from "../../modules/app/creation-stacks";
import { PeeringStack } from "../../modules/app/peering-stack";

export const LAB_CONFIG = join(__dirname, "..", "..", "config", "lab.yaml");

export function labConfig(): TopologyConfig {
  return loadConfig(LAB_CONFIG);
}

/** Synthesizes a PeeringStack and returns its Terraform JSON as a string (what the matchers take). */
export function synthStack(config: TopologyConfig): string {
  return Testing.synth(buildStack(config));
}

/**
 * A PeeringStack in a fresh test app, built as main.ts builds it: without the stack trace cdktf
 * records for every token, which under jest (source-mapped traces) costs seconds for a mesh.
 */
export function buildStack(config: TopologyConfig): PeeringStack {
  return withoutCreationStacks(() => new PeeringStack(Testing.app(), config.stack, config));
}

/**
 * Synthesizes through the app (as `npm run synth` does) and returns the stack's cdk.tf.json text.
 * For large stacks: Testing.synth re-sorts every object by spreading it key by key, quadratic in
 * a map's size (seconds for the 2,450 routes of a 50-VPC mesh).
 */
export function fullSynthStack(config: TopologyConfig): string {
  const outdir = Testing.fullSynth(buildStack(config));
  return readFileSync(join(outdir, "stacks", config.stack, "cdk.tf.json"), "utf8");
}

/** All resources (or data sources) of one type in a synthesized stack, by logical id. */
export function ofType(synthesized: string, type: string, kind: "resource" | "data" = "resource"): Record<string, any>[] {
  const json = JSON.parse(synthesized);
  return Object.values(json[kind]?.[type] ?? {});
}

import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { parseConfig, loadConfig } from "../../modules/app/config/load";
import type { TopologyInput } from "../../modules/app/config/schema";
import { buildStack } from "../helpers/lab";

export type Synthed = string;
type Block = Record<string, Record<string, Record<string, unknown>>>;

/** Synthesizes a config (a file path or raw data) into the stack's Terraform JSON text. */
export function synthConfig(config: string | TopologyInput): Synthed {
  const parsed = typeof config === "string" ? loadConfig(config) : parseConfig(config);
  return Testing.synth(buildStack(parsed));
}

export function resources(synthed: Synthed, type: string): Record<string, Record<string, unknown>> {
  return ((JSON.parse(synthed).resource ?? {}) as Block)[type] ?? {};
}

export function dataSources(synthed: Synthed, type: string): Record<string, Record<string, unknown>> {
  return ((JSON.parse(synthed).data ?? {}) as Block)[type] ?? {};
}

/** The one resource of `type` whose construct id starts with `prefix` (e.g. `peering-a-b_connection`). */
export function one(synthed: Synthed, type: string, prefix: string): Record<string, unknown> {
  const found = Object.entries(resources(synthed, type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${found.map(([id]) => id).join(", ") || "none"}`);
  return found[0][1];
}

/** A minimal config around the given VPCs and peerings. */
export function config(parts: Partial<TopologyInput> & Pick<TopologyInput, "vpcs">): TopologyInput {
  return { stack: "test", region: "us-west-2", backend: { type: "local" }, ...parts } as TopologyInput;
}

export const created = (cidr: string, extra: Record<string, unknown> = {}) => ({ cidr, create: { subnets: [] }, ...extra });

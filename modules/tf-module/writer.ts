import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { TopologyConfig } from "../app/config/schema";
import { moduleReadme } from "./readme";
import { PROVIDER_SIDES } from "../app/tunables";
import { ModuleStack } from "./module-stack";
import type { App } from "cdktf";
import { synthAtomically } from "../app/synth";
import { PeeringPairModule, PAIR_MODULE_README } from "./pair-module";
import { TransitGatewayModule, TRANSIT_GATEWAY_MODULE_README } from "./transit-gateway-module";

/** Terraform versions the generated module accepts (postconditions and configuration_aliases). */
export const MODULE_TERRAFORM_VERSION = ">= 1.5.0";
/** AWS provider versions the module accepts: v6 (per-resource `region`), at least the one it was generated against. */
export const MODULE_AWS_VERSION = ">= 6.25.0, < 7.0.0";

type Json = Record<string, any>;

/**
 * Turns the synthesized JSON of a module-mode PeeringStack into a child module: drops the
 * backend (cdktf's App adds a local one to every stack) and the provider blocks, and declares
 * the `aws.requester` / `aws.accepter` aliases (and `aws.<account>` per config account) the caller passes in.
 */
export function toModuleJson(stackJson: Json, options: { readonly sides?: boolean } = {}): Json {
  const json: Json = structuredClone(stackJson);
  // Every provider alias the stack used is one the caller passes: the two sides, and each config account.
  // A module without sides (terraform/transit-gateway) and without aliases uses the caller's default provider.
  const sides = options.sides ?? true ? PROVIDER_SIDES : [];
  const aliases = [...new Set([...sides, ...((json.provider?.aws ?? []) as Json[]).map((p) => p.alias).filter((a): a is string => typeof a === "string")])];
  delete json.provider;
  const terraform: Json = json.terraform ?? {};
  delete terraform.backend;
  delete terraform.cloud;
  const aws = terraform.required_providers?.aws ?? { source: "aws" };
  terraform.required_providers = {
    ...terraform.required_providers,
    aws: { ...aws, source: "hashicorp/aws", version: MODULE_AWS_VERSION, ...(aliases.length > 0 ? { configuration_aliases: aliases.map((alias) => `aws.${alias}`) } : {}) },
  };
  terraform.required_version = MODULE_TERRAFORM_VERSION;
  json.terraform = terraform;
  // cdktf's stack metadata describes a root stack (backend, overrides); say what this is instead.
  json["//"] = { metadata: { generator: "vpc-peering-cdktf module mode", cdktf: stackJson["//"]?.metadata?.version } };
  return json;
}

export interface WriteModuleOptions {
  /** Directory to write; replaced atomically. */
  readonly outdir: string;
  /** Where the caller's `source` will point, for the README's usage example. @default "./<outdir>" */
  readonly source?: string;
}

const moduleSource = (dir: string) => (isAbsolute(dir) || dir.startsWith(".") ? dir : `./${dir}`);

/** Writes `<outdir>/main.tf.json` and `<outdir>/README.md`, or nothing if synthesis fails. */
export function writeModule(config: TopologyConfig, options: WriteModuleOptions): void {
  writeModuleStack(options.outdir, config.stack, (app) => new ModuleStack(app, config.stack, config), (module) =>
    moduleReadme(module, { name: config.stack, source: options.source ?? moduleSource(options.outdir) }));
}

/** Writes the general one-pair module (terraform/vpc-peering): main.tf.json and README.md. */
export function writePairModule(options: WriteModuleOptions): void {
  const name = "vpc_peering";
  writeModuleStack(options.outdir, name, (app) => new PeeringPairModule(app, name), (module) =>
    moduleReadme(module, { name, source: options.source ?? moduleSource(options.outdir), ...PAIR_MODULE_README }));
}

/** Writes the general transit gateway module (terraform/transit-gateway): main.tf.json and README.md. */
export function writeTransitGatewayModule(options: WriteModuleOptions): void {
  const name = "transit_gateway";
  writeModuleStack(options.outdir, name, (app) => new TransitGatewayModule(app, name), (module) =>
    moduleReadme(module, { name, source: options.source ?? moduleSource(options.outdir), ...TRANSIT_GATEWAY_MODULE_README }), { sides: false });
}

function writeModuleStack(outdir: string, stack: string, build: (app: App) => void, readme: (module: Json) => string, options: { readonly sides?: boolean } = {}): void {
  synthAtomically(outdir, build, (staging) => {
    const stackFile = join(staging, "stacks", stack, "cdk.tf.json");
    const module = toModuleJson(JSON.parse(readFileSync(stackFile, "utf8")), options);
    for (const entry of readdirSync(staging)) rmSync(join(staging, entry), { recursive: true, force: true });
    writeFileSync(join(staging, "main.tf.json"), `${JSON.stringify(module, null, 2)}\n`);
    writeFileSync(join(staging, "README.md"), readme(module));
  });
}

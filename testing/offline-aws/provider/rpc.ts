// The tfplugin6.Provider handlers: decode DynamicValues, delegate, encode the answer.
import type { BlockSchema, ProviderSchema } from "../schema/types";
import { blockType, decodeValue, encodeValue, type Value } from "./cty";
import { readDataSource } from "./data-sources";
import { error, type Diagnostic } from "./diagnostics";
import { applyResource, importedState, planResource } from "./resources";
import { runRules, type RunOptions } from "./rules";
import { Ledger } from "./rules/ledger";
import { validateConfig } from "./validate";
import { recordApplied, worldFor, type World } from "./world";

type Req = Record<string, any>;
type Handler = (req: Req) => Req;

function toProtoBlock(b: BlockSchema): Req {
  return {
    attributes: Object.entries(b.attributes).map(([name, a]) => ({
      name, type: Buffer.from(JSON.stringify(a.type)), required: !!a.required, optional: !!a.optional, computed: !!a.computed,
    })),
    block_types: Object.entries(b.block_types).map(([type_name, nb]) => ({
      type_name, block: toProtoBlock(nb.block), nesting: nb.nesting_mode.toUpperCase(), min_items: nb.min_items ?? 0, max_items: nb.max_items ?? 0,
    })),
  };
}

function toProtoSchemas(m: Record<string, { block: BlockSchema; version: number }>): Req {
  return Object.fromEntries(Object.entries(m).map(([k, s]) => [k, { version: s.version, block: toProtoBlock(s.block) }]));
}

/**
 * GetProviderSchema's answer: built once per schema and shared by every connection, as it never
 * changes. It is frozen, which tells the server (main.ts) it may keep its encoding too: Terraform
 * asks for the schema in every command that uses the provider, and encoding it takes 6-7 ms.
 */
const schemaResponses = new WeakMap<ProviderSchema, Req>();
function schemaResponseFor(schema: ProviderSchema): Req {
  let response = schemaResponses.get(schema);
  if (!response) {
    response = Object.freeze({
      provider: { version: 0, block: toProtoBlock(schema.provider.block) },
      resource_schemas: toProtoSchemas(schema.resource_schemas),
      data_source_schemas: toProtoSchemas(schema.data_source_schemas),
      diagnostics: [],
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
    });
    schemaResponses.set(schema, response);
  }
  return response;
}

export function createHandlers(schema: ProviderSchema, baseWorld: World): Record<string, Handler> {
  let region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? baseWorld.default_region;
  // The account this provider configuration sees (assume_role picks another account of the world).
  let world = baseWorld;
  let defaultTags: Record<string, string> = {};
  // What this provider configuration has applied, for the apply-step rules (rules/ledger.ts).
  const ledger = new Ledger(world, baseWorld);
  const ruleOptions = (prior: Value): RunOptions => ({ region, account: world.account_id, partition: world.partition ?? "aws", ledger, prior });
  const resource = (t: string) => schema.resource_schemas[t]?.block;
  const data = (t: string) => schema.data_source_schemas[t]?.block;
  const dv = (v: Value, b: BlockSchema) => ({ msgpack: encodeValue(v, blockType(b)) });
  const unknownType = (t: string): Diagnostic[] => [error("Unsupported type", `The offline stand-in provider does not serve "${t}"; add an import of it to the project sources.`)];
  const schemaResponse = schemaResponseFor(schema);

  return {
    GetMetadata: () => ({
      server_capabilities: schemaResponse.server_capabilities,
      resources: Object.keys(schema.resource_schemas).map((type_name) => ({ type_name })),
      data_sources: Object.keys(schema.data_source_schemas).map((type_name) => ({ type_name })),
    }),
    GetProviderSchema: () => schemaResponse,
    GetFunctions: () => ({ diagnostics: [] }),
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: (req) => {
      if (baseWorld.load_error) return { diagnostics: [error("Cannot read the offline world", baseWorld.load_error)] };
      const cfg = decodeValue(req.config?.msgpack) as Record<string, Value> | null;
      if (cfg && typeof cfg.region === "string") region = cfg.region;
      const defaults = Array.isArray(cfg?.default_tags) ? (cfg!.default_tags as Record<string, Value>[])[0]?.tags : undefined;
      defaultTags = defaults && typeof defaults === "object" ? (defaults as Record<string, string>) : {};
      const assumed = Array.isArray(cfg?.assume_role) ? (cfg!.assume_role as Record<string, Value>[])[0] : undefined;
      world = worldFor(baseWorld, typeof assumed?.role_arn === "string" ? assumed.role_arn : undefined);
      ledger.world = world;
      return { diagnostics: [] };
    },
    ValidateResourceConfig: (req) => {
      const b = resource(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      const config = decodeValue(req.config?.msgpack);
      return { diagnostics: validateConfig(req.type_name, b, config) };
    },
    ValidateDataResourceConfig: (req) => {
      const b = data(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      return { diagnostics: validateConfig(`data.${req.type_name}`, b, decodeValue(req.config?.msgpack)) };
    },
    UpgradeResourceState: (req) => {
      const b = resource(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      const state = JSON.parse(Buffer.from(req.raw_state?.json ?? "null").toString("utf8"));
      return { upgraded_state: dv(state, b), diagnostics: [] };
    },
    ReadResource: (req) => ({ new_state: req.current_state, private: req.private, diagnostics: [] }),
    PlanResourceChange: (req) => {
      const b = resource(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      const prior = decodeValue(req.prior_state?.msgpack);
      const planned = planResource(b, decodeValue(req.proposed_new_state?.msgpack), region, prior, defaultTags);
      const refused = runRules("plan", req.type_name, b, planned, ruleOptions(prior));
      if (refused.length) return { diagnostics: refused };
      // Most hashicorp/aws resources are built on the legacy plugin SDK, which Terraform lets plan
      // an empty collection as the null the state holds (see planResource).
      return { planned_state: dv(planned, b), planned_private: req.prior_private, diagnostics: [], legacy_type_system: true };
    },
    ApplyResourceChange: (req) => {
      const b = resource(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      const planned = decodeValue(req.planned_state?.msgpack);
      const prior = decodeValue(req.prior_state?.msgpack);
      const refused = runRules("apply", req.type_name, b, planned, ruleOptions(prior));
      if (refused.length) return { new_state: req.prior_state, private: req.planned_private, diagnostics: refused, legacy_type_system: true };
      const applied = applyResource(req.type_name, b, planned, region, world.account_id);
      recordApplied(world, req.type_name, applied);
      if (applied === null) ledger.forget(req.type_name, prior);
      else ledger.record(req.type_name, applied, typeof (applied as Record<string, Value>).region === "string" ? ((applied as Record<string, Value>).region as string) : region, world.account_id);
      return { new_state: dv(applied, b), private: req.planned_private, diagnostics: [], legacy_type_system: true };
    },
    ImportResourceState: (req) => {
      const b = resource(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      // What already exists is in the world under existing.<type>, each with the id Terraform imports it by.
      const existing = ((world.existing as Record<string, Record<string, Value>[]> | undefined)?.[req.type_name] ?? []);
      const found = existing.find((r) => r.import_id === req.id);
      if (!found) {
        return { diagnostics: [error("Cannot import non-existent remote object", `While attempting to import an existing object to "${req.type_name}", the provider detected that no object exists with the given id "${req.id}".`)] };
      }
      const { import_id, ...record } = found;
      const state = importedState(b, { id: import_id, ...record }, region, defaultTags);
      return { imported_resources: [{ type_name: req.type_name, state: dv(state, b), private: Buffer.alloc(0) }], diagnostics: [] };
    },
    ReadDataSource: (req) => {
      const b = data(req.type_name);
      if (!b) return { diagnostics: unknownType(req.type_name) };
      const cfg = decodeValue(req.config?.msgpack) as Record<string, Value>;
      const { state, diagnostics } = readDataSource(req.type_name, b, cfg, world, region);
      return state ? { state: dv(state, b), diagnostics } : { diagnostics };
    },
    StopProvider: () => ({}),
  };
}

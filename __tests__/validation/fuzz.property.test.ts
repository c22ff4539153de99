import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import fc from "fast-check";
import { parse } from "yaml";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { ConfigError } from "../../modules/core/problems";

// Mutated example configs (seeded): every one is either refused with a ConfigError or synthesizes
// JSON that the real hashicorp/aws 6.25.0 schema accepts (argument names, required arguments), and
// no config text reaches the JSON as a live template. Never any other exception.

const root = join(__dirname, "..", "..");
const REAL = join(root, "..", "shared", "schemas", "aws-provider-6.25.0-network.json");
const SOURCES = ["config/lab.yaml", "examples/cross-account.yaml", "examples/existing-vpcs-security.yaml", "examples/hub-and-spoke.yaml", "examples/inter-region.yaml"];
const bases = SOURCES.map((f) => parse(readFileSync(join(root, f), "utf8")) as Record<string, unknown>);

const HOSTILE = ['${file("/etc/hostname")}', "%{ if true }x%{ endif }", "constructor", "__proto__", "toString", "", "x".repeat(300), "rtb-ZZ", "0.0.0.0/0", "169.254.0.0/16", "us-west-3", "aws:tag", "a/../b", "-", "10.0.0.0/16"];
const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.constantFrom(-1, 0, 1.5, 1e12, 125, 126, 2147483648, true, false, null),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 12 }),
);

type Json = Record<string, unknown> | unknown[];
/** Every path to a value inside `obj`. */
function paths(obj: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (obj === null || typeof obj !== "object") return [prefix];
  const entries = Array.isArray(obj) ? obj.map((v, i) => [i, v] as const) : Object.entries(obj);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
function mutate(base: Record<string, unknown>, picks: { at: number; op: "set" | "delete" | "key"; value: unknown }[]): Record<string, unknown> {
  const config = structuredClone(base);
  for (const pick of picks) {
    const all = paths(config).filter((p) => p.length > 0);
    const path = all[pick.at % all.length];
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], config) as Json;
    const last = path[path.length - 1];
    if (pick.op === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, unknown>)[last as string];
    } else if (pick.op === "key" && !Array.isArray(parent) && typeof pick.value === "string") {
      const v = (parent as Record<string, unknown>)[last as string];
      delete (parent as Record<string, unknown>)[last as string];
      Object.defineProperty(parent, pick.value, { value: v, enumerable: true, configurable: true, writable: true });
    } else {
      (parent as any)[last] = pick.value;
    }
  }
  return config;
}

type Block = { attributes?: Record<string, { required?: boolean; optional?: boolean; computed?: boolean }>; block_types?: Record<string, { block: Block }> };
const META = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);
function schemaProblems(where: string, args: Record<string, unknown>, block: Block): string[] {
  const found: string[] = [];
  for (const [name, v] of Object.entries(args)) {
    if (META.has(name)) continue;
    if (block.attributes?.[name]) continue;
    const nested = block.block_types?.[name];
    if (!nested) {
      found.push(`${where}: unknown argument ${name}`);
      continue;
    }
    for (const item of Array.isArray(v) ? v : [v]) if (item && typeof item === "object") found.push(...schemaProblems(`${where}.${name}`, item as Record<string, unknown>, nested.block));
  }
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.required && (args[name] === undefined || args[name] === null)) found.push(`${where}: missing required argument ${name}`);
  }
  return found;
}

const describeIfReal = existsSync(REAL) ? describe : describe.skip;

describeIfReal("mutated configs", () => {
  const real = existsSync(REAL) ? JSON.parse(readFileSync(REAL, "utf8")).provider_schemas["registry.terraform.io/hashicorp/aws"] : undefined;
  let accepted = 0;

  it("are refused with a ConfigError, or synthesize schema-valid JSON with config text kept literal", () => {
    const pick = fc.record({ at: fc.nat(), op: fc.constantFrom("set" as const, "set" as const, "delete" as const, "key" as const), value });
    fc.assert(
      fc.property(fc.nat(SOURCES.length - 1), fc.array(pick, { minLength: 1, maxLength: 3 }), (source, picks) => {
        const raw = mutate(bases[source], picks);
        let config;
        try {
          config = parseConfig(raw, SOURCES[source]);
        } catch (err) {
          if (err instanceof ConfigError) return;
          throw err;
        }
        accepted += 1;
        const json = JSON.parse(Testing.synth(new PeeringStack(Testing.app(), config.stack, config)));
        const problems: string[] = [];
        for (const [kind, section] of [["resource", json.resource], ["data", json.data]] as const) {
          for (const [type, byName] of Object.entries<Record<string, Record<string, unknown>>>(section ?? {})) {
            const schema = kind === "resource" ? real.resource_schemas[type] : real.data_source_schemas[type];
            if (!schema) continue; // outside the networking families the reference file holds
            for (const [name, args] of Object.entries(byName)) problems.push(...schemaProblems(`${kind}.${type}.${name}`, args, schema.block));
          }
        }
        expect(problems).toEqual([]);
        // Config text that looks like a template must arrive escaped ($${, %%{), never live.
        const text = JSON.stringify(json);
        expect(text).not.toMatch(/(?<!\$)\$\{file\(/);
        expect(text).not.toMatch(/(?<!%)%\{ if true \}/);
      }),
      { seed: 20261123, numRuns: 1000 },
    );
    // The generator must reach synthesis often enough to test it.
    expect(accepted).toBeGreaterThan(50);
  });
});

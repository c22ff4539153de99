// Checks the real AWS provider makes in ValidateResourceConfig / ValidateDataResourceConfig
// that Terraform core does not: computed-only attributes set, required attributes null, and the
// validate-step rules of the registry (rules/: value validators, ConflictsWith, ExactlyOneOf,
// RequiredWith). `typeName` is "data.<type>" for a data source.
import type { BlockSchema } from "../schema/types";
import { UNKNOWN, type Value } from "./cty";
import { error, type Diagnostic, type PathStep } from "./diagnostics";
import { runRules } from "./rules";

type Obj = Record<string, Value>;

export function validateConfig(typeName: string, block: BlockSchema, config: Value): Diagnostic[] {
  if (!config || config === UNKNOWN) return [];
  const diags = validateBlock(block, config as Obj, []);
  diags.push(...runRules("validate", typeName, block, config, { region: "", account: "", partition: "aws" }));
  return diags;
}

function validateBlock(block: BlockSchema, obj: Obj, path: PathStep[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = obj[name];
    const p = [...path, name];
    if (attr.computed && !attr.optional && v !== null && v !== undefined) {
      diags.push(error("Computed attributes cannot be set", `Computed attributes cannot be set, but a value was set for "${name}".`, p));
    }
    if (attr.required && (v === null || v === undefined)) {
      diags.push(error("Missing required argument", `The argument "${name}" is required, but no definition was found.`, p));
    }
  }
  for (const [name, nb] of Object.entries(block.block_types)) {
    const v = obj[name];
    if (v === null || v === undefined || v === UNKNOWN) continue;
    if (nb.nesting_mode === "single") diags.push(...validateBlock(nb.block, v as Obj, [...path, name]));
    else if (Array.isArray(v)) {
      // Set elements have no index a path can name; the real SDK stops the path at the set.
      v.forEach((el, i) => {
        if (el && el !== UNKNOWN) diags.push(...validateBlock(nb.block, el as Obj, nb.nesting_mode === "list" ? [...path, name, i] : [...path, name]));
      });
    } else for (const [k, el] of Object.entries(v as Obj)) if (el && el !== UNKNOWN) diags.push(...validateBlock(nb.block, el as Obj, [...path, name, { key: k }]));
  }
  return diags;
}

export { isCidrArgument } from "./rules/common";

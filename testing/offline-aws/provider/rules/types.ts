// The registry's shape: every rule the stand-in enforces names the step the real provider
// enforces it at, the resource types it concerns and the provider source file it was read from.
import type { BlockSchema } from "../../schema/types";
import type { Value } from "../cty";
import type { Diagnostic } from "../diagnostics";
import type { Ledger } from "./ledger";

export type Obj = Record<string, Value>;

/**
 * validate: ValidateResourceConfig (schema validators, ConflictsWith/ExactlyOneOf/RequiredWith);
 * plan: PlanResourceChange (CustomizeDiff); apply: ApplyResourceChange (what the AWS API refuses,
 * or the provider's Create refuses before calling it).
 */
export type Step = "validate" | "plan" | "apply";

export interface RuleContext {
  type: string;
  /** The schema of the type, for attribute paths into nested blocks. */
  block: BlockSchema;
  /** The provider configuration's region and the account it acts in. */
  region: string;
  account: string;
  partition: string;
  /** What exists: the world and what this provider configuration applied (apply step only). */
  ledger?: Ledger;
  /** The prior state: null on create. */
  prior?: Value;
}

export interface Rule {
  /** Stable id: <type short name>.<argument or topic>[.<what>] */
  id: string;
  step: Step;
  types: string[];
  /** The file of hashicorp/terraform-provider-aws the rule was read from (or AWS docs, for API refusals the provider passes through). */
  source: string;
  summary: string;
  /** Creates only (apply step): AWS refusals that concern creating an object. */
  onCreateOnly?: boolean;
  check(o: Obj, ctx: RuleContext): Diagnostic[];
  /**
   * For the generic validators: a configuration that breaks the rule and one that respects it, as
   * (dotted path, value) pairs; ANY stands for a value of the attribute's schema type. Tests build
   * both and run the rule on them (__tests__/offline/provider-rules.test.ts).
   */
  sample?: { bad: Array<[string, unknown]>; good: Array<[string, unknown]> };
}

export const ANY = "<any value of the schema type>";

/** A rule of the provider that applies to a type we emit but that the stand-in does not enforce. */
export interface Skipped {
  id: string;
  step: Step;
  types: string[];
  source: string;
  summary: string;
  why: string;
}

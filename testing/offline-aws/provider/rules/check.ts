// Building blocks for rules: where a value sits in a configuration, and the SDK's common
// validators (enum, int range, string length, pattern, ARN, JSON, ConflictsWith, ExactlyOneOf,
// RequiredWith) written as rule factories. Unknown values are never judged, as in the SDK.
import type { BlockSchema } from "../../schema/types";
import { UNKNOWN, type Value } from "../cty";
import { error, type Diagnostic, type PathStep } from "../diagnostics";
import { ANY, type Obj, type Rule, type RuleContext, type Step } from "./types";

export const isUnknown = (v: Value | undefined) => v === UNKNOWN;
/** Set as the SDK's GetOk sees it: not null, not unknown, not the zero value. */
export const isSet = (v: Value | undefined) => v !== null && v !== undefined && v !== UNKNOWN && v !== "" && v !== false && !(Array.isArray(v) && v.length === 0);
/** Present in configuration (ConflictsWith/RequiredWith look at the raw config: null is absent). */
export const isPresent = (v: Value | undefined) => v !== null && v !== undefined && v !== UNKNOWN && !(Array.isArray(v) && v.length === 0);
export const str = (v: Value | undefined): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: Value | undefined): number | undefined => (typeof v === "number" ? v : undefined);

/**
 * Every value at a dotted path ("a", "block.attr", "block.inner.attr"), with the attribute path a
 * diagnostic names. List blocks get an index in the path; set blocks stop the path at the set, as
 * the SDK does (set elements have no index).
 */
export function valuesAt(obj: Obj, path: string, block: BlockSchema | undefined): Array<[Value, PathStep[]]> {
  const out: Array<[Value, PathStep[]]> = [];
  const walk = (o: Obj, parts: string[], b: BlockSchema | undefined, at: PathStep[]) => {
    const [head, ...rest] = parts;
    const v = o[head];
    if (rest.length === 0) {
      if (v !== undefined) out.push([v, [...at, head]]);
      return;
    }
    if (v === null || v === undefined || v === UNKNOWN) return;
    const nb = b?.block_types[head];
    if (Array.isArray(v)) {
      v.forEach((el, i) => {
        if (el && el !== UNKNOWN && typeof el === "object") walk(el as Obj, rest, nb?.block, nb?.nesting_mode === "set" ? [...at, head] : [...at, head, i]);
      });
    } else if (typeof v === "object") walk(v as Obj, rest, nb?.block, [...at, head]);
  };
  walk(obj, path.split("."), block, []);
  return out;
}

type Def = { id: string; type: string | string[]; source: string; summary: string; step?: Step };
const types = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
const last = (path: string) => path.split(".").pop()!;

/** A rule judging each value at `path` with `problem` (undefined when fine). */
export function valueRule(def: Def, path: string, problem: (v: Value, o: Obj, ctx: RuleContext) => string | undefined, summaryTitle = "Invalid value", sample?: { bad: unknown; good: unknown }): Rule {
  return {
    sample: sample && { bad: [[path, sample.bad]], good: [[path, sample.good]] },
    id: def.id, step: def.step ?? "validate", types: types(def.type), source: def.source, summary: def.summary,
    check: (o, ctx) => valuesAt(o, path, ctx.block).flatMap(([v, p]) => {
      if (v === null || v === undefined || v === UNKNOWN) return [];
      const why = problem(v, o, ctx);
      return why ? [error(summaryTitle, why, p)] : [];
    }),
  };
}

export function enumRule(def: Def, path: string, allowed: readonly string[], opts: { ignoreCase?: boolean } = {}): Rule {
  return valueRule(def, path, (v) => {
    if (typeof v !== "string") return undefined;
    const ok = opts.ignoreCase ? allowed.some((a) => a.toLowerCase() === v.toLowerCase()) : allowed.includes(v);
    return ok ? undefined : `expected ${last(path)} to be one of [${allowed.map((a) => JSON.stringify(a)).join(" ")}], got ${v}`;
  }, "Invalid value", { bad: "not-a-valid-value", good: allowed[0] });
}

export function intInRule(def: Def, path: string, allowed: readonly number[]): Rule {
  return valueRule(def, path, (v) => (typeof v === "number" && !allowed.includes(v) ? `expected ${last(path)} to be one of [${allowed.join(" ")}], got ${v}` : undefined), "Invalid value", { bad: 7777, good: allowed[0] });
}

export function intBetweenRule(def: Def, path: string, min: number, max: number): Rule {
  return valueRule(def, path, (v) => (typeof v === "number" && (v < min || v > max) ? `expected ${last(path)} to be in the range (${min} - ${max}), got ${v}` : undefined), "Invalid value", { bad: max + 1, good: min });
}

export function strLenRule(def: Def, path: string, min: number, max: number): Rule {
  return valueRule(def, path, (v) => {
    if (typeof v !== "string") return undefined;
    const n = [...v].length;
    return n < min || n > max ? `expected length of ${last(path)} to be in the range (${min} - ${max}), got ${v}` : undefined;
  }, "Invalid value", { bad: "a".repeat(max + 1), good: "a".repeat(Math.max(min, 1)) });
}

export function patternRule(def: Def, path: string, re: RegExp, what: string, good = "good-value_1"): Rule {
  return valueRule(def, path, (v) => (typeof v === "string" && v !== "" && !re.test(v) ? `invalid value for ${last(path)} (${what}), got ${v}` : undefined), "Invalid value", { bad: "bad value!", good });
}

/** ARN syntax as verify.ValidARN checks it: arn:partition:service:region:account:resource. */
export function arnProblem(v: string): string | undefined {
  if (v === "") return undefined;
  const parts = v.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return "is not a valid ARN (arn:<partition>:<service>:<region>:<account>:<resource>)";
  if (!/^aws(-[a-z]+)*$/.test(parts[1])) return `has an invalid partition (${parts[1]})`;
  if (!/^[a-z0-9-]+$/.test(parts[2])) return `has an invalid service (${parts[2]})`;
  if (parts[3] !== "" && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(parts[3])) return `has an invalid region (${parts[3]})`;
  if (parts[4] !== "" && !/^(\d{12}|aws|cloudfront)$/.test(parts[4])) return `has an invalid account ID (${parts[4]})`;
  if (parts.slice(5).join(":") === "") return "has no resource part";
  return undefined;
}

export function arnRule(def: Def, path: string): Rule {
  return valueRule(def, path, (v) => {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) if (typeof x === "string" && arnProblem(x)) return `"${last(path)}" (${x}) ${arnProblem(x)}`;
    return undefined;
  }, "Invalid value", { bad: "not-an-arn", good: "arn:aws:iam::123456789012:role/x" });
}

/** A problem with a JSON string (validation.StringIsJSON), undefined when it parses. */
export function jsonProblem(v: string): string | undefined {
  try {
    JSON.parse(v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function jsonRule(def: Def, path: string): Rule {
  return valueRule(def, path, (v) => (typeof v === "string" && v !== "" && jsonProblem(v) ? `"${last(path)}" contains an invalid JSON: ${jsonProblem(v)}` : undefined), "Invalid value", { bad: "{not json", good: "{}" });
}

/** verify.ValidIAMPolicyJSON: a JSON object, no leading whitespace, that parses. */
export function policyJsonRule(def: Def, path: string): Rule {
  return valueRule(def, path, (v) => {
    if (typeof v !== "string") return undefined;
    const name = last(path);
    if (v === "") return `"${name}" contains an invalid JSON policy: the policy is empty`;
    if (/^\s/.test(v)) return `"${name}" contains an invalid JSON policy: leading space characters are not allowed`;
    if (!v.startsWith("{")) return `"${name}" contains an invalid JSON policy: not a JSON object`;
    const p = jsonProblem(v);
    return p ? `"${name}" contains an invalid JSON policy: ${p}` : undefined;
  }, "Invalid value", { bad: "{not json", good: '{"Version":"2012-10-17","Statement":[]}' });
}

/** ConflictsWith between top-level arguments (or blocks), reported on the first. */
export function conflictsRule(def: Def, a: string, others: string[]): Rule {
  return {
    sample: { bad: [[a, ANY], [others[0], ANY]], good: [[a, ANY]] },
    id: def.id, step: def.step ?? "validate", types: types(def.type), source: def.source, summary: def.summary,
    check: (o) => {
      if (!isPresent(o[a])) return [];
      const hit = others.filter((b) => isPresent(o[b]));
      return hit.length ? [error("Conflicting configuration arguments", `"${a}": conflicts with ${hit.join(", ")}`, [a])] : [];
    },
  };
}

/** ExactlyOneOf: an unknown value defers the check (it may still become null). */
export function exactlyOneRule(def: Def, names: string[]): Rule {
  return {
    sample: { bad: [[names[0], ANY], [names[1], ANY]], good: [[names[0], ANY]] },
    id: def.id, step: def.step ?? "validate", types: types(def.type), source: def.source, summary: def.summary,
    check: (o) => {
      const unknown = names.filter((n) => o[n] === UNKNOWN);
      const set = names.filter((n) => isPresent(o[n]) && o[n] !== "");
      const list = names.join(",");
      if (set.length === 1 || (set.length === 0 && unknown.length > 0)) return [];
      if (set.length === 0) return [error("Invalid combination of arguments", `"${names[0]}": one of \`${list}\` must be specified`, [names[0]])];
      return [error("Invalid combination of arguments", `"${set[0]}": only one of \`${list}\` can be specified, but \`${set.join(",")}\` were specified.`, [set[0]])];
    },
  };
}

/** RequiredWith: when `a` is present, every one of `with` must be too. */
export function requiredWithRule(def: Def, a: string, withAll: string[]): Rule {
  return {
    sample: { bad: [[a, ANY]], good: [[a, ANY], ...withAll.map((w): [string, unknown] => [w, ANY])] },
    id: def.id, step: def.step ?? "validate", types: types(def.type), source: def.source, summary: def.summary,
    check: (o) => {
      if (!isPresent(o[a]) || withAll.some((b) => o[b] === UNKNOWN)) return [];
      const missing = withAll.filter((b) => !isPresent(o[b]));
      return missing.length ? [error("Missing required argument", `"${a}": all of \`${[a, ...withAll].filter((x, i, xs) => xs.indexOf(x) === i).join(",")}\` must be specified`, [a])] : [];
    },
  };
}

/** A rule with a hand-written check. */
export function customRule(def: Def & { step: Step; onCreateOnly?: boolean }, check: Rule["check"]): Rule {
  return { id: def.id, step: def.step, types: types(def.type), source: def.source, summary: def.summary, onCreateOnly: def.onCreateOnly, check };
}

export { error };
export type { Diagnostic };

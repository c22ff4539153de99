// How user text becomes identifiers. One definition each, so collisions can be found before
// synthesis (two config names that sanitise to one identifier are a config error, not a crash).

/** Whether a value is a Terraform expression (a cdktf token renders as `${...}`) rather than a literal. */
export function isExpression(value: string): boolean {
  return value.includes("${");
}

/**
 * A construct-id fragment: runs of anything but letters, digits, _ and - become one `-`. A value
 * only known at plan time (an expression) is named by `position` instead, so ids never carry
 * tokens, which change with unrelated code.
 */
export function constructIdPart(value: string, position?: string): string {
  if (position !== undefined && isExpression(value)) return position;
  return value.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** A Terraform identifier (output and variable names) from parts: anything else becomes `_`. */
export function terraformIdent(...parts: string[]): string {
  return parts.join("_").replace(/[^A-Za-z0-9_]+/g, "_");
}

/**
 * Names of JavaScript's Object.prototype members. As keys of plain objects they shadow built-ins
 * (`config.vpcs["constructor"]` is a function): the model keeps keyed data in Maps, and these
 * words are refused as keys where a key becomes part of generated code.
 */
export const OBJECT_MEMBER_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "__proto__",
  "prototype",
]);

/** Two names the same after sanitising, e.g. VPC keys `a-b` and `a_b` both giving output `vpc_a_b_id`. */
export interface NameCollision {
  readonly name: string;
  readonly first: string;
  readonly second: string;
}

/**
 * Finds values that map to one identifier. `entries` are `[where, identifier]` pairs, where
 * `where` names the field that produced it (e.g. `vpcs.a-b`).
 */
export function nameCollisions(entries: Iterable<readonly [string, string]>): NameCollision[] {
  const seen = new Map<string, string>();
  const found: NameCollision[] = [];
  for (const [where, name] of entries) {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, where);
    else if (first !== where) found.push({ name, first, second: where });
  }
  return found;
}

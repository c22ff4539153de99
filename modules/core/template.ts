// Terraform evaluates every string in its JSON syntax as a template: `${...}` interpolates and
// `%{...}` runs a directive. Text a user wrote is data, so before it reaches a resource argument
// both openers are escaped (`$${`, `%%{`), which Terraform reads back as the literal characters.

/** `text` as a Terraform template that evaluates to exactly `text`. */
export function escapeTemplate(text: string): string {
  // Function replacers: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Every string inside `value` (plain objects and arrays, keys included) escaped; other values as they are. */
export function escapeTemplates<T>(value: T): T {
  if (typeof value === "string") return escapeTemplate(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeTemplates(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeTemplate(k), escapeTemplates(v)])) as T;
  }
  return value;
}

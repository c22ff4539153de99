/** A protocol Diagnostic with an attribute path, as the real provider reports them. */
export type PathStep = string | number | { key: string };

export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  summary: string;
  detail: string;
  attribute?: { steps: Array<{ attribute_name: string } | { element_key_int: number } | { element_key_string: string }> };
}

/** Path steps: a string is an attribute name, a number a list index, {key} a map key. */
export function error(summary: string, detail: string, path?: PathStep[]): Diagnostic {
  const d: Diagnostic = { severity: "ERROR", summary, detail };
  if (path && path.length) {
    d.attribute = {
      steps: path.map((s) =>
        typeof s === "number" ? { element_key_int: s } : typeof s === "string" ? { attribute_name: s } : { element_key_string: s.key },
      ),
    };
  }
  return d;
}

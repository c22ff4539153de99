/** One thing wrong with a config: where (a dotted path such as `vpcs.web.cidr`) and what to do. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** Thrown before anything is synthesized; lists every problem found, one line each. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the config\n` +
        problems.map((p) => `  ${p.path || "(root)"}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

// How every check reports: a problem names where (a dotted path such as `vpcs.web.cidr`, or a
// construct path) and what to do. Config validation, construct checks and module inputs share it.

/** One thing wrong: where, what to do, and whether it stops synthesis. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

export const error = (path: string, message: string): ConfigProblem => ({ path, message, severity: "error" });
export const warning = (path: string, message: string): ConfigProblem => ({ path, message, severity: "warning" });

/** `path: message`, the one-line form every problem is printed in. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.path || "(root)"}: ${problem.message}`;
}

/** A count with its noun for messages people read: `1 peering`, `2 peerings`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Thrown before anything is synthesized; lists every problem found, one line each. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
    /** What the problems are in: `the config`, or `its props` for a construct. */
    what = "the config",
  ) {
    super(
      `${source}: ${counted(problems.length, "problem")} in ${what}\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** `["vpcs", "web", "routeTables", 0]` → `vpcs.web.routeTables[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

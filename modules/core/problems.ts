import type { ConfigProblem } from "../app/config/errors";

export const error = (path: string, message: string): ConfigProblem => ({ path, message, severity: "error" });
export const warning = (path: string, message: string): ConfigProblem => ({ path, message, severity: "warning" });

/** `path: message`, the one-line form every problem is printed in. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.path || "(root)"}: ${problem.message}`;
}

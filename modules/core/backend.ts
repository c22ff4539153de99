import type { ConfigProblem } from "./problems";

// Which backend settings may come from the environment, and what is missing. No cdktf here.

/** Environment variables Terraform reads for the `cloud` block when the config leaves a field out. */
export const CLOUD_ENV = { organization: "TF_CLOUD_ORGANIZATION", workspace: "TF_WORKSPACE" } as const;

export interface CloudBackendFields {
  readonly organization?: string;
  readonly workspaces?: { readonly name: string } | { readonly tags: readonly string[] };
}

/**
 * A `cloud` backend may leave organization and workspaces to TF_CLOUD_ORGANIZATION and
 * TF_WORKSPACE, which Terraform reads at init; at synth time at least one source must be set.
 */
export function cloudBackendProblems(
  backend: CloudBackendFields,
  env: Readonly<Record<string, string | undefined>>,
  path = "backend",
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (backend.organization === undefined && !env[CLOUD_ENV.organization]) {
    problems.push({
      path: `${path}.organization`,
      message: `is not set and ${CLOUD_ENV.organization} is empty: set ${path}.organization in the config or export ${CLOUD_ENV.organization}`,
      severity: "error",
    });
  }
  if (backend.workspaces === undefined && !env[CLOUD_ENV.workspace]) {
    problems.push({
      path: `${path}.workspaces`,
      message: `is not set and ${CLOUD_ENV.workspace} is empty: set ${path}.workspaces (name or tags) in the config or export ${CLOUD_ENV.workspace}`,
      severity: "error",
    });
  }
  return problems;
}

import { isAbsolute, posix, relative, resolve } from "node:path";
import type { ConfigProblem } from "./problems";

// Which backend settings may come from the environment, and what is missing. No cdktf here.

/** The alias of the key a state bucket is created with (alias names take no dots). */
export const stateKeyAlias = (bucket: string): string => `alias/terraform-state/${bucket.replace(/\./g, "-")}`;

/** The bucket created for a state bucket's server access logs. */
export const accessLogBucketName = (bucket: string): string => `${bucket}-logs`;

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

// Local state never lives in the synth output: the cdktf CLI deletes every stack directory the
// app no longer lists (a config switch is enough), whatever is inside.

/** File name of a stack's local state by default (cdktf's own convention). */
export const localStateFileName = (stack: string): string => `terraform.${stack}.tfstate`;

/**
 * A stack's local state by default, relative to its directory `<outdir>/stacks/<stack>`: beside
 * the output directory (for cdktf.out, in the project directory). The same text on every machine.
 */
export const defaultLocalStatePath = (stack: string): string => `../../../${localStateFileName(stack)}`;

/**
 * Why a local state path (relative paths are taken from the stack's directory,
 * `<outdir>/stacks/<stack>`, where Terraform runs) would put the state inside the output directory,
 * or undefined when it is outside. Absolute paths are checked against `outdir` when it is given.
 */
export function localStatePathProblem(stack: string, path: string, field = "backend.path", outdir?: string): ConfigProblem | undefined {
  const stackDir = posix.join("/out", "stacks", stack);
  const inside = isAbsolute(path)
    ? outdir !== undefined && !relative(resolve(outdir), resolve(path)).startsWith("..")
    : posix.resolve(stackDir, path.split("\\").join("/")).startsWith("/out/");
  if (!inside) return undefined;
  return {
    path: field,
    severity: "error",
    message: `"${path}" puts stack ${stack}'s state inside the synth output, which the cdktf CLI deletes on a config switch: ` +
      `leave path out (state goes to ${localStateFileName(stack)} beside the output directory), or give a path that leaves it, e.g. ../../../state/${localStateFileName(stack)}`,
  };
}

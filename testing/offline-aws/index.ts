// Public API of the offline Terraform test kit. See README.md.
import * as path from "path";
import { ensureOfflineBuild, repoRoot } from "./build";

export { runTerraform, runTerraformAsync, terraformAvailable, type RunOptions, type RunResult } from "./terraform";

/** The world fixture the lab is planned against. */
export const LAB_WORLD = path.join(repoRoot(), "testing/worlds/lab.json");

/**
 * Builds (or reuses) the stand-in provider and returns the environment that makes terraform
 * use it: CLI config with the filesystem mirror, no plugin cache, default world.
 */
export async function prepareOfflineTerraform(opts: { world?: string } = {}): Promise<{ env: Record<string, string>; cacheDir: string }> {
  const b = await ensureOfflineBuild();
  return {
    cacheDir: b.dir,
    env: {
      TF_CLI_CONFIG_FILE: b.cliConfig,
      // No plugin cache (see build.ts), even one set in the caller's environment.
      TF_PLUGIN_CACHE_DIR: "",
      OFFLINE_AWS_WORLD: path.resolve(opts.world ?? LAB_WORLD),
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      AWS_REGION: "us-west-2",
    },
  };
}

/** Sets the environment in this process, for cdktf's matchers, which run terraform with process.env. */
export async function useOfflineTerraform(opts: { world?: string } = {}): Promise<Record<string, string>> {
  const { env } = await prepareOfflineTerraform(opts);
  Object.assign(process.env, env);
  return env;
}

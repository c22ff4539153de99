// `vpc-peering-cdktf/testing/jest-global-setup`: a jest `globalSetup` that readies the stand-in aws
// provider for the run (scanning jest's rootDir for the resources the app uses) and exports its
// environment to every worker, so `toBeValidTerraform()` / `toPlanSuccessfully()` work offline.
// A world file for data sources: OFFLINE_AWS_WORLD. Bundled to lib/testing/jest-global-setup.js.
import { spawnSync } from "child_process";
import { useOfflineTerraform } from "./index";

export default async function globalSetup(globalConfig?: { rootDir?: string }): Promise<void> {
  await useOfflineTerraform({ rootDir: globalConfig?.rootDir });
  const terraform = process.env.TERRAFORM_BINARY_NAME ?? "terraform";
  const r = spawnSync(terraform, ["version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    console.warn(`\nvpc-peering-cdktf/testing: ${terraform} is not runnable (${r.error?.message ?? r.stderr.trim()}): toBeValidTerraform() and toPlanSuccessfully() need Terraform >= 1.10 on PATH (or TERRAFORM_BINARY_NAME)\n`);
  }
}

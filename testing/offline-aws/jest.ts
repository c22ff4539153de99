// Jest helpers for suites that run the real terraform binary.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terraformAvailable } from "./terraform";
import { PROVIDER_VERSION } from "./build";

/**
 * `describe` when terraform can run; otherwise skipped with a loud message, or failing when
 * CI=true (CI must not silently lose these tests).
 */
export function describeWithTerraform(name: string, fn: () => void): void {
  const t = terraformAvailable();
  if (t.ok) return describe(name, fn);
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs terraform", () => {
        throw new Error(`terraform is required in CI: ${t.reason}`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING "${name}": ${t.reason}. Install terraform 1.11 to run it. ***\n`);
  describe.skip(name, fn);
}

/**
 * A fresh directory for a hand-written Terraform JSON configuration, or an app's output
 * directory. It is one level down in a directory of its own, as a stack's local state goes beside
 * the output directory by default (`../../../terraform.<stack>.tfstate`): tests never share one.
 */
export function tempStackDir(prefix: string): string {
  const base = path.join(os.tmpdir(), "offline-aws-tests");
  fs.mkdirSync(base, { recursive: true });
  const dir = path.join(fs.mkdtempSync(path.join(base, `${prefix}-`)), "out");
  fs.mkdirSync(dir);
  return dir;
}

/** The JSON skeleton every raw test stack needs: pinned provider, region, local state. */
export function jsonStack(body: Record<string, unknown>): Record<string, unknown> {
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: PROVIDER_VERSION } }, backend: { local: { path: "terraform.tfstate" } } },
    provider: { aws: [{ region: "us-west-2" }] },
    ...body,
  };
}

export function writeJsonStack(dir: string, body: Record<string, unknown>): void {
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(jsonStack(body), null, 2));
}

// An example config's stack, synthesized into a temporary directory and initialized by real
// Terraform against the offline stand-in: what the offline plan tests of an example start from.
import * as path from "path";
import { App } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { tempStackDir } from "../../testing/offline-aws/jest";

export async function initExample(configFile: string, world: string): Promise<{ dir: string; env: Record<string, string> }> {
  const env = (await prepareOfflineTerraform({ world })).env;
  const config = loadConfig(configFile);
  const app = new App({ outdir: tempStackDir(path.basename(configFile, ".yaml")) });
  new PeeringStack(app, config.stack, config);
  app.synth();
  const dir = path.join(app.outdir, "stacks", config.stack);
  const init = runTerraform(dir, ["init", "-input=false"], { env, world });
  if (init.code !== 0) throw new Error(`terraform init failed for ${configFile}:\n${init.stdout}${init.stderr}`);
  return { dir, env };
}

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../modules/app/config/load";
import { DEFAULT_CONFIG } from "../modules/app/cli";
import { LAB_WORLD, prepareOfflineTerraform } from "../testing/offline-aws";
import { repoRoot } from "../testing/offline-aws/build";
import { startSandboxServices } from "../testing/offline-aws/sandbox";

// `npm run offline -- <cdktf args>`: the real cdktf CLI and Terraform against the stand-in aws
// provider (testing/offline-aws) and a loopback S3 server holding the config's state bucket, so
// the default config can be planned and applied with no AWS account. State and the fake S3
// objects persist in .offline/ between runs (delete it to start over).

const USAGE = `Usage: npm run offline -- <cdktf command> [args]

Runs the cdktf CLI (synth, diff, deploy, destroy, output, list) with no AWS account: Terraform uses
the offline stand-in aws provider (testing/offline-aws) and the S3 backend a local S3 server on
127.0.0.1 that this command starts and stops. The synthesized JSON is what npm run synth writes;
the S3 backend is redirected through AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_STS only.

  npm run offline -- deploy '*' --auto-approve     deploy every stack of the default config
  npm run offline -- diff lab                      plan the lab again ("No changes" after a deploy)
  npm run offline -- destroy lab --auto-approve

Environment: PEERING_CONFIG (config file; default ${DEFAULT_CONFIG}), OFFLINE_AWS_WORLD (what exists in
the fake account; default testing/worlds/lab.json), OFFLINE_SANDBOX_DIR (where the fake S3 keeps
the state objects and Terraform its own plugin cache; default .offline/, remove it to reset). Local
state (the state stack's) stays in
cdktf.out/stacks/<stack> as usual; pass --output <dir> to use another synth directory.
`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h") {
    process.stdout.write(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const root = repoRoot();
  const configFile = process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile);
  const buckets = config.backend.type === "s3" ? [config.backend.bucket] : [];
  const { env: terraformEnv } = await prepareOfflineTerraform({ world: process.env.OFFLINE_AWS_WORLD ?? LAB_WORLD });
  const sandboxDir = resolve(process.env.OFFLINE_SANDBOX_DIR ?? join(root, ".offline"));
  const services = await startSandboxServices({ dataDir: join(sandboxDir, "s3"), buckets });
  const pluginCache = join(sandboxDir, "plugin-cache");
  mkdirSync(pluginCache, { recursive: true });
  const stop = () => services.close().catch(() => undefined);
  try {
    // cdktf's provider lock asks registry.terraform.io for checksums, ignoring the mirror.
    const lockless = ["deploy", "diff", "destroy"].includes(args[0]) && !args.includes("--skip-provider-lock") ? ["--skip-provider-lock"] : [];
    const child = spawn(join(root, "node_modules", ".bin", "cdktf"), [...args, ...lockless], {
      cwd: root,
      stdio: "inherit",
      // A plugin cache of its own: cdktf may run `terraform init -upgrade`, which rewrites cache
      // entries that other Terraform runs (tests, verify) link to from their .terraform/.
      env: { ...process.env, ...terraformEnv, ...services.env, TF_PLUGIN_CACHE_DIR: pluginCache, PEERING_CONFIG: configFile },
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    return await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

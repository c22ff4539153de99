import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { loadConfig } from "../modules/app/config/load";
import { CONFIG_FLAGS, DEFAULT_CONFIG, parseFlags, runCli, UsageError } from "../modules/app/cli";
import { LAB_WORLD, prepareOfflineTerraform } from "../testing/offline-aws";
import { ensureOfflineBuild, repoRoot } from "../testing/offline-aws/build";
import { offlineCdktfArgs, startSandboxServices } from "../testing/offline-aws/sandbox";
import { startStandInServer } from "../testing/offline-aws/server";

// `npm run offline -- <cdktf args>`: the real cdktf CLI and Terraform against the stand-in aws
// provider (testing/offline-aws) and a loopback S3 server holding the config's state bucket, so
// the default config can be planned and applied with no AWS account. State and the fake S3
// objects persist in .offline/ between runs (delete it to start over).

const OFFLINE = {
  usage: "npm run offline --",
  arguments: "[flags] <cdktf command> [cdktf args]",
  summary:
    "Runs the cdktf CLI (synth, diff, deploy, destroy, output, list) with no AWS account: Terraform uses the offline\n" +
    "stand-in aws provider (testing/offline-aws) and, for the S3 backend, a local S3 server on 127.0.0.1 that this\n" +
    "command starts and stops. The JSON is what npm run synth writes: the backend is redirected through the\n" +
    "environment only (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_STS).",
  flags: {
    config: { ...CONFIG_FLAGS.config },
    world: { type: "string", value: "<file>", description: "What exists in the fake account; default: $OFFLINE_AWS_WORLD, else testing/worlds/lab.json" },
    sandbox: { type: "string", value: "<dir>", description: "Where the fake S3 keeps its state objects; default: $OFFLINE_SANDBOX_DIR, else .offline (remove it to reset)" },
  },
  notes: `These flags come before the cdktf command; everything from the command on goes to cdktf
(npm run offline -- deploy --help shows cdktf's own flags, e.g. --output <dir> for another synth directory).

  npm run offline -- deploy '*' --auto-approve     deploy every stack of the default config
  npm run offline -- diff lab                      plan the lab again ("No changes" after a deploy)
  npm run offline -- --config examples/<file>.yaml diff
  npm run offline -- destroy lab --auto-approve

Local state (the state stack's) goes to terraform.<stack>.tfstate beside the output directory, as usual.`,
} as const;

/** Offline's own flags are those before the cdktf command (the first word not starting with -). */
export function splitArgs(argv: readonly string[]): { own: string[]; cdktf: string[] } {
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const name = argv[i].replace(/^--?/, "").split("=")[0];
    const spec = Object.entries(OFFLINE.flags as Record<string, { type: string; short?: string }>).find(([long, f]) => long === name || f.short === name)?.[1];
    i += spec?.type === "string" && !argv[i].includes("=") ? 2 : 1;
  }
  return { own: argv.slice(0, i), cdktf: argv.slice(i) };
}

async function main(): Promise<number | void> {
  const { own, cdktf: args } = splitArgs(process.argv.slice(2));
  const flags = parseFlags(OFFLINE, own);
  if (!flags) return;
  if (args.length === 0) throw new UsageError(`a cdktf command is missing (e.g. deploy '*' --auto-approve): see ${OFFLINE.usage} --help`);
  const root = repoRoot();
  const configFile = flags.config ?? process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile);
  const buckets = config.backend.type === "s3" ? [config.backend.bucket] : [];
  const world = flags.world ?? process.env.OFFLINE_AWS_WORLD ?? LAB_WORLD;
  const { env: terraformEnv } = await prepareOfflineTerraform({ world });
  const sandboxDir = resolve(flags.sandbox ?? process.env.OFFLINE_SANDBOX_DIR ?? join(root, ".offline"));
  const services = await startSandboxServices({ dataDir: join(sandboxDir, "s3"), buckets });
  // One stand-in provider for the whole run: every init, plan and apply of every stack attaches
  // to it instead of starting its own (Terraform's TF_REATTACH_PROVIDERS).
  const provider = await startStandInServer(await ensureOfflineBuild(), world, terraformEnv);
  try {
    const child = spawn(join(root, "node_modules", ".bin", "cdktf"), offlineCdktfArgs(args), {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...terraformEnv, ...services.env, PEERING_CONFIG: configFile, TF_REATTACH_PROVIDERS: provider.reattach },
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    return await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  } finally {
    provider.stop();
    await services.close().catch(() => undefined);
  }
}

runCli(main);

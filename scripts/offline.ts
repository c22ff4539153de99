import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { loadConfig } from "../modules/app/config/load";
import { STATE_STACK } from "../modules/app/names";
import { CONFIG_FLAGS, DEFAULT_CONFIG, parseFlags, runCli, UsageError } from "../modules/app/cli";
import { LAB_WORLD, prepareOfflineTerraform } from "../testing/offline-aws";
import { ensureOfflineBuild, repoRoot } from "../testing/offline-aws/build";
import { leftoverLocks } from "../testing/offline-aws/locks";
import { offlineCdktfArgs, startSandboxServices } from "../testing/offline-aws/sandbox";
import { startStandInServer } from "../testing/offline-aws/server";
// Plain CommonJS, also preloaded into the cdktf CLI (see the file).
const { descendantsNamed, waitForExit } = require("../testing/offline-aws/processes.cjs") as {
  descendantsNamed(root: number, name: string): number[];
  waitForExit(pids: readonly number[]): Promise<void>;
};

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
    // Without a terminal (CI, scripts) cdktf and Terraform get a process group of their own, so
    // that a signal to this run's group reaches them only through here, once. With a terminal
    // they stay in its foreground group: cdktf asks for approval there, and Ctrl-C reaches them.
    const ownGroup = !process.stdin.isTTY;
    const child = spawn(join(root, "node_modules", ".bin", "cdktf"), offlineCdktfArgs(args), {
      cwd: root,
      detached: ownGroup,
      stdio: "inherit",
      env: {
        ...process.env, ...terraformEnv, ...services.env, PEERING_CONFIG: configFile, TF_REATTACH_PROVIDERS: provider.reattach,
        // cdktf sets --max-old-space-size=4096 itself only when NODE_OPTIONS is empty (and warns otherwise).
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? "--max-old-space-size=4096"} --require ${join(root, "testing", "offline-aws", "processes.cjs")}`,
        OFFLINE_DEFER_INTERRUPTS: "1",
        // Into a file or pipe, cdktf's live view writes every spinner frame; under CI it prints
        // each line once.
        ...(process.stdout.isTTY ? {} : { CI: process.env.CI || "true" }),
      },
    });
    // Terraform gets an interrupt once: from the terminal (Ctrl-C reaches the whole foreground
    // process group), else from here. A second one makes it exit at once, without writing the
    // state of what it was creating, so it is never sent twice. cdktf aborts within a second of
    // its own interrupt; the Terraform processes it started go on until their state is written,
    // and the servers they talk to stay up until then.
    const terraform = new Set<number>();
    let interrupted = false;
    const onSignal = (signal: NodeJS.Signals) => {
      const running = child.pid === undefined ? [] : descendantsNamed(child.pid, "terraform");
      running.forEach((pid) => terraform.add(pid));
      if (interrupted) {
        console.error("\noffline: still waiting for Terraform to write its state; it stops on its own (another interrupt to Terraform itself would lose state)");
        return;
      }
      interrupted = true;
      if (running.length > 0) console.error(`\noffline: interrupted; waiting for Terraform (pid ${running.join(", ")}) to finish the operations in flight and write its state before stopping the local servers`);
      // A terminal's Ctrl-C has reached Terraform already; anything else has not. cdktf ignores
      // interrupts while Terraform runs (processes.cjs) and ends when Terraform does.
      if (ownGroup || signal !== "SIGINT") running.forEach((pid) => process.kill(pid, "SIGINT"));
      child.kill(signal);
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, onSignal);
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
    await waitForExit([...terraform]);
    if (code !== 0 && args[0] === "destroy" && args.slice(1).some((a) => a === STATE_STACK || a === "*") && config.backend.type === "s3" && config.backend.preventDestroy !== false) {
      console.error(
        `offline: the ${STATE_STACK} stack's bucket (${config.backend.bucket}) has prevent_destroy: Terraform refuses to destroy it while states may live in it (the error above). ` +
          "To remove it on purpose: destroy the stacks that keep their state there, delete every object version in the bucket, set backend.preventDestroy: false in the config, and run destroy again.",
      );
    }
    if (interrupted) {
      for (const lock of leftoverLocks(join(sandboxDir, "s3"))) {
        console.error(`offline: the state lock ${lock.object} remains (lock ID ${lock.id}). When no other run uses this state, release it with:\n  rm ${lock.files.join(" ")}`);
      }
    }
    return code;
  } finally {
    provider.stop();
    await services.close().catch(() => undefined);
  }
}

runCli(main);

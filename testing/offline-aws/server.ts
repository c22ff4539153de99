// Long-lived stand-in providers for test runs. Terraform normally starts the provider for every
// command (init, validate, plan, show: each once or more), and a Node provider costs ~0.15 s of
// CPU per start. A test run starts one server per world up front and runTerraform() points each
// command at the one for its world through TF_REATTACH_PROVIDERS: Terraform then neither
// installs nor starts the provider. Worlds without a server (missing or broken files, variants
// not passed through servedWorld) still launch the provider the normal way, over the go-plugin
// handshake.
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import { ensureOfflineBuild, type OfflineBuild } from "./build";

/** Environment variable mapping world file → TF_REATTACH_PROVIDERS value; inherited by workers and scripts. */
export const SERVERS_ENV = "OFFLINE_AWS_SERVERS";

export interface StandInServer {
  readonly world: string;
  /** The TF_REATTACH_PROVIDERS value naming this server. */
  readonly reattach: string;
  stop(): void;
}

/** Starts `provider.js --serve` for one world; resolves once it listens. */
export function startStandInServer(build: OfflineBuild, world: string, env: Record<string, string>): Promise<StandInServer> {
  const file = path.resolve(world);
  return new Promise((resolve, reject) => {
    // stdin stays a pipe: the server exits when it closes, so a crashed parent leaves nothing behind.
    const child: ChildProcess = spawn(process.execPath, [path.join(build.dir, "provider.js"), "--serve"], {
      env: { ...process.env, ...env, OFFLINE_AWS_WORLD: file },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`stand-in server for ${file} exited (${code}) before listening`)));
    child.stdout!.on("data", (d) => {
      out += d;
      const end = out.indexOf("\n");
      if (end < 0) return;
      child.stdout!.removeAllListeners("data");
      child.removeAllListeners("exit");
      child.unref();
      (child.stdout as unknown as { unref(): void }).unref();
      (child.stdin as unknown as { unref(): void }).unref();
      resolve({ world: file, reattach: out.slice(0, end), stop: () => child.kill() });
    });
  });
}

/** Starts one server per world and returns the SERVERS_ENV value describing them. */
export async function startStandInServers(build: OfflineBuild, worlds: readonly string[], env: Record<string, string>): Promise<{ servers: StandInServer[]; envValue: string }> {
  const servers = await Promise.all(worlds.map((w) => startStandInServer(build, w, env)));
  return { servers, envValue: JSON.stringify(Object.fromEntries(servers.map((s) => [s.world, s.reattach]))) };
}

/**
 * TF_REATTACH_PROVIDERS for a run in `env`, when a server answers for its world and the run did
 * not name a provider itself; undefined means Terraform launches the provider.
 */
export function reattachFor(env: Record<string, string | undefined>): string | undefined {
  if (env.TF_REATTACH_PROVIDERS || !env.OFFLINE_AWS_WORLD) return undefined;
  return servedWorlds(env)[path.resolve(env.OFFLINE_AWS_WORLD)];
}

/**
 * The environment for `terraform <args>`: with the server for its world named, except for
 * `init`, which still installs the provider (a link into the mirror, nothing started) so that a
 * later run whose world has no server can launch it.
 */
export function withStandInServer<T extends Record<string, string | undefined>>(args: readonly string[], env: T): T & { TF_REATTACH_PROVIDERS?: string } {
  const reattach = args[0] === "init" ? undefined : reattachFor(env);
  return reattach ? { ...env, TF_REATTACH_PROVIDERS: reattach } : env;
}

const servedWorlds = (env: Record<string, string | undefined>) => JSON.parse(env[SERVERS_ENV] ?? "{}") as Record<string, string>;

/**
 * Serves `world` (e.g. a worldVariant) from a long-lived stand-in for the rest of this process
 * and the commands it spawns: runTerraform finds it through SERVERS_ENV. Resolves to the world
 * file, so a test can write `plan(await servedWorld(worldVariant(...)))`. The server exits with
 * this process (its stdin closes).
 */
export async function servedWorld(world: string): Promise<string> {
  const file = path.resolve(world);
  if (servedWorlds(process.env)[file]) return file;
  // Required here: index.ts loads terraform.ts, which loads this module.
  const { prepareOfflineTerraform } = require("./index") as typeof import("./index");
  const { env } = await prepareOfflineTerraform({ world: file });
  const server = await startStandInServer(await ensureOfflineBuild(), file, env);
  process.env[SERVERS_ENV] = JSON.stringify({ ...servedWorlds(process.env), [file]: server.reattach });
  return file;
}

// Running the terraform CLI against the stand-in provider.
import { spawn, spawnSync } from "child_process";
import * as path from "path";
import { withStandInServer } from "./server";

export interface RunOptions {
  env: Record<string, string>;
  /** World fixture the provider's data sources answer from. */
  world?: string;
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export function terraformBinary(): string {
  return process.env.TERRAFORM_BINARY_NAME ?? "terraform";
}

/**
 * The answer of the last check, for this binary name and PATH, kept in the environment so that
 * processes started after it (jest's workers, after globalSetup) do not run `terraform version`
 * again: once per run instead of once per suite.
 */
const CHECKED_ENV = "OFFLINE_TERRAFORM_CHECKED";

/** Whether terraform can run here; the reason when it cannot. */
export function terraformAvailable(): { ok: boolean; reason?: string } {
  const key = `${terraformBinary()}\0${process.env.PATH ?? ""}`;
  try {
    const known = JSON.parse(process.env[CHECKED_ENV] ?? "null");
    if (known?.key === key) return known.result;
  } catch {
    // not a value this function wrote: check again
  }
  const r = spawnSync(terraformBinary(), ["version"], { encoding: "utf8" });
  const result = r.error || r.status !== 0 ? { ok: false, reason: `${terraformBinary()} not runnable: ${r.error?.message ?? r.stderr}` } : { ok: true };
  process.env[CHECKED_ENV] = JSON.stringify({ key, result });
  return result;
}

function prepare(args: string[], opts: RunOptions): { argv: string[]; env: Record<string, string> } {
  const base: Record<string, string> = { ...(process.env as Record<string, string>), ...opts.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  if (opts.world) base.OFFLINE_AWS_WORLD = path.resolve(opts.world);
  // A long-lived stand-in for the run's world answers, when there is one (server.ts).
  const env = withStandInServer(args, base);
  // Plain text output for assertions: -no-color right after the subcommand.
  const argv = args.length && !args.includes("-no-color") && !["version", "fmt"].includes(args[0]) ? [args[0], "-no-color", ...args.slice(1)] : args;
  return { argv, env };
}

export function runTerraform(dir: string, args: string[], opts: RunOptions): RunResult {
  const { argv, env } = prepare(args, opts);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(terraformBinary(), argv, { cwd: dir, env, encoding: "utf8", timeout: opts.timeoutMs ?? 300_000, maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : ""), seconds };
}

/** Same, without blocking the event loop: needed when a server in this process (s3rver) must answer. */
export function runTerraformAsync(dir: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const { argv, env } = prepare(args, opts);
  const t0 = process.hrtime.bigint();
  return new Promise((resolve) => {
    const p = spawn(terraformBinary(), argv, { cwd: dir, env, timeout: opts.timeoutMs ?? 120_000 });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", (e) => (stderr += String(e)));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));
  });
}

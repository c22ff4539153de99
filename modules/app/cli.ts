import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "./config/load";
import type { TopologyConfig } from "./config/schema";
import { formatProblem } from "../core/problems";

// What the entry points (main.ts, module.ts) share: flags, config loading with warnings, and
// how a failure is reported.

export const DEFAULT_CONFIG = "config/lab.yaml";

export interface CliInput {
  readonly configFile: string;
  readonly config: TopologyConfig;
  /** `--output`, when given. */
  readonly output?: string;
}

/** One flag of an entry point: what parseArgs needs, and a line of help. */
export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** `<file>`, `<dir>`, ...: shown after the flag in help. */
  readonly value?: string;
  readonly description: string;
}

export interface CommandSpec {
  /** How users run it, e.g. `npm run synth --`. */
  readonly usage: string;
  /** One line: what it does. */
  readonly summary: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** What follows the flags in the usage line. @default "[flags]" */
  readonly arguments?: string;
  /** Lines printed after the flags (examples, environment). @default none */
  readonly notes?: string;
}

/** Thrown for a flag a command does not know or a missing flag value: printed as one line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The help text of a command, listing every flag. */
export function helpText(command: CommandSpec): string {
  const flags = Object.entries({ ...command.flags, help: { type: "boolean", short: "h", description: "Print this help" } as FlagSpec });
  const left = flags.map(([name, f]) => `${f.short ? `-${f.short}, ` : "    "}--${name}${f.value ? ` ${f.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length));
  return [
    `${command.summary}`,
    "",
    `Usage: ${command.usage} ${command.arguments ?? "[flags]"}`,
    "",
    "Flags:",
    ...flags.map(([, f], i) => `  ${left[i].padEnd(width)}  ${f.description}`),
    ...(command.notes ? ["", command.notes.trimEnd()] : []),
  ].join("\n");
}

/**
 * The flags of a command: `--help` prints the help and returns undefined (the caller stops); an
 * unknown flag or a missing value is a UsageError naming it and pointing at --help.
 */
export function parseFlags<T extends Record<string, FlagSpec>>(
  command: CommandSpec & { readonly flags: T },
  argv = process.argv.slice(2),
): { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.entries(command.flags).map(([name, f]) => [name, { type: f.type, ...(f.short ? { short: f.short } : {}) }])),
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    const message = (err as Error).message.split("\n")[0].replace(/\. To specify a positional argument.*$/, "");
    throw new UsageError(`${message}: see ${command.usage} --help`);
  }
  if (parsed.values.help) {
    console.log(helpText(command));
    return undefined;
  }
  const values: Record<string, unknown> = { ...parsed.values };
  for (const [name, f] of Object.entries(command.flags)) {
    if (typeof values[name] === "string" && f.value !== undefined && PATH_VALUES.test(f.value)) values[name] = userPath(values[name] as string, f.value.includes("name"));
  }
  return values as never;
}

/** Flag values that are paths (`<file>`, `<dir>`, `<dir|file>`, `<name|dir>`). */
const PATH_VALUES = /^<(?:file|dir|dir\|file|name\|dir)>$/;

/**
 * A path the user typed, as they meant it: npm runs scripts from the project's root, and
 * INIT_CWD is where the user ran npm, so `cd config && npm run synth -- --config lab.yaml` reads
 * config/lab.yaml. Absolute paths and runs from the root are left as they are; with `orName`
 * (`--stack <name|dir>`) a value that is no path there stays a name.
 */
export function userPath(value: string, orName = false, env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): string {
  const from = env.INIT_CWD;
  if (!from || isAbsolute(value) || resolve(from) === resolve(cwd)) return value;
  const resolved = resolve(from, value);
  return orName && !existsSync(resolved) ? value : resolved;
}

/** The flags of `npm run synth` and `npm run synth:module`. */
export const CONFIG_FLAGS: { readonly config: FlagSpec & { type: "string" }; readonly output: FlagSpec & { type: "string" } } = {
  config: { type: "string", short: "c", value: "<file>", description: "Topology file (YAML or JSON); default: $PEERING_CONFIG, else config/lab.yaml" },
  output: { type: "string", short: "o", value: "<dir>", description: "Where to write" },
};

/** The flags of the commands that read synthesized stacks back (reachability, diagram). */
export const STACK_FLAGS: { readonly stack: FlagSpec & { type: "string" }; readonly output: FlagSpec & { type: "string" }; readonly ports: FlagSpec & { type: "string" } } = {
  stack: { type: "string", short: "s", value: "<name|dir>", description: "One stack (its name or directory); default: every stack in the output directory" },
  output: { type: "string", short: "o", value: "<dir>", description: "The synth output directory; default: $CDKTF_OUTDIR, else cdktf.out" },
  ports: { type: "string", short: "p", value: "<list>", description: "Ports to check besides the stack's rule ports, e.g. 443,tcp/22,udp/53,tcp/1024-65535,icmp" },
};

/** The flags of the commands that report on synthesized stacks (reachability, report): the stack flags and a baseline. */
export const REPORT_FLAGS: typeof STACK_FLAGS & { readonly against: FlagSpec & { type: "string" } } = {
  ...STACK_FLAGS,
  against: { type: "string", value: "<dir|file>", description: "A baseline stack (directory or cdk.tf.json): list pairs, blocks and names that gained or lost reachability; exit 1 if any was lost" },
};

/** `--config <file>` (else env PEERING_CONFIG, else the lab) and `--output <dir>`; warnings go to stderr. Undefined after --help. */
export function readCliInput(command: CommandSpec & { readonly flags: typeof CONFIG_FLAGS }, argv = process.argv.slice(2)): CliInput | undefined {
  const values = parseFlags(command, argv);
  if (!values) return undefined;
  const configFile = values.config ?? process.env.PEERING_CONFIG ?? DEFAULT_CONFIG;
  const config = loadConfig(configFile, { onWarning: (w) => console.warn(`warning: ${configFile}: ${formatProblem(w)}`) });
  return { configFile, config, output: values.output };
}

/** Exit status of a usage error (unknown flag, missing value): 2, as for shells and most CLIs. */
export const USAGE_EXIT = 2;

/**
 * Runs an entry point's `main` (sync or async). A flag error prints one line and exits 2; config
 * errors and other expected failures (plain `Error`s the scripts throw for users) print their
 * message alone and exit 1 (DEBUG=1 adds the stack). A `main` may also resolve to an exit status.
 */
export function runCli(main: () => void | number | Promise<void | number>): void {
  const fail = (err: unknown) => {
    console.error(err instanceof Error ? (process.env.DEBUG && err.stack) || err.message : String(err));
    process.exitCode = err instanceof UsageError ? USAGE_EXIT : 1;
  };
  const done = (code: void | number) => {
    if (typeof code === "number") process.exitCode = code;
  };
  try {
    const result = main();
    if (result instanceof Promise) result.then(done, fail);
    else done(result);
  } catch (err) {
    fail(err);
  }
}

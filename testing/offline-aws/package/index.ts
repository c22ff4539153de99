// `vpc-peering-cdktf/testing`: the stand-in aws provider for a library consumer's tests, so that
// cdktf's `toBeValidTerraform()` and `toPlanSuccessfully()` run real Terraform with no network.
// Bundled by scripts/build-testing.ts into lib/testing/index.js; the provider bundle and the
// protocol descriptor ship beside it (lib/testing/offline-aws/). The schema is rebuilt on the
// consumer's machine from the @cdktf/provider-aws they installed, for the resource modules the
// library and their sources import, into a build cache keyed by all of that.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { publishBuild, writeMirrorAndConfig } from "../kit";
import { buildSchema } from "../schema/build-schema";
import { deepImportsIn } from "../schema/used-types";

export interface OfflineTerraformOptions {
  /**
   * A world file (JSON, see the project's testing/offline-aws/README.md): what already exists in
   * the fake account, for data sources. Default: `$OFFLINE_AWS_WORLD`, else an empty account
   * 123456789012 in us-east-1.
   */
  world?: string;
  /** The app's directory, scanned for `@cdktf/provider-aws/lib/<resource>` imports. @default process.cwd() */
  rootDir?: string;
  /** More @cdktf/provider-aws modules to serve (`"vpc"`, `"data-aws-vpc"`), for resources imported from the package root. */
  resourceModules?: string[];
  /** The build cache. @default <rootDir>/node_modules/.cache/vpc-peering-cdktf-offline-aws */
  cacheDir?: string;
}

export interface OfflineTerraform {
  /** The environment that makes `terraform` use the stand-in (TF_CLI_CONFIG_FILE and others). */
  env: Record<string, string>;
  /** The build directory: provider bundle, schema, mirror, CLI config. */
  cacheDir: string;
  /** The hashicorp/aws version the stand-in answers as: the one the installed @cdktf/provider-aws pins. */
  providerVersion: string;
  /** The @cdktf/provider-aws modules whose types it serves. */
  resourceModules: string[];
}

const OPTIONS = ["world", "rootDir", "resourceModules", "cacheDir"];
const fail = (message: string): never => {
  throw new Error(`vpc-peering-cdktf/testing: ${message}`);
};

/** The shipped files: provider.js, descriptor.json, modules.json (the library's own resource modules). */
const assetsDir = () => path.join(__dirname, "offline-aws");

function providerAwsLib(rootDir: string): string {
  try {
    return path.dirname(path.dirname(require.resolve("@cdktf/provider-aws/lib/provider", { paths: [rootDir] })));
  } catch {
    return fail(`@cdktf/provider-aws is not installed where ${rootDir} resolves packages: install it (a peer dependency of vpc-peering-cdktf), or set rootDir to your app's directory`);
  }
}

function checkOptions(opts: OfflineTerraformOptions): void {
  if (typeof opts !== "object" || opts === null) fail(`options must be an object with any of ${OPTIONS.join(", ")}`);
  for (const key of Object.keys(opts)) if (!OPTIONS.includes(key)) fail(`unknown option "${key}": use one of ${OPTIONS.join(", ")}`);
  for (const key of ["world", "rootDir", "cacheDir"] as const) {
    if (opts[key] !== undefined && typeof opts[key] !== "string") fail(`${key} must be a path (a string)`);
  }
  if (opts.resourceModules !== undefined && !(Array.isArray(opts.resourceModules) && opts.resourceModules.every((m) => typeof m === "string"))) {
    fail('resourceModules must be a list of @cdktf/provider-aws module names, e.g. ["vpc", "data-aws-vpc"]');
  }
}

/**
 * Builds (or reuses) the stand-in for this app and returns the environment that makes terraform
 * use it. Nothing is downloaded; `terraform` (>= 1.10) must be on PATH or named by
 * `TERRAFORM_BINARY_NAME` when tests run it.
 */
export async function prepareOfflineTerraform(opts: OfflineTerraformOptions = {}): Promise<OfflineTerraform> {
  checkOptions(opts);
  const rootDir = path.resolve(opts.rootDir ?? process.cwd());
  const world = opts.world ?? process.env.OFFLINE_AWS_WORLD;
  if (world !== undefined && world !== "" && !fs.existsSync(world)) fail(`world: ${path.resolve(world)} does not exist: give the path of a world JSON file, or leave it out for an empty account`);
  const libDir = providerAwsLib(rootDir);
  const providerVersion = /providerVersion: '([^']+)'/.exec(fs.readFileSync(path.join(libDir, "provider", "index.js"), "utf8"))?.[1]
    ?? fail(`cannot read the aws provider version from ${path.join(libDir, "provider", "index.js")}`);
  for (const m of opts.resourceModules ?? []) {
    if (!fs.existsSync(path.join(libDir, m, "index.js"))) fail(`resourceModules: "${m}" is not a module of @cdktf/provider-aws (${libDir}/${m}): use the name after @cdktf/provider-aws/lib/`);
  }
  const library: string[] = JSON.parse(fs.readFileSync(path.join(assetsDir(), "modules.json"), "utf8"));
  const found = [...deepImportsIn([rootDir])].filter((m) => fs.existsSync(path.join(libDir, m, "index.js")));
  const resourceModules = [...new Set(["provider", ...library, ...found, ...(opts.resourceModules ?? [])])].sort();

  const provider = fs.readFileSync(path.join(assetsDir(), "provider.js"));
  const key = createHash("sha256").update(provider).update(`\n${libDir}\n${providerVersion}\n${resourceModules.join(",")}\n${process.execPath}\n`).digest("hex").slice(0, 16);
  const cacheRoot = path.resolve(opts.cacheDir ?? path.join(rootDir, "node_modules", ".cache", "vpc-peering-cdktf-offline-aws"));
  const dir = path.join(cacheRoot, key);
  if (!fs.existsSync(path.join(dir, "terraformrc"))) {
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, "provider.js"), provider);
    fs.copyFileSync(path.join(assetsDir(), "descriptor.json"), path.join(tmp, "descriptor.json"));
    fs.writeFileSync(path.join(tmp, "schema.json"), JSON.stringify(buildSchema(libDir, resourceModules)));
    writeMirrorAndConfig(tmp, dir, providerVersion);
    publishBuild(tmp, dir);
  }
  const env: Record<string, string> = {
    TF_CLI_CONFIG_FILE: path.join(dir, "terraformrc"),
    // No plugin cache: from an unpacked mirror init links the provider in a few ms, and parallel inits through a cache fail at random.
    TF_PLUGIN_CACHE_DIR: "",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  };
  if (world) env.OFFLINE_AWS_WORLD = path.resolve(world);
  return { env, cacheDir: dir, providerVersion, resourceModules };
}

/**
 * The same, and sets the environment in this process: cdktf's matchers run terraform with
 * process.env. In jest's `globalSetup` it reaches every worker.
 */
export async function useOfflineTerraform(opts: OfflineTerraformOptions = {}): Promise<OfflineTerraform> {
  const prepared = await prepareOfflineTerraform(opts);
  Object.assign(process.env, prepared.env);
  return prepared;
}

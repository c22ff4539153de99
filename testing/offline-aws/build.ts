// Builds (or reuses) everything Terraform needs to run the stand-in provider offline, in one
// cache directory keyed by a hash of the inputs: provider bundle, schema, TLS material,
// filesystem mirror and CLI config. Safe for parallel callers: built aside, then renamed.
// No plugin cache: from an unpacked filesystem mirror `terraform init` links the provider
// straight from the mirror (a few ms), while with a cache every init replaces the cache's link,
// and parallel inits then fail at random ("no such file", "file exists").
import { createHash } from "crypto";
import * as fs from "fs";
import * as esbuild from "esbuild";
import * as path from "path";
import { publishBuild, writeMirrorAndConfig } from "./kit";
import { protoDescriptor } from "./proto/descriptor";
import { buildSchema } from "./schema/build-schema";
import { usedProviderModules } from "./schema/used-types";

export const PROVIDER_VERSION = "6.25.0";

export interface OfflineBuild {
  dir: string;
  cliConfig: string;
  schemaFile: string;
}

/** The checkout holding this kit, found upwards from here or (when bundled elsewhere) the cwd. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, "testing/offline-aws/build.ts"))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error("cannot find the checkout containing testing/offline-aws");
}

const kitDir = () => path.join(repoRoot(), "testing/offline-aws");

/** node_modules/.cache when node_modules belongs to this checkout, else a checkout-local .cache. */
function cacheRoot(root: string): string {
  if (process.env.OFFLINE_AWS_CACHE_DIR) return process.env.OFFLINE_AWS_CACHE_DIR;
  const nm = path.join(root, "node_modules");
  const shared = fs.lstatSync(nm).isSymbolicLink();
  return shared ? path.join(root, ".cache", "offline-aws") : path.join(nm, ".cache", "offline-aws");
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|proto)$/.test(e.name) ? [p] : [];
  }).sort();
}

function inputsKey(root: string, modules: string[]): string {
  const h = createHash("sha256");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@cdktf/provider-aws/package.json"), "utf8"));
  h.update(`${pkg.version}\n${modules.join(",")}\n${process.execPath}\n`);
  for (const f of sourceFiles(kitDir())) h.update(fs.readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

export async function ensureOfflineBuild(): Promise<OfflineBuild> {
  const root = repoRoot();
  const modules = usedProviderModules(root);
  const dir = path.join(cacheRoot(root), inputsKey(root, modules));
  const result: OfflineBuild = {
    dir,
    cliConfig: path.join(dir, "terraformrc"),
    schemaFile: path.join(dir, "schema.json"),
  };
  if (fs.existsSync(result.cliConfig)) return result;

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  await build(root, modules, tmp, dir);
  if (!publishBuild(tmp, dir)) return result;
  pruneOldBuilds(path.dirname(dir), dir);
  return result;
}

/** Builds for older inputs pile up as the kit changes; drop those untouched for a week. */
function pruneOldBuilds(root: string, keep: string): void {
  const weekAgo = Date.now() - 7 * 86400_000;
  for (const name of fs.readdirSync(root)) {
    const p = path.join(root, name);
    if (p !== keep && fs.statSync(p).mtimeMs < weekAgo) fs.rmSync(p, { recursive: true, force: true });
  }
}

async function build(root: string, modules: string[], tmp: string, finalDir: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(kitDir(), "provider/main.ts")],
    bundle: true, minify: true, platform: "node", target: "node20", outfile: path.join(tmp, "provider.js"), logLevel: "warning",
  });
  const protos = ["tfplugin6-subset.proto", "go-plugin-subset.proto"].map((p) => path.join(kitDir(), "proto", p));
  fs.writeFileSync(path.join(tmp, "descriptor.json"), JSON.stringify(protoDescriptor(protos)));
  const schema = buildSchema(path.join(root, "node_modules/@cdktf/provider-aws/lib"), modules);
  fs.writeFileSync(path.join(tmp, "schema.json"), JSON.stringify(schema));
  writeMirrorAndConfig(tmp, finalDir, PROVIDER_VERSION);
}

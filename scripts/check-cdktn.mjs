#!/usr/bin/env node
// Checks that the project moves to CDK Terrain (cdktn, the maintained fork of the archived cdktf)
// by a rename alone: copies the sources into a temporary directory, installs cdktn and
// @cdktn/provider-aws there, rewrites the imports, synthesizes the lab (app and module mode)
// with both toolchains and reports every difference in the Terraform JSON, ignoring the
// metadata "//" blocks (they carry the toolchain's own name and version), `aws` vs
// `hashicorp/aws` (one provider address) and the synth directory in default local state paths.
// Then installs the packed library into a new cdktn app with README's alias line and synthesizes
// examples/library-app there.
//
//   npm run check:cdktn [-- --provider-version 25.7.0] [--keep]
//
// Exit 0: same JSON, or the only differences are the aws provider version pin (reported), and the
// cdktn app synthesized its peering.
// Exit 1: any other difference, or a step failed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readmeShLines, withTarball } from "./readme-install.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = scriptArgs({
  usage: "npm run check:cdktn --",
  summary: "Synthesizes the lab (app and module mode) with CDK Terrain (cdktn) in a temporary directory and reports every difference from cdktf's JSON.",
  options: {
    "provider-version": { type: "string", value: "<version>", description: "@cdktn/provider-aws version; default the newest whose peer range admits cdktn" },
    keep: { type: "boolean", description: "Keep the temporary directory" },
    config: { type: "string", default: "config/lab.yaml", value: "<file>", description: "Topology file (default config/lab.yaml)" },
  },
});
const OUR_AWS = "6.25.0"; // what @cdktf/provider-aws 21.22.1 pins
const SOURCES = ["main.ts", "module.ts", "modules", "config"];

const run = (cmd, argv, cwd) => execFileSync(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" } });
const log = (line) => console.log(line);
const npmView = (spec, field) => JSON.parse(run("npm", ["view", spec, field, "--json"], root) || "null");

/** Rewrites cdktf imports to cdktn: the one rename the project's import rule keeps possible. */
export function rewriteImports(text) {
  return text
    .replace(/from "cdktf"/g, 'from "cdktn"')
    .replace(/from "cdktf\/lib\//g, 'from "cdktn/lib/')
    .replace(/from "@cdktf\/provider-aws\/lib\//g, 'from "@cdktn/provider-aws/lib/');
}

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function pinnedAwsVersion(nodeModules, pkg) {
  const text = readFileSync(join(nodeModules, pkg, "lib", "provider", "index.js"), "utf8");
  return /providerVersion:\s*["']([^"']+)["']/.exec(text)?.[1] ?? "unknown";
}

function synth(dir, outdir) {
  const esbuild = join(root, "node_modules", ".bin", "esbuild");
  for (const entry of ["main", "module"]) {
    run(esbuild, [`${entry}.ts`, "--bundle", "--platform=node", "--target=node20", "--packages=external", `--outfile=dist/${entry}.js`, "--log-level=warning"], dir);
  }
  run("node", ["dist/main.js", "--config", args.config, "--output", join(outdir, "app")], dir);
  run("node", ["dist/module.js", "--config", args.config, "--output", join(outdir, "module")], dir);
}

function stripMetadata(value) {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, stripMetadata(v)]));
  }
  return value;
}

/** Differences that mean the same to Terraform: `aws` and `hashicorp/aws` name one provider; the local backend's default path is the synth directory. */
function normalize(json, dir) {
  const tf = json.terraform ?? {};
  const aws = tf.required_providers?.aws;
  if (aws?.source === "aws") aws.source = "hashicorp/aws";
  if (typeof tf.backend?.local?.path === "string") tf.backend.local.path = tf.backend.local.path.replace(dir, "<synth dir>");
  return json;
}

function diff(a, b, path = "", out = []) {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) diff(a[key], b[key], path ? `${path}.${key}` : key, out);
    return out;
  }
  out.push({ path, ours: a, theirs: b });
  return out;
}

function jsonFiles(dir) {
  return existsSync(dir) ? tsLike(dir) : [];
  function tsLike(d) {
    return readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? tsLike(p) : /\.tf\.json$/.test(name) ? [p] : [];
    });
  }
}

/**
 * The library in a cdktn consumer's app: a new app with cdktn, its provider and constructs, README's
 * alias line run as written (the tarball packed here), examples/library-app's code with cdktn
 * imports, compiled and synthesized. Returns the problems found.
 */
function consumerApp(work) {
  const [line] = readmeShLines(root, "In a CDK Terrain app");
  const aliased = (name) => line.find((a) => a.startsWith(`${name}@npm:`))?.slice(`${name}@npm:`.length);
  const cdktn = aliased("cdktf");
  const provider = aliased("@cdktf/provider-aws");
  if (!cdktn || !provider) throw new Error(`README's cdktn line aliases no cdktf or @cdktf/provider-aws: ${line.join(" ")}`);
  const app = join(work, "consumer");
  mkdirSync(app);
  run("npm", ["pack", "--pack-destination", work, "--silent"], root);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "cdktn-consumer", private: true }, null, 2));
  const constructsRange = npmView(cdktn, "peerDependencies")?.constructs ?? "^10";
  run("npm", ["install", "--loglevel=error", cdktn, provider, `constructs@${constructsRange}`, "typescript@~5.9.3", "@types/node@^20"], app);
  const [command, ...argv] = line;
  run(command, [...withTarball(argv, join(work, tarball)), "--loglevel=error"], app);
  log(`consumer: a cdktn app (${cdktn}, ${provider}) installed the library with README's line`);
  writeFileSync(join(app, "main.ts"), rewriteImports(readFileSync(join(root, "examples", "library-app", "main.ts"), "utf8")));
  const tsconfig = { compilerOptions: { target: "ES2020", module: "commonjs", strict: true, esModuleInterop: true, outDir: "dist" }, files: ["main.ts"] };
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  run(join(app, "node_modules", ".bin", "tsc"), ["-p", "."], app);
  run(process.execPath, ["dist/main.js"], app);
  const stacks = join(app, "cdktf.out", "stacks");
  const problems = [];
  for (const stack of readdirSync(stacks)) {
    const json = JSON.parse(readFileSync(join(stacks, stack, "cdk.tf.json"), "utf8"));
    const peerings = Object.keys(json.resource?.aws_vpc_peering_connection ?? {}).length;
    const pin = json.terraform?.required_providers?.aws?.version;
    const theirs = pinnedAwsVersion(join(app, "node_modules"), "@cdktn/provider-aws");
    if (peerings !== 1) problems.push(`${stack}: ${peerings} aws_vpc_peering_connection (expected 1)`);
    if (pin !== theirs) problems.push(`${stack}: pins aws ${pin}, not ${theirs} (what ${provider} pins)`);
    log(`consumer: compiled and synthesized ${stack} with cdktn ${json["//"]?.metadata?.version ?? "?"}: ${peerings} peering, aws ${pin}`);
  }
  return problems;
}

function main() {
  const work = mkdtempSync(join(tmpdir(), "check-cdktn-"));
  try {
    const cdktnVersion = npmView("cdktn", "version");
    let providerVersion = args["provider-version"];
    if (!providerVersion) {
      // Newest @cdktn/provider-aws whose cdktn peer range admits this cdktn.
      const all = npmView("@cdktn/provider-aws", "versions");
      const [major, minor] = cdktnVersion.split(".");
      providerVersion = [...all].reverse().find((v) => {
        const peer = npmView(`@cdktn/provider-aws@${v}`, "peerDependencies")?.cdktn ?? "";
        return peer.includes(`0.${minor}`) && major === "0";
      }) ?? all[all.length - 1];
    }
    const constructsRange = npmView(`cdktn@${cdktnVersion}`, "peerDependencies")?.constructs ?? "^10";
    log(`cdktn ${cdktnVersion}, @cdktn/provider-aws ${providerVersion}, constructs ${constructsRange}`);

    const app = join(work, "app");
    mkdirSync(app);
    for (const src of SOURCES) cpSync(join(root, src), join(app, src), { recursive: true });
    const ours = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    // Every runtime dependency of ours, read from package.json so a new one is never missed.
    const runtime = Object.entries(ours.dependencies).map(([name, range]) => `${name}@${range}`);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "check-cdktn", private: true }, null, 2));
    log("installing in a temporary directory ...");
    const t0 = Date.now();
    run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", `cdktn@${cdktnVersion}`, `@cdktn/provider-aws@${providerVersion}`, `constructs@${constructsRange}`, ...runtime], app);
    log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const theirAws = pinnedAwsVersion(join(app, "node_modules"), "@cdktn/provider-aws");
    log(`aws provider pinned: ours (@cdktf/provider-aws) ${OUR_AWS}, theirs (@cdktn/provider-aws ${providerVersion}) ${theirAws}`);

    let rewritten = 0;
    for (const file of tsFiles(app).filter((f) => !f.includes("node_modules"))) {
      const before = readFileSync(file, "utf8");
      const after = rewriteImports(before);
      if (after !== before) {
        writeFileSync(file, after);
        rewritten++;
      }
      const left = after.match(/(from |require\()["']@?cdktf[^"']*["']/g);
      if (left) throw new Error(`${relative(app, file)} still names cdktf after the rewrite: ${left.join(", ")}`);
    }
    log(`rewrote imports in ${rewritten} files`);

    synth(root, join(work, "ours"));
    synth(app, join(work, "theirs"));

    let versionOnly = 0;
    const other = [];
    const oursFiles = jsonFiles(join(work, "ours")).map((f) => relative(join(work, "ours"), f)).sort();
    const theirsFiles = jsonFiles(join(work, "theirs")).map((f) => relative(join(work, "theirs"), f)).sort();
    if (JSON.stringify(oursFiles) !== JSON.stringify(theirsFiles)) other.push({ path: "(files)", ours: oursFiles, theirs: theirsFiles });
    for (const file of oursFiles.filter((f) => theirsFiles.includes(f))) {
      const a = normalize(stripMetadata(JSON.parse(readFileSync(join(work, "ours", file), "utf8"))), root);
      const b = normalize(stripMetadata(JSON.parse(readFileSync(join(work, "theirs", file), "utf8"))), app);
      for (const d of diff(a, b)) {
        if (/^terraform\.required_providers\.aws\.version$/.test(d.path) && d.ours === OUR_AWS && d.theirs === theirAws) versionOnly++;
        else other.push({ ...d, path: `${file}: ${d.path}` });
      }
      log(`compared ${file}`);
    }
    if (versionOnly > 0) log(`difference: required_providers.aws.version ${OUR_AWS} -> ${theirAws} in ${versionOnly} file(s) (the prebuilt provider's pin)`);
    for (const d of other.slice(0, 40)) log(`difference: ${d.path}\n  ours:   ${JSON.stringify(d.ours)}\n  theirs: ${JSON.stringify(d.theirs)}`);
    if (other.length > 40) log(`... and ${other.length - 40} more`);
    log(other.length === 0 ? `RESULT: same Terraform JSON${versionOnly ? " apart from the aws provider pin" : ""}` : `RESULT: ${other.length} difference(s) beyond the provider pin`);
    const consumer = consumerApp(work);
    for (const p of consumer) log(`consumer: ${p}`);
    log(consumer.length === 0 ? "RESULT: the library works in a cdktn app as README says" : "RESULT: the library in a cdktn app failed");
    process.exitCode = other.length === 0 && consumer.length === 0 ? 0 : 1;
  } catch (err) {
    console.error(`check:cdktn failed: ${err.stderr || err.message}`);
    process.exitCode = 1;
  } finally {
    if (args.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main();

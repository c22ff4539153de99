// The library as a consumer gets it: pack this project, install the tarball into a copy of
// examples/library-app outside the repository, compile it with the cdktf template's tsconfig,
// run its jest test and synthesize. Exits non-zero on any failure. Used by .ci/run.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scriptArgs } from "./script-args.mjs";

const { keep } = scriptArgs({
  usage: "npm run test:package --",
  summary: "Packs the library, installs the tarball into a copy of examples/library-app outside the repository, compiles it with the cdktf template's tsconfig, runs its test and synthesizes.",
  options: { keep: { type: "boolean", description: "Keep the temporary directory" } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "library-app-"));
const app = join(work, "app");

function step(name, command, args, cwd) {
  const started = Date.now();
  process.stdout.write(`${name} ... `);
  try {
    const out = execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return out;
  } catch (err) {
    console.log(`FAILED (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.error(`$ ${command} ${args.join(" ")}  (in ${cwd})\n${err.stdout ?? ""}${err.stderr ?? ""}`);
    process.exit(1);
  }
}

try {
  step("pack the project", "npm", ["pack", "--pack-destination", work, "--silent"], root);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack wrote no tarball");

  const skip = new Set(["node_modules", "cdktf.out"]);
  cpSync(join(root, "examples", "library-app"), app, {
    recursive: true,
    filter: (src) => !skip.has(src.split(/[\\/]/).pop()) && !/\.(js|d\.ts|tsbuildinfo)$/.test(src) || /(jest\.config|setup)\.js$/.test(src),
  });
  const pkgFile = join(app, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  pkg.dependencies["vpc-peering-cdktf"] = `file:${join(work, tarball)}`;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

  // The root `npm ci` filled npm's cache with every pinned package: nothing new is downloaded.
  step("install the tarball and the app's dependencies", "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  const installed = JSON.parse(readFileSync(join(app, "node_modules", "vpc-peering-cdktf", "package.json"), "utf8"));
  if (!existsSync(join(app, "node_modules", "vpc-peering-cdktf", "lib", "index.d.ts"))) throw new Error("the installed package has no lib/index.d.ts");
  console.log(`  installed vpc-peering-cdktf ${installed.version} (${tarball})`);

  step("compile with the cdktf template's tsconfig (ES2018)", "npx", ["tsc"], app);
  step("run the app's jest test (cdktf Testing matchers)", "npx", ["jest", "--ci"], app);
  step("synthesize", "node", ["main.js"], app);
  const stackFile = join(app, "cdktf.out", "stacks", "peered-vpcs", "cdk.tf.json");
  const stack = JSON.parse(readFileSync(stackFile, "utf8"));
  const peerings = Object.keys(stack.resource?.aws_vpc_peering_connection ?? {});
  if (peerings.length !== 1) throw new Error(`expected one aws_vpc_peering_connection in ${stackFile}, found ${peerings.length}`);
  console.log(`  ${stackFile}: ${Object.values(stack.resource).reduce((n, r) => n + Object.keys(r).length, 0)} resources, peering ${peerings[0]}`);
  console.log("library-app: the packed library installs, compiles with the template's tsconfig, tests and synthesizes");
} catch (err) {
  console.error(`library-app: ${err.message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

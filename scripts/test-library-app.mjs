// The library as a consumer gets it today: a new app made by `cdktf init --template=typescript`
// (the template as it is now), set up with the install lines of README.md's library section (run
// as written, the tarball packed from this project), then examples/library-app's code and test
// built with the template's tsconfig, tested with the template's jest (ts-jest) and synthesized
// with `npx cdktf synth`. Exits non-zero on any failure. Used by .ci/run.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readmeBlock, readmeShLines, withTarball } from "./readme-install.mjs";
import { scriptArgs } from "./script-args.mjs";

const { keep } = scriptArgs({
  usage: "npm run test:package --",
  summary: "Packs the library, makes a new app with `cdktf init --template=typescript`, installs it there with README's install lines, then builds, tests and synthesizes examples/library-app's code in it.",
  options: { keep: { type: "boolean", description: "Keep the temporary directory" } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "library-app-"));
const app = join(work, "app");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", npm_config_fund: "false", npm_config_audit: "false" };

function step(name, command, args, cwd, extraEnv = {}) {
  const started = Date.now();
  process.stdout.write(`${name} ... `);
  try {
    const r = spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...env, ...extraEnv } });
    if (r.status !== 0) throw Object.assign(new Error(`exit ${r.status}`), { stdout: r.stdout, stderr: r.stderr });
    const out = r.stdout + r.stderr;
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
  mkdirSync(app);

  for (const [command, ...args] of readmeShLines(root, "## Using the constructs in your own cdktf app")) {
    if (command === "cdktf") {
      // `cdktf init` as README says, answered without prompts; the CLI is this project's own.
      step("cdktf init --template=typescript (today's template)", join(root, "node_modules", ".bin", "cdktf"), [
        ...args, "--project-name=library-app", "--project-description=vpc-peering-cdktf as a library", "--enable-crash-reporting=false",
      ], app);
    } else {
      // The tarball named as README names it, from where npm pack wrote it.
      step(`${command} ${args.join(" ")}`, command, [...withTarball(args, join(work, tarball)), "--prefer-offline", "--loglevel=error"], app);
    }
  }
  const installed = JSON.parse(readFileSync(join(app, "node_modules", "vpc-peering-cdktf", "package.json"), "utf8"));
  if (!existsSync(join(app, "node_modules", "vpc-peering-cdktf", "lib", "index.d.ts"))) throw new Error("the installed package has no lib/index.d.ts");
  console.log(`  installed vpc-peering-cdktf ${installed.version} (${tarball})`);

  // The example app's code and test replace the template's.
  rmSync(join(app, "__tests__"), { recursive: true, force: true });
  cpSync(join(root, "examples", "library-app", "main.ts"), join(app, "main.ts"));
  cpSync(join(root, "examples", "library-app", "__tests__"), join(app, "__tests__"), { recursive: true });

  // README's jest line for offline matchers, into the template's jest.config.js as README says.
  const jestLine = readmeBlock(root, "**Testing your stacks offline.**", "js").trim();
  const jestConfig = join(app, "jest.config.js");
  const template = readFileSync(jestConfig, "utf8");
  if (!template.includes("module.exports = {\n")) throw new Error(`${jestConfig}: no 'module.exports = {' line to add README's globalSetup to`);
  writeFileSync(jestConfig, template.replace("module.exports = {\n", `module.exports = {\n  ${jestLine}\n`));

  step("compile with the template's tsconfig", "npx", ["tsc"], app);
  // No TF_CLI_CONFIG_FILE from this project's environment: the package's globalSetup must do it all.
  const tests = step("run the test with the template's jest (ts-jest, cdktf matchers, offline Terraform)", "npx", ["jest", "--ci", "--verbose"], app, { TF_CLI_CONFIG_FILE: "", OFFLINE_AWS_WORLD: "" });
  if (!/✓ is valid Terraform and plans, offline/.test(tests)) throw new Error(`the offline toPlanSuccessfully() test did not pass:\n${tests}`);
  step("synthesize with npx cdktf synth (the template's cdktf.json)", "npx", ["cdktf", "synth"], app);
  const stacks = readdirSync(join(app, "cdktf.out", "stacks"));
  const stackFile = join(app, "cdktf.out", "stacks", stacks[0], "cdk.tf.json");
  const stack = JSON.parse(readFileSync(stackFile, "utf8"));
  const peerings = Object.keys(stack.resource?.aws_vpc_peering_connection ?? {});
  if (peerings.length !== 1) throw new Error(`expected one aws_vpc_peering_connection in ${stackFile}, found ${peerings.length}`);
  console.log(`  ${stackFile}: ${Object.values(stack.resource).reduce((n, r) => n + Object.keys(r).length, 0)} resources, peering ${peerings[0]}`);
  console.log("library-app: a new cdktf template app installs the packed library with README's lines, compiles, tests and synthesizes");
} catch (err) {
  console.error(`library-app: ${err.message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

// npm run publish:stacks -- --branch <deploy branch> [--remote origin] [--output cdktf.out]
// For HCP Terraform's VCS-driven workflow: commits the synthesized stacks (cdk.tf.json and the
// provider lock file of each cdktf.out/stacks/<stack>, plus .terraformignore) onto <deploy branch>
// and pushes it, without touching the working tree or the current branch (a temporary index and
// git plumbing). The source branch keeps ignoring cdktf.out/. Local state and .terraform/ are
// never published. A run that changes nothing makes no commit.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { scriptArgs } from "./script-args.mjs";

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const values = scriptArgs({
  usage: "npm run publish:stacks --",
  summary:
    "Commits cdktf.out/stacks/*/cdk.tf.json (and each stack's .terraform.lock.hcl, when terraform init wrote one) and\n" +
      ".terraformignore onto <deploy branch> " +
    "and pushes it, for HCP Terraform workspaces whose working directory is cdktf.out/stacks/<stack>. Run npm run synth first.",
  options: {
    branch: { type: "string", value: "<deploy branch>", description: "The branch your HCP Terraform workspaces watch (required)" },
    remote: { type: "string", value: "<name>", description: "Remote to push to; default origin" },
    output: { type: "string", value: "<dir>", description: "Synth output to publish; default cdktf.out" },
  },
});
if (!values.branch) fail("--branch is required: the branch your HCP Terraform workspaces watch, e.g. --branch deploy", 2);
const remote = values.remote ?? "origin";
const outdir = values.output ?? "cdktf.out";

const git = (args, env = {}) => {
  const r = spawnSync("git", args, { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`git ${args.join(" ")}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
};

const stacksDir = join(outdir, "stacks");
if (!existsSync(stacksDir)) fail(`${stacksDir} does not exist: run npm run synth first`);
const files = [".terraformignore"];
const unlocked = [];
for (const stack of readdirSync(stacksDir)) {
  for (const name of ["cdk.tf.json", ".terraform.lock.hcl"]) {
    const file = join(stacksDir, stack, name);
    if (existsSync(file)) files.push(relative(".", file));
    else if (name === ".terraform.lock.hcl") unlocked.push(stack);
  }
}
// Synth writes no lock file; terraform init (npx cdktf diff/deploy) does. cdk.tf.json pins the
// provider's version either way; the lock file adds its checksums.
if (unlocked.length > 0) {
  console.log(
    `no .terraform.lock.hcl in ${unlocked.map((s) => join(stacksDir, s)).join(", ")}: cdk.tf.json pins the aws provider's version, not its checksums.\n` +
      `  To publish those too, run npx cdktf diff <stack> once with registry access (its terraform init writes the lock file), then publish again.`,
  );
}

const source = git(["rev-parse", "--short", "HEAD"]);
const scratch = mkdtempSync(join(tmpdir(), "publish-stacks-"));
const index = { GIT_INDEX_FILE: join(scratch, "index") };
try {
  git(["add", "--force", "--", ...files], index);
  const tree = git(["write-tree"], index);
  const remoteRef = spawnSync("git", ["ls-remote", "--heads", remote, values.branch], { encoding: "utf8" });
  if (remoteRef.status !== 0) fail(`git ls-remote ${remote}: ${remoteRef.stderr.trim()}`);
  let parent;
  if (remoteRef.stdout.trim()) {
    git(["fetch", "--quiet", remote, values.branch]);
    parent = git(["rev-parse", "FETCH_HEAD"]);
    if (git(["rev-parse", `${parent}^{tree}`]) === tree) {
      console.log(`${remote}/${values.branch} already holds these stacks: nothing to publish`);
      process.exit(0);
    }
  }
  const commit = git(["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", `Synthesized stacks from ${source}`]);
  git(["push", "--quiet", remote, `${commit}:refs/heads/${values.branch}`]);
  console.log(`published ${files.length - 1} file(s) of ${stacksDir} from ${source} to ${remote}/${values.branch} (${commit.slice(0, 7)})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// npm run publish:stacks, as docs/backends.md's VCS flow runs it: the synthesized stacks land on
// a deploy branch of the remote (working directories cdktf.out/stacks/<stack>), without local
// state or .terraform/, and an unchanged synth publishes nothing.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = join(__dirname, "../../scripts/publish-stacks.mjs");
const run = (cwd: string, cmd: string, args: string[]) => spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });

describe("npm run publish:stacks", () => {
  const work = mkdtempSync(join(tmpdir(), "publish-"));
  const remote = join(work, "remote.git");
  const repo = join(work, "repo");

  beforeAll(() => {
    expect(run(work, "git", ["init", "--quiet", "--bare", remote]).status).toBe(0);
    mkdirSync(repo);
    run(repo, "git", ["init", "--quiet"]);
    run(repo, "git", ["remote", "add", "origin", remote]);
    cpSync(join(__dirname, "../../.terraformignore"), join(repo, ".terraformignore"));
    writeFileSync(join(repo, ".gitignore"), "cdktf.out/\n");
    run(repo, "git", ["add", "."]);
    run(repo, "git", ["commit", "--quiet", "-m", "source"]);
    for (const stack of ["lab", "state"]) {
      mkdirSync(join(repo, "cdktf.out/stacks", stack, ".terraform"), { recursive: true });
      writeFileSync(join(repo, "cdktf.out/stacks", stack, "cdk.tf.json"), JSON.stringify({ stack }));
      writeFileSync(join(repo, "cdktf.out/stacks", stack, ".terraform/plugin"), "binary");
    }
    writeFileSync(join(repo, "cdktf.out/stacks/state/terraform.tfstate"), "{}");
  });

  it("pushes the stacks and .terraformignore to the deploy branch, nothing else", () => {
    const r = run(repo, "node", [SCRIPT, "--branch", "deploy"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/published 2 file\(s\) of cdktf.out\/stacks .* to origin\/deploy/);
    // No stack has a lock file yet (synth writes none): the run says so and how to get one.
    expect(r.stdout).toMatch(/^no \.terraform\.lock\.hcl in cdktf\.out\/stacks\/lab, cdktf\.out\/stacks\/state: .*\n {2}To publish those too, run npx cdktf diff <stack>/m);
    const files = run(remote, "git", ["ls-tree", "-r", "--name-only", "deploy"]).stdout.trim().split("\n");
    expect(files).toEqual([".terraformignore", "cdktf.out/stacks/lab/cdk.tf.json", "cdktf.out/stacks/state/cdk.tf.json"]);
    // The source branch and the working tree are untouched.
    expect(run(repo, "git", ["status", "--porcelain"]).stdout).toBe("");
  });

  it("publishes nothing when the stacks did not change, and a new commit on top when they did", () => {
    expect(run(repo, "node", [SCRIPT, "--branch", "deploy"]).stdout).toMatch(/already holds these stacks: nothing to publish/);
    writeFileSync(join(repo, "cdktf.out/stacks/lab/cdk.tf.json"), JSON.stringify({ stack: "lab", changed: true }));
    expect(run(repo, "node", [SCRIPT, "--branch", "deploy"]).status).toBe(0);
    expect(run(remote, "git", ["rev-list", "--count", "deploy"]).stdout.trim()).toBe("2");
  });

  it("asks for --branch, and answers --help", () => {
    const r = run(repo, "node", [SCRIPT]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--branch is required/);
    const help = run(repo, "node", [SCRIPT, "--help"]).stdout;
    expect(help).toContain("Usage: npm run publish:stacks -- [flags]");
    expect(help).toMatch(/--branch <deploy branch> +The branch your HCP Terraform workspaces watch \(required\)/);
  });
});

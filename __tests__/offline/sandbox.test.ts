// The README's deploy sequence, run as a user without an AWS account runs it: through
// `npm run offline -- <cdktf args>` (the real cdktf CLI and Terraform, the stand-in provider, a
// loopback S3 server). Deploy both stacks, then a plan that must find nothing to do and install
// nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../testing/offline-aws/build";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { offlineCdktfArgs } from "../../testing/offline-aws/sandbox";

/** The managed resources of a Terraform state (data sources left out). */
const managed = (state: { resources: { mode: string }[] }) => state.resources.filter((r) => r.mode === "managed");
/** What the lab's state stack creates: the bucket and its 6 settings, its key and alias, the access-log bucket and its 6. */
const STATE_STACK_RESOURCES = 16;

// Terminal colour and cursor codes (ESC [ ... letter) that cdktf's progress display writes.
const plain = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g"), "");

describeWithTerraform("npm run offline (the documented deploy sequence, offline)", () => {
  jest.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), "sandbox-"));
  const out = join(work, "cdktf.out");
  // Offline's own flags go before the cdktf command, cdktf's after it.
  const offline = (...args: string[]) => offlineWith({ CI: "1" }, ...args);
  function offlineWith(env: Record<string, string | undefined>, ...args: string[]) {
    const r = spawnSync("npm", ["run", "-s", "offline", "--", "--sandbox", join(work, "sandbox"), ...args, "--output", out], {
      cwd: repoRoot(),
      env: { ...process.env, FORCE_COLOR: "0", ...env },
      encoding: "utf8",
      timeout: 170_000,
    });
    return { code: r.status, output: plain(`${r.stdout}${r.stderr}`), raw: `${r.stdout}${r.stderr}` };
  }

  it("--help lists its flags; an unknown flag or no command is one line and exit 2", () => {
    const npm = (...args: string[]) => spawnSync("npm", ["run", "-s", "offline", "--", ...args], { cwd: repoRoot(), encoding: "utf8" });
    const r = npm("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: npm run offline -- [flags] <cdktf command> [cdktf args]");
    for (const flag of ["--config <file>", "--world <file>", "--sandbox <dir>", "--help"]) expect(r.stdout).toContain(flag);
    const lines = (text: string) => text.trim().split("\n").filter((l) => !/^npm (warn|notice)/.test(l));
    const bad = npm("--bogus", "list");
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)).toEqual([expect.stringMatching(/Unknown option '--bogus'.*see npm run offline -- --help/)]);
    const none = npm("--config", "config/lab.yaml");
    expect(none.status).toBe(2);
    expect(lines(none.stderr)).toEqual([expect.stringMatching(/a cdktf command is missing/)]);
  });

  it("deploy '*', then diff lab: no changes, nothing installed", () => {
    const deploy = offline("--config", "config/lab.yaml", "deploy", "*", "--auto-approve");
    // On a failure show the end of the output: jest cuts long strings in its message.
    if (deploy.code !== 0) console.log(`deploy output (code ${deploy.code}):\n${deploy.output.slice(-4000)}`);
    expect(deploy.code).toBe(0);
    // What was applied is read from the states: cdktf's CLI drops lines of Terraform's output now
    // and then when two stacks deploy side by side (seen: "Apply complete!" of one stack missing
    // while its outputs were printed), so its output proves less than the state does.
    // The lab's state went to the (loopback) S3 bucket the config names, under its key.
    const object = join(work, "sandbox", "s3", "vpc-peering-lab-tfstate", "vpc-peering", "lab.tfstate._S3rver_object");
    const lab = JSON.parse(readFileSync(object, "utf8"));
    expect(managed(lab)).toHaveLength(8);
    expect(lab.outputs.peering_api_web_pc_id.value).toMatch(/^pcx-/);
    // The state stack (in the stand-in's fake account) keeps its state locally, beside the output
    // directory: the bucket's 7 resources, its key and alias, and the access-log bucket's 7.
    expect(managed(JSON.parse(readFileSync(join(work, "terraform.state.tfstate"), "utf8")))).toHaveLength(STATE_STACK_RESOURCES);

    // Into a pipe, without CI set, each line is printed once: no redrawn frames (cursor up).
    const again = offlineWith({ CI: undefined }, "diff", "lab");
    expect(again.raw).not.toContain("\u001b[1A");
    expect(again.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(again.output).not.toMatch(/Installing hashicorp\/aws/);
    expect(again.code).toBe(0);
  });

  it("a config switch through the cdktf CLI keeps the state stack's state: back on the lab, diff state has nothing to do", () => {
    const other = offline("--config", "examples/inter-region.yaml", "synth");
    expect(other.code).toBe(0);
    expect(existsSync(join(out, "stacks", "state"))).toBe(false); // the CLI deleted the stack's directory
    const diff = offline("--config", "config/lab.yaml", "diff", "state");
    if (diff.code !== 0) console.log(`diff output (code ${diff.code}):\n${diff.output.slice(-4000)}`);
    expect(diff.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(diff.code).toBe(0);
  });

  it("destroy state is refused by prevent_destroy, and the run says why and how to remove the bucket on purpose", () => {
    const destroy = offline("--config", "config/lab.yaml", "destroy", "state", "--auto-approve");
    expect(destroy.code).toBe(1);
    // Terraform refused: the bucket and the rest of the state stack are all still in its state.
    // (Its "Instance cannot be destroyed" line is not asserted: cdktf's CLI drops a line of
    // Terraform's output now and then, as the deploy test notes; one CI run lost this one.)
    expect(managed(JSON.parse(readFileSync(join(work, "terraform.state.tfstate"), "utf8")))).toHaveLength(STATE_STACK_RESOURCES);
    expect(destroy.output).toMatch(/offline: the state stack's bucket \(vpc-peering-lab-tfstate\) has prevent_destroy: .* set backend\.preventDestroy: false in the config/);
  });
});

describe("offlineCdktfArgs", () => {
  it("adds --skip-provider-lock to every cdktf command that locks providers (the lock asks the registry), and only to those", () => {
    for (const command of ["deploy", "diff", "destroy", "output"]) expect(offlineCdktfArgs([command, "lab"])).toEqual([command, "lab", "--skip-provider-lock"]);
    expect(offlineCdktfArgs(["output", "lab", "--skip-provider-lock"])).toEqual(["output", "lab", "--skip-provider-lock"]);
    for (const command of ["synth", "list"]) expect(offlineCdktfArgs([command])).toEqual([command]);
  });
});

// Local state must survive every synth and cdktf command. Versions before 0.3 kept it in
// <outdir>/stacks/<stack>/terraform.tfstate, which the cdktf CLI deletes as soon as a synth no
// longer lists the stack: a synth moves such files out first.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../testing/offline-aws/build";

const cdktf = join(repoRoot(), "node_modules", ".bin", "cdktf");
const state = (serial: number) => JSON.stringify({ version: 4, serial, lineage: "l", resources: [] });

describe("local state lives outside the synth output", () => {
  jest.setTimeout(60_000);
  const work = mkdtempSync(join(tmpdir(), "local-state-"));
  const out = join(work, "cdktf.out");
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const run = (config: string, ...args: string[]) =>
    execFileSync(cdktf, ["synth", "--output", out, ...args], {
      cwd: repoRoot(),
      env: { ...process.env, PEERING_CONFIG: config, CHECKPOINT_DISABLE: "1", CI: "1" },
      encoding: "utf8",
      stdio: "pipe",
    });

  it("cdktf synth moves a 0.2 state out of the stack directory before anything can delete it", () => {
    // A 0.2 layout: the state stack's state and Terraform's record of the old backend settings.
    mkdirSync(join(out, "stacks", "state", ".terraform"), { recursive: true });
    writeFileSync(join(out, "stacks", "state", "terraform.tfstate"), state(7));
    writeFileSync(join(out, "stacks", "state", ".terraform", "terraform.tfstate"), JSON.stringify({ backend: { type: "local", config: { path: "terraform.tfstate" } } }));
    run("config/lab.yaml");
    const moved = join(work, "terraform.state.tfstate");
    expect(JSON.parse(readFileSync(moved, "utf8")).serial).toBe(7);
    expect(existsSync(join(out, "stacks", "state", "terraform.tfstate"))).toBe(false);
    // Without the old settings record, `terraform init` takes the new path instead of asking for -migrate-state.
    expect(existsSync(join(out, "stacks", "state", ".terraform", "terraform.tfstate"))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, "stacks", "state", "cdk.tf.json"), "utf8")).terraform.backend.local.path).toBe("../../../terraform.state.tfstate");
    // The config switch itself (the CLI deletes the state stack's directory) is run offline with a
    // deployed state stack in __tests__/offline/sandbox.test.ts.
  });

  it("a stack the synth no longer writes keeps its old state too: it moves beside the output directory", () => {
    mkdirSync(join(out, "stacks", "old-stack"), { recursive: true });
    writeFileSync(join(out, "stacks", "old-stack", "terraform.tfstate"), state(3));
    run("config/lab.yaml");
    expect(existsSync(join(out, "stacks", "old-stack"))).toBe(false);
    expect(JSON.parse(readFileSync(join(work, "terraform.old-stack.tfstate"), "utf8")).serial).toBe(3);
  });

  it("two states for one stack stop the synth and name both files; nothing is moved or written", () => {
    writeFileSync(join(out, "stacks", "state", "terraform.tfstate"), state(9));
    const before = readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8");
    let message = "";
    try {
      execFileSync("npm", ["run", "-s", "synth", "--", "--output", out], { cwd: repoRoot(), encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      message = String((err as { stderr: string }).stderr);
    }
    expect(message).toMatch(/stack state has two local states, .*stacks\/state\/terraform\.tfstate .* and .*terraform\.state\.tfstate: keep the current one/);
    expect(JSON.parse(readFileSync(join(out, "stacks", "state", "terraform.tfstate"), "utf8")).serial).toBe(9);
    expect(JSON.parse(readFileSync(join(work, "terraform.state.tfstate"), "utf8")).serial).toBe(7);
    expect(readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8")).toBe(before);
  });
});

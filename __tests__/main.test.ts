import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LAB_CONFIG } from "./helpers/lab";

// The app as users run it: what `npm run synth` and cdktf.json run (scripts/app.cjs main.ts), with
// --config/--output or env.
const root = join(__dirname, "..");
const work = mkdtempSync(join(tmpdir(), "main-test-"));

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(root, "scripts", "app.cjs"), "main.ts", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("main", () => {
  it("writes cdktf.out/stacks/<stack>/cdk.tf.json for the config given by --config and --output", () => {
    const out = join(work, "out-flags");
    const r = run(["--config", LAB_CONFIG, "--output", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Both stacks it wrote are named: the lab and the state bucket's.
    expect(r.stdout).toContain(`synthesized stack "lab" from ${LAB_CONFIG} into ${out}/stacks/lab, and the state bucket's stack "state"`);
    expect(JSON.parse(readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8")).resource.aws_vpc_peering_connection).toBeDefined();
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).stacks.lab.synthesizedStackPath).toBe("stacks/lab/cdk.tf.json");
  });

  it("takes the config from PEERING_CONFIG and the output from CDKTF_OUTDIR, as cdktf synth/deploy do", () => {
    const config = join(work, "renamed.yaml");
    writeFileSync(config, readFileSync(LAB_CONFIG, "utf8").replace("stack: lab", "stack: renamed"));
    const out = join(work, "out-env");
    expect(run([], { PEERING_CONFIG: config, CDKTF_OUTDIR: out }).code).toBe(0);
    expect(existsSync(join(out, "stacks", "renamed", "cdk.tf.json"))).toBe(true);
  });

  it("on a bad config exits non-zero, names the field, and leaves the previous output untouched", () => {
    const out = join(work, "out-keep");
    expect(run(["--config", LAB_CONFIG, "--output", out]).code).toBe(0);
    const before = readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8");

    const bad = join(work, "bad.yaml");
    writeFileSync(bad, readFileSync(LAB_CONFIG, "utf8").replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.0/33"));
    const r = run(["--config", bad, "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/vpcs\.web\.cidr: "10\.0\.0\.0\/33" is not a CIDR block/);
    expect(readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8")).toBe(before);
    expect(readdirSync(work).filter((f) => f.includes("staging") || f.includes("previous"))).toEqual([]);
  });

  it("rejects an unknown flag with a usage hint", () => {
    const r = run(["--confg", LAB_CONFIG]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/Unknown option '--confg'/);
  });
});

describe("re-synthesizing into an existing cdktf.out", () => {
  const { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { join: joinPath } = require("node:path") as typeof import("node:path");
  const { synthAtomically } = require("../modules/app/synth") as typeof import("../modules/app/synth");
  const { TerraformStack } = require("cdktf") as typeof import("cdktf");
  const stacks = (...names: string[]) => (app: import("cdktf").App) => names.forEach((n) => new TerraformStack(app, n));

  it("keeps each stack's .terraform/ and lock file, so diff and deploy need no new provider install", () => {
    const out = joinPath(mkdtempSync(joinPath(tmpdir(), "resynth-")), "cdktf.out");
    synthAtomically(out, stacks("lab"));
    mkdirSync(joinPath(out, "stacks", "lab", ".terraform", "providers"), { recursive: true });
    writeFileSync(joinPath(out, "stacks", "lab", ".terraform.lock.hcl"), "# lock");
    synthAtomically(out, stacks("lab"));
    expect(existsSync(joinPath(out, "stacks", "lab", ".terraform", "providers"))).toBe(true);
    expect(existsSync(joinPath(out, "stacks", "lab", ".terraform.lock.hcl"))).toBe(true);
    expect(existsSync(joinPath(out, "stacks", "lab", "cdk.tf.json"))).toBe(true);
  });

  it("removes stacks the config no longer has, except under the cdktf CLI, which removes them itself", () => {
    const out = joinPath(mkdtempSync(joinPath(tmpdir(), "resynth-")), "cdktf.out");
    synthAtomically(out, stacks("lab", "state"));
    synthAtomically(out, stacks("lab"));
    expect(readdirSync(joinPath(out, "stacks"))).toEqual(["lab"]);
    synthAtomically(out, stacks("lab", "state"));
    synthAtomically(out, stacks("other"), undefined, { removeStaleStacks: false });
    expect(readdirSync(joinPath(out, "stacks")).sort()).toEqual(["lab", "other", "state"]);
  });
});

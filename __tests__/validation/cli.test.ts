import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The app as users run it: a bad config exits non-zero, prints every problem, and leaves the previous output alone.
const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "checks-cli-"));
// What `npm run synth` runs.
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, "scripts", "app.cjs"), "main.ts", ...args], { cwd: root, encoding: "utf8" });

it("fails with every problem and leaves the previous cdktf.out untouched", () => {
  const out = join(work, "cdktf.out");
  mkdirSync(join(out, "stacks", "old"), { recursive: true });
  writeFileSync(join(out, "stacks", "old", "cdk.tf.json"), "{\"previous\":true}");
  const result = run("--config", join(__dirname, "invalid-configs", "many-problems-at-once.yaml"), "--output", out);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("3 problems in the config");
  expect(result.stderr).toContain('vpcs.api.cidr: "10.1.0.0/15" has host bits set');
  expect(result.stderr).toContain("flowLogs.trafficType: must be ALL, ACCEPT or REJECT");
  expect(readdirSync(join(out, "stacks"))).toEqual(["old"]);
  expect(readFileSync(join(out, "stacks", "old", "cdk.tf.json"), "utf8")).toBe("{\"previous\":true}");
});

it("prints warnings and still synthesizes", () => {
  const out = join(work, "warn.out");
  const result = run("--config", join(__dirname, "warning-configs", "overlapping-routes.yaml"), "--output", out);
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(/^warning: .*overlapping-routes\.yaml: peerings\[1\]: route table hub-rtb \(vpcs\.hub\) would route 10\.1\.0\.0\/24/m);
  expect(readdirSync(join(out, "stacks"))).toEqual(["corpus"]);
});

describe("every entry point answers --help and refuses an unknown flag in one line", () => {
  // As the docs run them: npm run <script> -- <flags>.
  const npm = (name: string, ...args: string[]) => spawnSync("npm", ["run", "-s", name, "--", ...args], { cwd: root, encoding: "utf8" });
  const entries: [string, (...args: string[]) => ReturnType<typeof run>, string[]][] = [
    ["npm run synth --", (...a) => run(...a), ["--config <file>", "--output <dir>"]],
    ["npm run synth:module --", (...a) => npm("synth:module", ...a), ["--config <file>", "--output <dir>"]],
    ["npm run synth:pair-module --", (...a) => npm("synth:pair-module", ...a), ["--output <dir>"]],
    ["npm run reachability --", (...a) => npm("reachability", ...a), ["--stack <name|dir>", "--output <dir>", "--ports <list>", "--json", "--against <dir|file>"]],
    ["npm run diagram --", (...a) => npm("diagram", ...a), ["--stack <name|dir>", "--output <dir>", "--svg <file>", "--mermaid <file>"]],
    ["npm run report --", (...a) => npm("report", ...a), ["--stack <name|dir>", "--output <dir>", "--ports <list>", "--against <dir|file>"]],
    ["npm run verify --", (...a) => npm("verify", ...a), ["--output <dir>", "--world <file>"]],
  ];

  it.each(entries)("%s", (usage, invoke, flags) => {
    const help = invoke("--help");
    expect(help.status).toBe(0);
    for (const flag of flags) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain(`Usage: ${usage} [flags]`);
    const bad = invoke("--bogus");
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n").filter((l) => !/^npm (warn|notice)/.test(l))).toEqual([expect.stringMatching(new RegExp(`Unknown option '--bogus'.*see ${usage.replace(/[-:]/g, "\\$&")} --help`))]);
  });
});

it("takes paths from the directory npm was run in (cd config && npm run synth -- --config lab.yaml), and shows the path it tried", () => {
  const npm = (...args: string[]) => spawnSync("npm", ["run", "-s", "synth", "--", ...args], { cwd: join(root, "config"), encoding: "utf8" });
  const out = join(work, "from-subdir");
  const ok = npm("--config", "lab.yaml", "--output", out);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain(`from ${join(root, "config", "lab.yaml")} into ${out}/stacks/lab`);
  const missing = npm("--config", "nope.yaml");
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain(`${join(root, "config", "nope.yaml")}: 1 problem in the config`);
});

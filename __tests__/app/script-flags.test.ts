// Every script in package.json that this project wrote answers `-- --help` with its usage (exit 0)
// and an unknown flag with one line naming it and --help (exit 2), and writes nothing either way
// (`npm run schema -- --help` once wrote a file named --help; `bench -- --help` started the benchmark).
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const scripts = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>);
// Tools with help of their own (tsc, ESLint, jest, typedoc) and the build steps.
const THIRD_PARTY = new Set(["build", "build:lib", "prepare", "typecheck", "lint", "test", "test:scale", "docs:api"]);
const ours = scripts.filter((s) => !THIRD_PARTY.has(s));

function npm(script: string, flag: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "-s", script, "--", flag], { cwd: root, env: { ...process.env, CI: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const status = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, encoding: "utf8" });
const lines = (text: string) => text.trim().split("\n").filter((l) => l && !/^npm (warn|notice)/.test(l));

describe("every script's flags", () => {
  jest.setTimeout(120_000);
  const results = new Map<string, { help: Awaited<ReturnType<typeof npm>>; bogus: Awaited<ReturnType<typeof npm>> }>();
  let before = "";
  let after = "";
  beforeAll(async () => {
    before = status();
    // Four at a time: each is a short Node start.
    const queue = [...ours];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) results.set(s, { help: await npm(s, "--help"), bogus: await npm(s, "--bogus-flag") });
    }));
    after = status();
  });

  it("covers the project's own scripts", () => {
    expect(ours).toEqual(expect.arrayContaining(["synth", "schema", "bench", "bench:mesh", "check:cdktn", "test:package", "offline", "verify", "report"]));
  });

  it.each(ours)("%s: --help prints its usage and exits 0; an unknown flag is one line and exit 2", (script) => {
    const { help, bogus } = results.get(script)!;
    expect({ code: help.code, usage: /Usage: npm run /.test(help.stdout) }).toEqual({ code: 0, usage: true });
    expect(bogus.code).toBe(2);
    expect(lines(bogus.stderr)).toEqual([expect.stringMatching(/--bogus-flag.*--help/)]);
  });

  it("wrote nothing in the repository", () => {
    expect(after).toBe(before);
  });
});

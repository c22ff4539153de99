import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// The report commands as README.md, help and docs/checks.md write them (`npm run reachability`,
// `npm run report`, `npm run diagram`, with and without flags), run against the lab, side by side.
// Every flag a command's --help lists is exercised here, so a documented flag cannot go untested.

const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "report-commands-"));
const out = join(work, "cdktf.out");
const lab = join(out, "stacks", "lab");

type Run = { args: string[]; code: number; stdout: string; stderr: string };
const runs = new Map<string, Run>();
const npm = async (key: string, ...args: string[]) => {
  // As documented: npm run <script> [-- flags]; the output directory through $CDKTF_OUTDIR unless --output says.
  const argv = ["run", "-s", ...args];
  try {
    const r = await promisify(execFile)("npm", argv, { cwd: root, env: { ...process.env, CDKTF_OUTDIR: out }, encoding: "utf8" });
    runs.set(key, { args, code: 0, stdout: r.stdout, stderr: r.stderr });
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    runs.set(key, { args, code: e.code, stdout: e.stdout, stderr: e.stderr });
  }
};
const result = (key: string) => runs.get(key)!;
const stderr = (r: Run) => r.stderr.split("\n").filter((l) => l && !/^npm (warn|notice)/.test(l));

beforeAll(async () => {
  // The README's synth: the lab and its state bucket's stack (no VPC: skipped by every report command).
  const synth = spawnSync(process.execPath, [join(root, "scripts", "app.cjs"), "main.ts", "--output", out], { cwd: root, encoding: "utf8" });
  if (synth.status !== 0) throw new Error(synth.stderr);
  // One chain per script, side by side: each `npm run <script>` rebuilds dist/<script>.js first, so runs
  // of one script go one after the other.
  const chain = async (...steps: (() => Promise<void>)[]) => {
    for (const step of steps) await step();
  };
  await Promise.all([
    chain(
      () => npm("reachability", "reachability"),
      () => npm("reachability json", "reachability", "--", "--json"),
      () => npm("reachability ports", "reachability", "--", "--stack", "lab", "--output", out, "--ports", "443,22"),
      () => npm("reachability against", "reachability", "--", "--stack", "lab", "--against", lab),
    ),
    chain(
      () => npm("report", "report"),
      // A stack directory with another output directory: the page goes there.
      () => npm("report against", "report", "--", "--stack", lab, "--output", join(work, "other"), "--ports", "443", "--against", lab),
    ),
    chain(
      () => npm("diagram", "diagram"),
      () => npm("diagram files", "diagram", "--", "--stack", "lab", "--output", out, "--ports", "443", "--svg", join(work, "lab.svg"), "--mermaid", join(work, "lab.md")),
    ),
  ]);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

it("npm run reachability: the lab's table (the state stack skipped)", () => {
  const r = result("reachability");
  expect([r.code, stderr(r)]).toEqual([0, []]);
  expect(r.stdout).toMatch(/^Reachability of stack lab \(ports: tcp\/443\)/);
  expect(r.stdout).toMatch(/web → api\s+tcp\/443\s+FLOWS\*\s+via api-web-pc/);
  expect(r.stdout).toContain("Peering DNS option (peer public DNS hostnames resolve to private IPs):");
  expect(r.stdout).not.toMatch(/stack state/);
});

it("npm run reachability -- --json: the report for tools, blocks and deciding resources included", () => {
  const r = result("reachability json");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.stack).toBe("lab");
  expect(report.pairs[0].blocks[0]).toMatchObject({ block: expect.any(String), verdict: "assumed", decidedBy: expect.arrayContaining([expect.stringMatching(/^aws_route\./)]) });
  expect(report.dnsOption).toHaveLength(2);
});

it("npm run reachability -- --stack lab --output <dir> --ports 443,22", () => {
  const r = result("reachability ports");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/ports: tcp\/443, tcp\/22/);
});

it("npm run reachability -- --stack lab --against <old dir>: nothing lost, exit 0", () => {
  const r = result("reachability against");
  expect([r.code, r.stdout.trim()]).toEqual([0, "Reachability of stack lab against the baseline: 0 lost, 0 gained"]);
});

it("npm run report: cdktf.out/report.html", () => {
  const r = result("report");
  expect([r.code, stderr(r)]).toEqual([0, []]);
  expect(r.stdout).toBe(`wrote ${join(out, "report.html")} (1 stack, 2 pairs)\n`);
  const html = readFileSync(join(out, "report.html"), "utf8");
  expect(html).toMatch(/<title>Reachability report: lab<\/title>/);
  expect(html).toContain('<p class="summary">2 VPCs, 1 peering, ports');
});

it("npm run report -- --stack <dir> --output <dir> --ports 443 --against <old dir>", () => {
  const r = result("report against");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/against .*: 0 lost, 0 gained/);
  expect(readFileSync(join(work, "other", "report.html"), "utf8")).toContain("No pair, block or name gained or lost reachability.");
});

it("npm run diagram: topology-lab.svg and .mmd (no file for the state stack)", () => {
  const r = result("diagram");
  expect([r.code, stderr(r)]).toEqual([0, []]);
  expect(readFileSync(join(out, "topology-lab.svg"), "utf8")).toMatch(/^<\?xml/);
  expect(readFileSync(join(out, "topology-lab.mmd"), "utf8")).toMatch(/^graph LR/);
  expect(existsSync(join(out, "topology-state.svg"))).toBe(false);
});

it("npm run diagram -- --stack lab --svg f.svg --mermaid f.md", () => {
  const r = result("diagram files");
  expect(r.code).toBe(0);
  expect(readFileSync(join(work, "lab.md"), "utf8")).toMatch(/^# Topology of stack lab\n\n```mermaid\ngraph LR/);
  expect(readFileSync(join(work, "lab.svg"), "utf8")).toContain("R→A api&#45;web&#45;pc");
});

it("every flag each command's --help lists is run above, and README, help and docs/checks.md name each command", () => {
  const docs = ["README.md", "help", "docs/checks.md"].map((f) => readFileSync(join(root, f), "utf8"));
  for (const script of ["reachability", "report", "diagram"]) {
    for (const doc of docs) expect(doc).toContain(`npm run ${script}`);
    const help = spawnSync("npm", ["run", "-s", script, "--", "--help"], { cwd: root, encoding: "utf8" }).stdout;
    const flags = [...help.matchAll(/--([a-z]+)/g)].map((m) => m[1]).filter((f) => f !== "help");
    const used = new Set([...runs.values()].filter((r) => r.args[0] === script).flatMap((r) => r.args.filter((a) => a.startsWith("--") && a !== "--").map((a) => a.slice(2))));
    expect({ script, missing: flags.filter((f) => !used.has(f)) }).toEqual({ script, missing: [] });
  }
});

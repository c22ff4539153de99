// Every command of the fenced shell blocks of README.md and docs/*.md, and of the command column of
// `help`, is classified below: run here as written (in a temporary copy of the checkout, so what
// it writes lands there), run as written by another test (named, which must contain it), or not
// runnable offline, with the reason. A new command fails the first test until it is classified;
// a classified command the docs no longer hold fails it too.
import { exec } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..", "..");
const DOCS = ["README.md", "help", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/** `file | command` for each command line: sh blocks (comments dropped), `$ ` lines of plain blocks, help's command column. */
export function documentedCommands(): string[] {
  const found: string[] = [];
  for (const file of DOCS) {
    const text = readFileSync(join(root, file), "utf8");
    if (file === "help") {
      // Commands start in column 2 or 4; descriptions in column 28, or on the next line after a longer command.
      for (const line of text.split("\n").filter((l) => /^ {2,4}(npm|npx|cat) /.test(l))) {
        found.push(`${file} | ${line.length > 28 && line[27] === " " ? line.slice(0, 28).trim() : line.trim()}`);
      }
      continue;
    }
    let lang: string | undefined;
    let body: string[] = [];
    for (const line of text.split("\n")) {
      const open = /^```(\S*)/.exec(line);
      if (lang === undefined && open) [lang, body] = [open[1], []];
      else if (lang !== undefined && /^```\s*$/.test(line)) {
        if (["sh", "bash", "shell", "console"].includes(lang)) {
          for (const l of body) if (l.replace(/(^|\s+)#.*$/, "").trim()) found.push(`${file} | ${l.replace(/(^|\s+)#.*$/, "").trim()}`);
        } else if (lang === "" && body[0]?.startsWith("$ ")) {
          for (const l of body) if (l.startsWith("$ ")) found.push(`${file} | ${l.slice(2)}`);
        }
        lang = undefined;
      } else if (lang !== undefined) body.push(line);
    }
  }
  return found;
}

type Run = { code: number; stdout: string; stderr: string };
/** Run here: the shell line (the command itself, or a line that contains it), then what it must have done. */
type Here = { run: string; check: (r: Run, copy: string) => void };
/** Run as written by another test: the file, and text it must contain. */
type Elsewhere = { by: string; contains: string };
/** Not runnable offline (AWS credentials, HCP Terraform, the network, minutes), or a placeholder. */
type NotHere = { not: string };
type Plan = Here | Elsewhere | NotHere;

const ok = (r: Run) => expect({ code: r.code, stderr: r.stderr.split("\n").filter((l) => l && !/^npm (warn|notice)/.test(l)) }).toMatchObject({ code: 0 });
const sameFiles = (a: string, b: string) => expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
const AWS = "needs AWS credentials for the lab's account and its S3 state bucket; `npm run offline -- <same cdktf args>` is the offline run (__tests__/offline/sandbox.test.ts)";
const NETWORK_INSTALL = "installs packages from the npm registry (network) into a new app; `npm run test:package` runs it, in CI";

const SYNTH_VERIFY: Here = {
  run: "npm run synth && npm run verify",
  check: (r, copy) => {
    ok(r);
    expect(existsSync(join(copy, "cdktf.out", "stacks", "lab", "cdk.tf.json"))).toBe(true);
    // README's output block: one line per stack, validate and plan ok.
    expect(r.stdout).toMatch(/^lab\s+validate ok\s+plan ok\s+\+\d+ ~0 -0/m);
    expect(r.stdout).toMatch(/^state\s+validate ok\s+plan ok\s+\+\d+ ~0 -0/m);
  },
};
const SYNTH_MODULE: Here = { run: "npm run synth:module", check: (r, copy) => (ok(r), expect(existsSync(join(copy, "dist", "modules", "lab", "main.tf.json"))).toBe(true)) };

const PLANS: Record<string, Plan> = {
  "README.md | npm ci": { not: "reinstalls node_modules from the npm registry (network, ~50 s); every command here runs on the install it made" },
  "README.md | npm run synth": SYNTH_VERIFY,
  "README.md | npm test": { not: "runs the whole suite, this test included" },
  "README.md | npm run synth -- --config examples/errors/broken.yaml": { by: "__tests__/docs/readme-errors.test.ts", contains: "npm run synth -- --config examples\\/errors\\/broken\\.yaml" },
  "README.md | npx cdktf diff lab": { not: AWS },
  "README.md | npx cdktf deploy lab": { not: AWS },
  "README.md | npm run synth && npm run verify": SYNTH_VERIFY,
  "README.md | npm run offline -- deploy '*' --auto-approve": { by: "__tests__/offline/sandbox.test.ts", contains: '"deploy", "*", "--auto-approve"' },
  "README.md | npm run offline -- diff lab": { by: "__tests__/offline/sandbox.test.ts", contains: '"diff", "lab")' },
  "README.md | npm run offline -- --config config/lab.yaml --sandbox /tmp/sandbox deploy '*' --auto-approve": { by: "__tests__/offline/sandbox.test.ts", contains: 'offline("--config", "config/lab.yaml", "deploy", "*", "--auto-approve")' },
  "README.md | npm run offline -- --help": { by: "__tests__/offline/sandbox.test.ts", contains: 'npm("--help")' },
  "README.md | cdktf init --template=typescript --local": { not: NETWORK_INSTALL },
  "README.md | npm install --save-dev typescript@~5.9.3 cdktf-cli@0.21.0": { not: NETWORK_INSTALL },
  "README.md | npm install ./vpc-peering-cdktf-0.3.0.tgz @cdktf/provider-aws@21.22.1": { not: NETWORK_INSTALL },
  "README.md | npm install cdktf@npm:cdktn@0.24.0 @cdktf/provider-aws@npm:@cdktn/provider-aws@25.7.0 ./vpc-peering-cdktf-0.3.0.tgz": { not: "installs cdktn from the npm registry (network); `npm run check:cdktn` runs it, in CI" },
  "help | cat help": { run: "cat help", check: (r, copy) => (ok(r), expect(r.stdout).toBe(readFileSync(join(copy, "help"), "utf8"))) },
  "help | npm ci": { not: "reinstalls node_modules from the npm registry (network, ~50 s); every command here runs on the install it made" },
  "help | npm run synth": SYNTH_VERIFY,
  "help | npm run synth -- --config <file> --output <dir>": { not: "placeholders <file> and <dir>; the same flags run in npm run synth:module -- --config my.yaml --output ... (docs/module-mode.md) and __tests__/docs/readme-errors.test.ts" },
  "help | npx cdktf synth [stack]": { run: "npx cdktf synth lab", check: (r, copy) => (ok(r), expect(existsSync(join(copy, "cdktf.out", "stacks", "lab", "cdk.tf.json"))).toBe(true)) },
  "help | npm run synth:module": SYNTH_MODULE,
  "help | npm run synth:pair-module": {
    run: "npm run synth:pair-module",
    check: (r, copy) => {
      ok(r);
      for (const f of readdirSync(join(root, "terraform", "vpc-peering")).filter((n) => n.endsWith(".json") || n.endsWith(".md"))) sameFiles(join(copy, "terraform", "vpc-peering", f), join(root, "terraform", "vpc-peering", f));
    },
  },
  "help | npm run synth:transit-gateway-module": {
    run: "npm run synth:transit-gateway-module",
    check: (r, copy) => {
      ok(r);
      for (const f of ["main.tf.json", "README.md"]) sameFiles(join(copy, "terraform", "transit-gateway", f), join(root, "terraform", "transit-gateway", f));
    },
  },
  "help | npx cdktf deploy state": { not: AWS },
  "help | npx cdktf diff [stack]": { not: AWS },
  "help | npx cdktf deploy [stack]": { not: AWS },
  "help | npx cdktf destroy [stack]": { not: AWS },
  "help | npx cdktf deploy '*'": { not: AWS },
  "help | npm test": { not: "runs the whole suite, this test included" },
  "help | npm run lint": { by: "scripts/test.mjs", contains: "eslint" },
  "help | npm run test:package": { not: "cdktf init and npm installs from the registry (network, ~1 min); CI runs it (.ci/run)" },
  "help | npm run test:scale": { not: "minutes (the 50-VPC mesh's plan through Terraform); CI runs it with CI_SCALE=1 (.ci/run)" },
  "help | npm run docs:api": { by: ".ci/run", contains: "npm run docs:api:check" },
  "help | npm run docs:offline-rules": { run: "npm run docs:offline-rules", check: (r, copy) => (ok(r), sameFiles(join(copy, "testing", "offline-aws", "README.md"), join(root, "testing", "offline-aws", "README.md"))) },
  "help | npm run build:lib": { by: "scripts/test-library-app.mjs", contains: "\"pack\"" },
  "help | npm run typecheck": { by: "scripts/test.mjs", contains: "tsc" },
  "help | npm run verify": SYNTH_VERIFY,
  "help | npm run offline -- <cdktf args>": { not: "placeholder <cdktf args>; README's npm run offline lines are its instances" },
  "help | npm run publish:stacks -- --branch <deploy branch>": { not: "placeholder <deploy branch>; docs/backends.md's --branch deploy is its instance" },
  "help | npm run reachability": { by: "__tests__/docs/report-commands.test.ts", contains: 'npm("reachability", "reachability")' },
  "help | npm run report": { by: "__tests__/docs/report-commands.test.ts", contains: 'npm("report", "report")' },
  "help | npm run diagram": { by: "__tests__/docs/report-commands.test.ts", contains: 'npm("diagram", "diagram")' },
  "help | npm run bench": { not: "a benchmark: minutes of repeated runs (its flags: __tests__/app/script-flags.test.ts)" },
  "help | npm run bench:mesh": { not: "a benchmark: minutes of repeated runs (its flags: __tests__/app/script-flags.test.ts)" },
  "help | npm run bench:plan": { not: "a benchmark: minutes of repeated runs (its flags: __tests__/app/script-flags.test.ts)" },
  "help | npm run bench:split": { not: "a benchmark: minutes of repeated runs (its flags: __tests__/app/script-flags.test.ts)" },
  "help | npm run check:cdktn": { not: "installs cdktn from the npm registry (network); CI runs it (.ci/run)" },
  "help | npm run schema": { run: "npm run schema", check: (r, copy) => (ok(r), sameFiles(join(copy, "config", "topology.schema.json"), join(root, "config", "topology.schema.json"))) },
  "docs/backends.md | npm run synth": SYNTH_VERIFY,
  "docs/backends.md | npx cdktf diff lab": { not: AWS },
  "docs/backends.md | npx cdktf deploy state": { not: AWS },
  "docs/backends.md | npx cdktf deploy lab": { not: AWS },
  "docs/backends.md | terraform login": { not: "HCP Terraform: signs in to app.terraform.io (network, an account)" },
  "docs/backends.md | npm ci && npm run synth": { not: "npm ci reinstalls from the npm registry (network); its npm run synth runs here" },
  "docs/backends.md | npm run publish:stacks -- --branch deploy": { by: "__tests__/app/publish-stacks.test.ts", contains: '"--branch", "deploy"' },
  "docs/module-mode.md | npm run synth:module": SYNTH_MODULE,
  "docs/module-mode.md | npm run synth:module -- --config my.yaml --output infra/modules/peering": {
    // my.yaml is the reader's own config: the lab's stands in for it.
    run: "cp config/lab.yaml my.yaml && npm run synth:module -- --config my.yaml --output infra/modules/peering",
    check: (r, copy) => (ok(r), expect(JSON.parse(readFileSync(join(copy, "infra", "modules", "peering", "main.tf.json"), "utf8")).resource.aws_vpc_peering_connection).toBeDefined()),
  },
};

const isHere = (p: Plan): p is Here => "run" in p;
const work = mkdtempSync(join(tmpdir(), "doc-commands-"));
const copy = join(work, "repo");
const results = new Map<string, Run>();

beforeAll(async () => {
  // The checkout's files (tracked and new, not ignored) and its node_modules; the stand-in's build cache shared.
  const { stdout } = await promisify(exec)("git ls-files -z --cached --others --exclude-standard", { cwd: root, maxBuffer: 64 << 20 });
  for (const f of stdout.split("\0").filter((p) => p && existsSync(join(root, p)))) cpSync(join(root, f), join(copy, f), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", OFFLINE_AWS_CACHE_DIR: join(root, "node_modules", ".cache", "offline-aws") };
  for (const k of ["CDKTF_OUTDIR", "PEERING_CONFIG", "OFFLINE_AWS_WORLD"]) delete env[k];
  const run = async (line: string) => {
    try {
      const r = await promisify(exec)(line, { cwd: copy, env, maxBuffer: 64 << 20, timeout: 80_000 });
      results.set(line, { code: 0, stdout: r.stdout, stderr: r.stderr });
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      results.set(line, { code: e.code, stdout: e.stdout, stderr: e.stderr });
    }
  };
  const lines = [...new Set(Object.values(PLANS).filter(isHere).map((p) => p.run))];
  // Two chains side by side; the cdktf CLI's synth replaces cdktf.out, so it runs after verify read it.
  const synthFirst = [SYNTH_VERIFY.run, "npx cdktf synth lab"];
  const rest = lines.filter((l) => !synthFirst.includes(l));
  await Promise.all([
    (async () => { for (const l of synthFirst) await run(l); })(),
    (async () => { for (const l of rest) await run(l); })(),
  ]);
}, 90_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

it("every command of README.md, help and docs/*.md is classified, and every classified command is documented", () => {
  const documented = documentedCommands();
  expect(documented.length).toBeGreaterThan(40);
  expect({ unclassified: documented.filter((c) => !(c in PLANS)), gone: Object.keys(PLANS).filter((c) => !documented.includes(c)) }).toEqual({ unclassified: [], gone: [] });
});

it.each(Object.entries(PLANS).filter(([, p]) => isHere(p)) as [string, Here][])("%s runs as documented", (command, plan) => {
  const [, text] = command.split(" | ");
  // The line run is the command itself, or a line that contains it (a placeholder's instance aside).
  if (!/[<[]/.test(text)) expect(plan.run).toContain(text);
  const r = results.get(plan.run)!;
  if (r.code !== 0) console.log(`${plan.run}: exit ${r.code}\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  plan.check(r, copy);
});

it.each(Object.entries(PLANS).filter(([, p]) => "by" in p) as [string, Elsewhere][])("%s is run by another test", (_command, plan) => {
  expect(readFileSync(join(root, plan.by), "utf8")).toContain(plan.contains);
});

it("the commands not run offline say why", () => {
  const notHere = Object.entries(PLANS).filter(([, p]) => "not" in p) as [string, NotHere][];
  for (const [command, plan] of notHere) expect({ command, reason: plan.not.length > 20 }).toEqual({ command, reason: true });
  // Summary for the report: how many run here, elsewhere, not at all.
  expect(notHere.length).toBeLessThan(Object.keys(PLANS).length);
});

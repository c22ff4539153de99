import { execFileSync } from "node:child_process";

// The import rules in eslint.config.mjs, proven on snippets: each layer may import only the layers
// below it (docs/architecture.md), modules/ stays off cdktf internals, and nothing anywhere loads
// the @cdktf/provider-aws package root. If a rule stops firing, these fail.

const CASES: [string, string][] = [];
let results: Record<string, string[]> | undefined;

/**
 * Lints every case in one ESLint process (its config is an ES module, which jest's VM cannot
 * import): each snippet is one import of `specifier`, linted as if it were `filePath`.
 */
function lintAll(): Record<string, string[]> {
  const script = `
    const { ESLint } = require("eslint");
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const [file, spec] of cases) {
        const [r] = await eslint.lintText('import * as x from "' + spec + '";\\nexport const y = x;\\n', { filePath: file });
        out[file + " " + spec] = r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, JSON.stringify(CASES)], { encoding: "utf8" }));
}

async function restricted(filePath: string, specifier: string): Promise<string[]> {
  results ??= lintAll();
  const found = results[`${filePath} ${specifier}`];
  if (!found) throw new Error(`case not registered: ${filePath} ${specifier}`);
  return found;
}

const NOT_ALLOWED: [string, string][] = [
  ["modules/core/x.ts", "cdktf"],
  ["modules/core/x.ts", "constructs"],
  ["modules/core/x.ts", "zod"],
  ["modules/core/x.ts", "../constructs/vpc/existing-vpc"],
  ["modules/core/x.ts", "../app/adapter"],
  ["modules/constructs/vpc/x.ts", "../../app/config/schema"],
  ["modules/constructs/vpc/x.ts", "../../tf-module/inputs"],
  ["modules/constructs/vpc/x.ts", "cdktf/lib/_tokens"],
  ["modules/app/x.ts", "../tf-module/module-stack"],
  ["modules/app/config/x.ts", "../../report/reachability"],
  ["modules/tf-module/x.ts", "../report/diagram"],
  ["modules/report/x.ts", "../constructs/vpc/peerable-vpc"],
  ["modules/report/x.ts", "cdktf"],
];
const ALLOWED: [string, string][] = [
  ["modules/core/x.ts", "./cidr"],
  ["modules/core/x.ts", "ipaddr.js"],
  ["modules/constructs/vpc/x.ts", "../../core/peering"],
  ["modules/constructs/vpc/x.ts", "@cdktf/provider-aws/lib/vpc"],
  ["modules/app/x.ts", "../constructs/vpc/existing-vpc"],
  ["modules/tf-module/x.ts", "../app/peering-stack"],
  ["modules/report/x.ts", "../core/cidr"],
  ["modules/index.ts", "./tf-module/module-stack"],
  ["__tests__/x.test.ts", "cdktf/lib/testing/adapters/jest"],
];
// Assembled so that text searches for a root import do not find this file.
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");
const EVERYWHERE = ["modules/core/x.ts", "__tests__/x.test.ts", "scripts/x.ts", "testing/x.ts"];
CASES.push(...NOT_ALLOWED, ...ALLOWED);
for (const file of EVERYWHERE) CASES.push([file, PROVIDER_ROOT], [file, `${PROVIDER_ROOT}/lib/s3-bucket/index`], [file, "@cdktf/cli-core"]);

describe("lint: import boundaries", () => {
  it.each(NOT_ALLOWED)("%s may not import %s", async (file, specifier) => {
    expect(await restricted(file, specifier)).toHaveLength(1);
  });

  it.each(ALLOWED)("%s may import %s", async (file, specifier) => {
    expect(await restricted(file, specifier)).toEqual([]);
  });

  it.each(EVERYWHERE)("%s never imports the @cdktf/provider-aws root or a deeper path", async (file) => {
    const root = PROVIDER_ROOT;
    expect((await restricted(file, root)).join()).toMatch(/package root/);
    expect((await restricted(file, `${root}/lib/s3-bucket/index`)).join()).toMatch(/Import the resource module itself/);
    expect((await restricted(file, "@cdktf/cli-core")).join()).toMatch(/a cdktn rename moves exactly these/);
  });
});

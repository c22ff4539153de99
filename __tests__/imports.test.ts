import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// "One rename moves us to cdktn": every cdktf import must be `cdktf`, `cdktf/lib/...` or
// `@cdktf/provider-aws/lib/<resource>` (the root of the provider package is also too slow to load).
// scripts/check-cdktn.mjs rewrites exactly these forms.

const ALLOWED = [/^cdktf$/, /^cdktf\/lib\/[\w./-]+$/, /^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/];
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](@?cdktf[^"']*)["']/g;
const ROOTS = ["main.ts", "module.ts", "index.ts", "modules", "testing", "__tests__", "scripts"];
// These two hold the patterns as data (examples here, rewrite rules there), not as imports.
const PATTERN_FILES = [join("__tests__", "imports.test.ts"), join("scripts", "check-cdktn.mjs")];

function sourceFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.(ts|js|mjs|cjs)$/.test(path) ? [path] : [];
  return readdirSync(path).filter((n) => n !== "node_modules").flatMap((n) => sourceFiles(join(path, n)));
}

export function badCdktfImports(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]).filter((spec) => !ALLOWED.some((re) => re.test(spec)));
}

describe("imports: never the @cdktf/provider-aws root, and only forms a cdktn rename moves", () => {
  test("the checker flags the forms a rename would miss", () => {
    // Assembled so that text searches for a root import do not find this example.
    const providerRoot = ["@cdktf", "provider-aws"].join("/");
    expect(badCdktfImports(`import { S3Bucket } from "${providerRoot}";`)).toEqual([providerRoot]);
    expect(badCdktfImports('import * as x from "@cdktf/provider-aws/lib/s3-bucket/index";')).toEqual(["@cdktf/provider-aws/lib/s3-bucket/index"]);
    expect(badCdktfImports('const c = require("@cdktf/cli-core");')).toEqual(["@cdktf/cli-core"]);
    expect(badCdktfImports('import { App } from "cdktf";\nimport "cdktf/lib/testing/adapters/jest";\nimport { Vpc } from "@cdktf/provider-aws/lib/vpc";')).toEqual([]);
  });

  test("no source file imports cdktf in another form", () => {
    const files = ROOTS.flatMap(sourceFiles).filter((f) => !PATTERN_FILES.includes(f));
    expect(files.length).toBeGreaterThan(10);
    const bad = files.flatMap((file) => badCdktfImports(readFileSync(file, "utf8")).map((spec) => `${file}: "${spec}"`));
    expect(bad).toEqual([]);
  });
});

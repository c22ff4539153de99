// Which @cdktf/provider-aws modules the project uses: deep imports found in its sources.
import * as fs from "fs";
import * as path from "path";

const SCANNED = ["main.ts", "index.ts", "modules", "testing/fixtures", "__tests__"];
const IMPORT = /@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED = new Set(["node_modules", ".git", "cdktf.out", "coverage", ".cache"]);

function sourceFiles(p: string, ext: RegExp): string[] {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return ext.test(p) ? [p] : [];
  return fs.readdirSync(p).flatMap((n) => (SKIPPED.has(n) ? [] : sourceFiles(path.join(p, n), ext)));
}

/** Module names deep-imported (`@cdktf/provider-aws/lib/<name>`) in the sources under `paths`. */
export function deepImportsIn(paths: string[], ext: RegExp = SOURCE): Set<string> {
  const names = new Set<string>();
  for (const file of paths.flatMap((p) => sourceFiles(p, ext))) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) names.add(m[1]);
  }
  return names;
}

/** Module names (e.g. "vpc-peering-connection", "data-aws-vpc"), sorted, always with "provider". */
export function usedProviderModules(repoRoot: string): string[] {
  return [...new Set(["provider", ...deepImportsIn(SCANNED.map((s) => path.join(repoRoot, s)), /\.ts$/)])].sort();
}

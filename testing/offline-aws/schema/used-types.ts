// Which @cdktf/provider-aws modules the project uses: deep imports found in its sources.
import * as fs from "fs";
import * as path from "path";

const SCANNED = ["main.ts", "index.ts", "modules", "testing/fixtures", "__tests__"];
const IMPORT = /@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g;

function tsFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return p.endsWith(".ts") ? [p] : [];
  return fs.readdirSync(p).flatMap((n) => (n === "node_modules" ? [] : tsFiles(path.join(p, n))));
}

/** Module names (e.g. "vpc-peering-connection", "data-aws-vpc"), sorted, always with "provider". */
export function usedProviderModules(repoRoot: string): string[] {
  const names = new Set<string>(["provider"]);
  for (const file of SCANNED.flatMap((s) => tsFiles(path.join(repoRoot, s)))) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) names.add(m[1]);
  }
  return [...names].sort();
}

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

// A root import of @cdktf/provider-aws loads all 2,212 generated classes: 4-10 s and ~0.5 GB
// per process. Every import must name one resource module: @cdktf/provider-aws/lib/<resource>.
const root = join(__dirname, "..");
const SKIP = new Set(["node_modules", "cdktf.out", "dist", ".git", "coverage"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

describe("imports", () => {
  it("never import the @cdktf/provider-aws package root", () => {
    const rootImport = /(from\s+|require\(\s*|import\(\s*)["']@cdktf\/provider-aws(\/lib)?\/?["']/;
    const offenders = sources(root).filter((file) => rootImport.test(readFileSync(file, "utf8")));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});

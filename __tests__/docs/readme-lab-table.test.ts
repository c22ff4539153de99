// The README's table of what the lab stack contains is what `npm run synth` writes for the
// default config: every type with its count, nothing missing, nothing extra.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fullSynthStack, labConfig } from "../helpers/lab";

it("the README's lab table lists exactly the lab stack's resources and data sources, with their counts", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The default: the seed lab"), readme.indexOf("\n## ", readme.indexOf("## The default: the seed lab") + 1));
  const documented = Object.fromEntries([...section.matchAll(/^\| `((?:data\.)?aws_[a-z0-9_]+)` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
  const json = JSON.parse(fullSynthStack(labConfig())) as Record<"resource" | "data", Record<string, Record<string, unknown>>>;
  const synthesized = Object.fromEntries([
    ...Object.entries(json.resource).map(([type, byName]) => [type, Object.keys(byName).length]),
    ...Object.entries(json.data).map(([type, byName]) => [`data.${type}`, Object.keys(byName).length]),
  ]);
  expect(Object.keys(documented).length).toBeGreaterThanOrEqual(8);
  expect(documented).toEqual(synthesized);
});

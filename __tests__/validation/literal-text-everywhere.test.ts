// Text a user wrote is data, never Terraform code: every string of every stack the app
// synthesizes (the state stack included) is walked, for every example and for a config carrying
// `${...}` and `%{...}` in every free-text field. An unescaped opener fails the test with where it is.
import { App } from "cdktf";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { buildStacks } from "../../modules/app/stacks";
import { labConfig } from "../helpers/lab";

const root = join(__dirname, "..", "..");
const CANARY = "canary_text";

/** Every string in `value` with its JSON path, the `"//"` metadata (construct paths) left out. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "//") yield* strings(v, `${path}.${k}`);
}

/** `${` or `%{` that Terraform would evaluate: not written `$${` / `%%{`. */
const openers = (text: string) => [...text.matchAll(/(?<![$%])([$%])\{/g)].map((m) => text.slice(m.index!, m.index! + 40));
/** How the expressions the constructs write begin: references and function calls. */
const OWN = /^\$\{(?:[a-z][a-z0-9_]*\(|(?:aws_|data\.|var\.|local\.|each\.|self\.|module\.|terraform\.)|!|"|\[|\{|\()/;

function synthAll(config: ReturnType<typeof loadConfig>): Record<string, unknown> {
  const app = new App({ outdir: join(mkdtempSync(join(tmpdir(), "literal-")), "out") });
  buildStacks(app, config);
  app.synth();
  const dir = join(app.outdir, "stacks");
  return Object.fromEntries(readdirSync(dir).map((stack) => [stack, JSON.parse(readFileSync(join(dir, stack, "cdk.tf.json"), "utf8"))]));
}

const examples = ["config/lab.yaml", ...readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml") && f !== "mesh-50.yaml").map((f) => `examples/${f}`)];

it.each(examples)("%s: every ${ and %{ in its stacks is one the constructs wrote", (file) => {
  const found: string[] = [];
  for (const [stack, json] of Object.entries(synthAll(loadConfig(join(root, file))))) {
    for (const [path, text] of strings(json, stack)) {
      for (const opener of openers(text)) if (opener.startsWith("%{") || !OWN.test(opener)) found.push(`${path}: ${opener}`);
    }
  }
  expect(found).toEqual([]);
});

it("a config with ${...} and %{...} in every free-text field reaches every stack escaped", () => {
  const t = (what: string) => `${what} \${${CANARY}} %{ if ${CANARY} }x%{ endif }`;
  const lab = labConfig();
  const config = parseConfig({
    ...lab,
    tags: { Owner: t("owner") },
    backend: { ...lab.backend, accessLogs: { bucket: "vpc-peering-lab-access-logs", prefix: t("prefix") } },
    peerings: [{ ...lab.peerings[0], name: t("pc"), tags: { Team: t("team") } }],
    privateZones: [{ ...lab.privateZones[0], comment: t("comment"), records: [...lab.privateZones[0].records, { name: "txt", type: "TXT", values: [t("txt")] }] }],
  });
  const stacks = synthAll(config);
  expect(Object.keys(stacks).sort()).toEqual(["lab", "state"]);
  const unescaped: string[] = [];
  let seen = 0;
  for (const [stack, json] of Object.entries(stacks)) {
    for (const [path, text] of strings(json, stack)) {
      if (!text.includes(CANARY)) continue;
      seen += 1;
      // Identifiers made from the text (the peering's resource names) carry the word, not the openers.
      if (new RegExp(`(?<![$%])(\\$\\{${CANARY}\\}|%\\{ if ${CANARY} \\})`).test(text)) unescaped.push(`${path}: ${text}`);
    }
  }
  expect(unescaped).toEqual([]);
  // Tags (provider default tags in both stacks), the access-log prefix, the peering's name and tags, the comment, the TXT value.
  expect(seen).toBeGreaterThanOrEqual(7);
});

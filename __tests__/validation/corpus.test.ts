import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ConfigProblem } from "../../modules/core/problems";
import { loadConfig } from "../../modules/app/config/load";
import { formatProblem } from "../../modules/core/problems";

// Every file in invalid-configs/ must fail with exactly the `# expect:` lines at its top (each line is
// `path: start of the message`), all reported at once; warning-configs/ must load and warn with `# warn:`.

const dir = (name: string) => join(__dirname, name);
const expectations = (file: string, tag: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith(`# ${tag}: `))
    .map((line) => line.slice(`# ${tag}: `.length).trim());

function problemsOf(file: string): { errors: string[]; warnings: string[] } {
  const warnings: string[] = [];
  try {
    loadConfig(file, { onWarning: (w: ConfigProblem) => warnings.push(formatProblem(w)) });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { errors: err.problems.map(formatProblem), warnings };
  }
  return { errors: [], warnings };
}

const invalid = readdirSync(dir("invalid-configs")).filter((f) => f.endsWith(".yaml")).sort();

describe("invalid-config corpus", () => {
  it("has at least 30 configs, each with an expected message", () => {
    expect(invalid.length).toBeGreaterThanOrEqual(30);
    for (const f of invalid) expect({ f, n: expectations(join(dir("invalid-configs"), f), "expect").length }).toEqual({ f, n: expect.any(Number) });
    expect(invalid.filter((f) => expectations(join(dir("invalid-configs"), f), "expect").length === 0)).toEqual([]);
  });

  it.each(invalid)("%s fails with its expected messages and no others", (name) => {
    const file = join(dir("invalid-configs"), name);
    const expected = expectations(file, "expect");
    const { errors } = problemsOf(file);
    for (const line of expected) {
      expect(errors.filter((e) => e.startsWith(line))).toHaveLength(1);
    }
    expect(errors).toHaveLength(expected.length);
  });
});

const warnings = readdirSync(dir("warning-configs")).filter((f) => f.endsWith(".yaml")).sort();

describe("warning-config corpus", () => {
  it.each(warnings)("%s loads and warns with its expected messages", (name) => {
    const file = join(dir("warning-configs"), name);
    const expected = expectations(file, "warn");
    const result = problemsOf(file);
    expect(result.errors).toEqual([]);
    expect(expected.length).toBeGreaterThan(0);
    for (const line of expected) expect(result.warnings.filter((w) => w.startsWith(line))).toHaveLength(1);
    expect(result.warnings).toHaveLength(expected.length);
  });
});

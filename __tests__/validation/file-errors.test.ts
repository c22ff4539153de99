import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { ConfigError } from "../../modules/core/problems";

// Files that are not a topology at all: plain words, the line and the offending text, never a
// JavaScript error or a parser library's hints.

const dir = mkdtempSync(join(tmpdir(), "file-errors-"));
function messageOf(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadConfig(file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

it("shows the line, column and text of a YAML syntax error", () => {
  const message = messageOf("broken.yaml", "stack: x\nregion: us-west-2\nvpcs:\n  a: {cidr: 10.0.0.0/16\n  b: 1\n");
  expect(message).toMatch(/not valid YAML: .* at line 5, column 3/);
  expect(message).toContain("a: {cidr: 10.0.0.0/16");
});

it("says a file with two YAML documents holds more than one, without the parser's API hints", () => {
  const message = messageOf("two.yaml", "stack: a\n---\nstack: b\n");
  expect(message).toMatch(/more than one YAML document \(---\): keep one topology per file/);
  expect(message).not.toMatch(/parseAllDocuments/);
});

it("refuses an alias bomb with the line and column of the alias that multiplies", () => {
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]", ""].join("\n");
  expect(messageOf("bomb.yaml", bomb)).toMatch(/\(root\): not valid YAML: its aliases \(\*name\) expand to more than 100 copies, which no topology needs at line 3, column 8: write the values out/);
});

it("refuses absurdly deep nesting as a config error, in YAML, JSON and parsed data alike", () => {
  expect(messageOf("deep.yaml", `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)).toMatch(/nested too deeply/);
  expect(messageOf("deep.json", `{"a": ${"[".repeat(100000)}${"]".repeat(100000)}}`)).toMatch(/nested too deeply|nested \d+ levels deep/);
  let deep: unknown = {};
  for (let i = 0; i < 100; i++) deep = { x: deep };
  expect(() => parseConfig(deep)).toThrow(/is nested \d+ levels deep; a topology needs at most 32/);
});

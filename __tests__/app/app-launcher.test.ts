import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// scripts/app.cjs, what `npm run synth` runs: the bundle is rebuilt when an input changed and only
// then, the app gets its own arguments, and later runs use V8's code cache.
const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "app-launcher-"));
const name = `launcher-test-${process.pid}`;
const entry = join(work, `${name}.ts`);
const bundle = join(root, "dist", `${name}.js`);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const suffix of ["", ".inputs.json", ".v8cache"]) rmSync(`${bundle}${suffix}`, { force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [join(root, "scripts", "app.cjs"), entry, ...args], { cwd: root, encoding: "utf8" });

it("rebuilds when an input changes, not otherwise, and passes the arguments through", () => {
  writeFileSync(join(work, "dep.ts"), `export const word: string = "first";\n`);
  writeFileSync(entry, `import { word } from "./dep";\nconsole.log(word, process.argv.slice(2).join(" "));\nprocess.exitCode = 3;\n`);
  const first = run("--config", "x.yaml");
  expect([first.stdout.trim(), first.status]).toEqual(["first --config x.yaml", 3]);
  const built = statSync(bundle).mtimeMs;
  expect(existsSync(`${bundle}.v8cache`)).toBe(true);

  const again = run();
  expect(again.stdout.trim()).toBe("first");
  expect(statSync(bundle).mtimeMs).toBe(built);

  writeFileSync(join(work, "dep.ts"), `export const word: string = "second, longer";\n`);
  expect(run().stdout.trim()).toBe("second, longer");
  expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
});

it("rebuilds a bundle another command overwrote", () => {
  writeFileSync(join(work, "dep.ts"), `export const word: string = "kept";\n`);
  writeFileSync(entry, `import { word } from "./dep";\nconsole.log(word);\n`);
  expect(run().stdout.trim()).toBe("kept");
  writeFileSync(bundle, `console.log("stale");\n`);
  expect(run().stdout.trim()).toBe("kept");
});

// The README's first error example, run as it says: both problems in one run, exit 1, and the
// output directory left as it was (here: never created).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

it("npm run synth -- --config examples/errors/broken.yaml prints the README's block", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /```\n\$ (npm run synth -- --config examples\/errors\/broken\.yaml)\n([\s\S]*?)```/.exec(readme);
  expect(block).not.toBeNull();
  const out = join(mkdtempSync(join(tmpdir(), "readme-errors-")), "cdktf.out");
  const args = block![1].split(" ").slice(1);
  const r = spawnSync("npm", [...args.slice(0, 2), "-s", ...args.slice(2), "--output", out], { cwd: root, encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(block![2]);
  expect(existsSync(out)).toBe(false);
});

// Fails when docs/api (the generated API reference) is not what `npm run docs:api` writes now.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scriptArgs } from "./script-args.mjs";

scriptArgs({ usage: "npm run docs:api:check --", summary: "Fails when docs/api is not what `npm run docs:api` writes from the code now." });

const out = mkdtempSync(join(tmpdir(), "api-docs-"));
try {
  execFileSync("npx", ["typedoc", "--out", out, "--logLevel", "Warn"], { stdio: ["ignore", "inherit", "inherit"] });
  const fresh = readdirSync(out).sort();
  const committed = readdirSync("docs/api").sort();
  const stale = [...new Set([...fresh, ...committed])].filter((f) => {
    try {
      return readFileSync(join(out, f), "utf8") !== readFileSync(join("docs/api", f), "utf8");
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`docs/api is stale (${stale.join(", ")}): run npm run docs:api and commit the result`);
    process.exitCode = 1;
  } else {
    console.log(`docs/api is current (${fresh.length} file${fresh.length === 1 ? "" : "s"})`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

// npm run docs:offline-rules: writes the provider-rules coverage table of
// testing/offline-aws/README.md from the stand-in's rule registry.
import * as fs from "fs";
import * as path from "path";
import { parseFlags, runCli } from "../modules/app/cli";
import { repoRoot } from "../testing/offline-aws/build";
import { RULES, SKIPPED } from "../testing/offline-aws/provider/rules";
import { readmeWithRules } from "../testing/offline-aws/rules-doc";

async function main(): Promise<void> {
  const flags = parseFlags({
    usage: "npm run docs:offline-rules --",
    summary: "Writes the provider-rules coverage table of testing/offline-aws/README.md from the offline stand-in's rule registry.",
    flags: {},
  });
  if (!flags) return;
  const readme = path.join(repoRoot(), "testing/offline-aws/README.md");
  const before = fs.readFileSync(readme, "utf8");
  const after = readmeWithRules(before);
  fs.writeFileSync(readme, after);
  console.log(`testing/offline-aws/README.md: ${before === after ? "already up to date" : "provider rules table written"} (${RULES.length} rules enforced, ${SKIPPED.length} not)`);
}

runCli(main);

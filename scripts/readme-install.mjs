// README.md's install lines for library users, as the scripts that run them read them: one
// definition of where a block is and how the tarball it names maps to the one npm pack wrote.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The text of the first ```<lang> block after `marker` in README.md. */
export function readmeBlock(root, marker, lang) {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const from = readme.indexOf(marker);
  const block = from < 0 ? undefined : new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(readme.slice(from))?.[1];
  if (!block) throw new Error(`README: no ${lang} block after '${marker}'`);
  return block;
}

/** The lines of the first ```sh block after `marker` in README.md, each split into argv. */
export function readmeShLines(root, marker) {
  return readmeBlock(root, marker, "sh").trim().split("\n").map((l) => l.trim().split(/\s+/));
}

/** argv with README's tarball name (`./vpc-peering-cdktf-<version>.tgz`) replaced by the packed file. */
export const withTarball = (argv, tarball) => argv.map((a) => (a.endsWith(".tgz") ? tarball : a));

// The flags of the plain Node scripts npm runs (bench, bench:mesh, check:cdktn, test:package,
// publish:stacks, docs:api:check). They answer as the TypeScript entry points do
// (modules/app/cli.ts parseFlags, on the same node:util parseArgs): --help prints the usage and
// exits 0 before anything runs; an unknown flag, a stray argument or a missing value is one line
// on stderr and exit 2, with nothing written.
import { parseArgs } from "node:util";

/**
 * `options`: parseArgs options plus `value` (`<n>`, shown in help) and `description` per flag.
 * Returns the parsed values; exits for --help and usage errors.
 */
export function scriptArgs({ usage, summary, options = {}, notes }) {
  const all = { ...options, help: { type: "boolean", short: "h", description: "Print this help" } };
  let values;
  try {
    ({ values } = parseArgs({
      options: Object.fromEntries(Object.entries(all).map(([name, { type, short, default: d }]) => [name, { type, ...(short ? { short } : {}), ...(d !== undefined ? { default: d } : {}) }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${err.message.split("\n")[0].replace(/\. To specify a positional argument.*$/, "")}: see ${usage} --help\n`);
    process.exit(2);
  }
  if (values.help) {
    const left = Object.entries(all).map(([name, f]) => `${f.short ? `-${f.short}, ` : "    "}--${name}${f.value ? ` ${f.value}` : ""}`);
    const width = Math.max(...left.map((l) => l.length));
    const flags = Object.values(all).map((f, i) => `  ${left[i].padEnd(width)}  ${f.description}`);
    process.stdout.write([summary, "", `Usage: ${usage} [flags]`, "", "Flags:", ...flags, ...(notes ? ["", notes.trimEnd()] : []), ""].join("\n"));
    process.exit(0);
  }
  return values;
}

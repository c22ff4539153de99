// Jest's default order runs the suites that took longest last time first, but a fresh clone (CI)
// has no timings and falls back to file size, which puts the short files that drive the cdktf
// CLI and Terraform for seconds at the end, where one of them alone keeps the run going. These
// start first; the rest keep jest's order.
const Sequencer = require("@jest/test-sequencer").default;

const SLOW_FIRST = [
  "offline/split.test.ts",
  "offline/sandbox.test.ts",
  "validation/cli.test.ts",
  "offline/world-data-sources.test.ts",
  "docs/report-commands.test.ts",
  "diagram.test.ts",
  "offline/lab.test.ts",
  "offline/verify-script.test.ts",
  "offline/examples.test.ts",
  "module/pair-module.test.ts",
];

class SlowFirstSequencer extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    const rank = (t) => {
      const i = SLOW_FIRST.findIndex((suffix) => t.path.endsWith(`__tests__/${suffix}`));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;

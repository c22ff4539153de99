import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseFlags, REPORT_FLAGS, runCli } from "../modules/app/cli";
import { counted } from "../modules/core/problems";
import { diffReports } from "../modules/report/diff";
import { PageStack, toHtml } from "../modules/report/page";
import { analyzeStacks, stackFiles } from "./reachability";
import { figureSvg } from "./render-svg";

// npm run report: one self-contained page (cdktf.out/report.html) with each stack's diagram or
// matrix, its pairs and blocks with reasons, names, warnings, and with --against what a change gains
// and loses. Exits 1 when --against finds something lost, as npm run reachability does.

const REPORT_COMMAND = {
  usage: "npm run report --",
  summary: "Writes <output>/report.html: one self-contained page (no network) with each stack's diagram or matrix, a sortable table of pairs and blocks with reasons, zone and record resolution, warnings, and with --against what was gained and lost.",
  flags: REPORT_FLAGS,
};

async function main() {
  const values = parseFlags(REPORT_COMMAND);
  if (!values) return;
  const outdir = values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const files = stackFiles(values.stack, outdir);
  if (values.against && files.length !== 1) throw new Error("--against compares one stack: give --stack <name|dir> too");
  const baseline = values.against ? analyzeStacks(stackFiles(values.against, "."), values.ports)[0] : undefined;
  const stacks: PageStack[] = [];
  // A stack with no VPC (the state bucket's) has nothing to report.
  for (const { model, report } of analyzeStacks(files, values.ports).filter((s) => s.model.vpcs.length > 0)) {
    const diff = baseline ? diffReports(baseline.report, report) : undefined;
    stacks.push({ model, report, svg: await figureSvg(model, report), ...(diff ? { diff, baseline: values.against } : {}) });
  }
  if (stacks.length === 0) throw new Error(`no stack with VPCs in ${files.join(", ")}: nothing to report`);
  const file = join(outdir, "report.html");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toHtml(stacks, `Reachability report: ${stacks.map((s) => s.model.stack).join(", ")}`));
  const pairs = stacks.reduce((n, s) => n + s.report.pairs.length, 0);
  console.log(`wrote ${file} (${counted(stacks.length, "stack")}, ${counted(pairs, "pair")})`);
  const lost = stacks.reduce((n, s) => n + (s.diff?.lost.length ?? 0), 0);
  if (baseline) {
    console.log(`against ${values.against}: ${lost} lost, ${stacks[0].diff!.gained.length} gained`);
    if (lost > 0) process.exitCode = 1;
  }
}

runCli(main);

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { NetworkModel, readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability, configuredPorts, formatReport, parsePortSpec, PortSpec, ReachabilityReport } from "../modules/report/reachability";
import { parseFlags, REPORT_FLAGS, runCli } from "../modules/app/cli";
import { diffReports, formatDiff } from "../modules/report/diff";
import { mergeSplit, splitGroupProblem } from "../modules/report/split";
import { FactsVersionError, readSplitFact } from "../modules/core/facts";

/** `cdk.tf.json` files to read: `--stack` (a stack directory or file) or every stack under the output directory. */
export function stackFiles(stack: string | undefined, outdir: string): string[] {
  if (stack) {
    // A stack name (lab) means <output>/stacks/lab; anything else is a directory or a cdk.tf.json.
    const path = existsSync(stack) ? stack : join(outdir, "stacks", stack);
    if (!existsSync(path)) throw new Error(`--stack: neither ${stack} nor ${path} exists: give a stack name, a stack directory or a cdk.tf.json`);
    return [statSync(path).isDirectory() ? join(path, "cdk.tf.json") : path];
  }
  const dir = join(outdir, "stacks");
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run synth\` first, or pass --stack <dir>`);
  return readdirSync(dir).map((s) => join(dir, s, "cdk.tf.json")).filter((f) => existsSync(f));
}

/** `--ports`, parsed; a bad entry is an error naming the flag and what to write. */
export function parsePortsFlag(portsFlag: string | undefined): PortSpec[] {
  return (
    portsFlag?.split(",").map((p) => {
      const spec = parsePortSpec(p);
      if (typeof spec === "string") throw new Error(`--ports: ${spec}`);
      return spec;
    }) ?? []
  );
}

/**
 * The stacks to read, each as the topology it is: a stack alone, or every stack of a split
 * (config `split`) merged into one, named after the topology. A stack of a split read without
 * its siblings (a `--stack` or a missing directory) brings them in from the same directory,
 * and stops with what is missing when it cannot.
 */
export function topologies(files: readonly string[]): { file: string; name: string; json: TerraformJson }[] {
  const read = (file: string) => ({ file, name: basename(join(file, "..")), json: JSON.parse(readFileSync(file, "utf8")) as TerraformJson });
  const out: { file: string; name: string; json: TerraformJson }[] = [];
  const done = new Set<string>();
  for (const stack of files.map(read)) {
    let split: ReturnType<typeof readSplitFact>;
    try {
      split = readSplitFact(stack.json as Record<string, unknown>);
    } catch (e) {
      throw e instanceof FactsVersionError ? new FactsVersionError(`${stack.file}: ${e.message}`) : e;
    }
    if (!split) {
      out.push(stack);
      continue;
    }
    if (done.has(split.topology)) continue;
    done.add(split.topology);
    const dir = join(stack.file, "..", "..");
    const group = split.stacks.map((name) => join(dir, name, "cdk.tf.json")).filter((f) => existsSync(f)).map(read);
    const problem = splitGroupProblem(group);
    if (problem) throw new Error(`${stack.file}: cannot decide reachability: ${problem}`);
    out.push({ file: stack.file, name: split.topology, json: mergeSplit(group) });
  }
  return out;
}

/** Each topology read back and analysed: ports from its security rules, plus `--ports`; with neither, tcp/443. */
export function analyzeStacks(files: readonly string[], portsFlag?: string): { file: string; model: NetworkModel; report: ReachabilityReport }[] {
  const flagPorts = parsePortsFlag(portsFlag);
  return topologies(files).map(({ file, name, json }) => {
    const model = readNetworkModel(json, name);
    const ports: PortSpec[] = [...configuredPorts(model), ...flagPorts];
    const unique = [...new Map((ports.length ? ports : [{ protocol: "tcp", port: 443 } as PortSpec]).map((p) => [JSON.stringify(p), p])).values()];
    return { file, model, report: analyzeReachability(model, unique) };
  });
}

export function reportsFor(files: readonly string[], portsFlag?: string): ReachabilityReport[] {
  return analyzeStacks(files, portsFlag).map((s) => s.report);
}

function main() {
  const values = parseFlags({
    usage: "npm run reachability --",
    summary: "Which VPC pairs and ports flow, read from the synthesized JSON of each stack.",
    flags: { ...REPORT_FLAGS, json: { type: "boolean", description: "Print JSON instead of a table" } },
  });
  if (!values) return;
  const files = stackFiles(values.stack, values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  if (values.against) {
    if (files.length !== 1) throw new Error("--against compares one stack: give --stack <name|dir> too");
    const [before] = reportsFor(stackFiles(values.against, "."), values.ports);
    const [after] = reportsFor(files, values.ports);
    const diff = diffReports(before, after);
    console.log(values.json ? JSON.stringify(diff, null, 2) : formatDiff(after.stack, diff));
    if (diff.lost.length > 0) process.exitCode = 1;
    return;
  }
  // A stack with no VPC (the state bucket's) has nothing to report.
  const reports = reportsFor(files, values.ports).filter((r) => r.pairs.length > 0 || r.names.length > 0);
  if (values.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else console.log(reports.map(formatReport).join("\n\n"));
}

if (require.main === module && /reachability\.(js|ts)$/.test(process.argv[1] ?? "")) {
  runCli(main);
}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability, configuredPorts, formatReport, parsePortSpec, PortSpec, ReachabilityReport } from "../modules/report/reachability";
import { parseFlags, STACK_FLAGS } from "../modules/app/cli";

/** `cdk.tf.json` files to read: `--stack` (a stack directory or file) or every stack under the output directory. */
export function stackFiles(stack: string | undefined, outdir: string): string[] {
  if (stack) return [statSync(stack).isDirectory() ? join(stack, "cdk.tf.json") : stack];
  const dir = join(outdir, "stacks");
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run synth\` first, or pass --stack <dir>`);
  return readdirSync(dir).map((s) => join(dir, s, "cdk.tf.json")).filter((f) => existsSync(f));
}

export function reportsFor(files: readonly string[], portsFlag?: string): ReachabilityReport[] {
  const flagPorts = portsFlag?.split(",").map((p) => {
    const spec = parsePortSpec(p);
    if (typeof spec === "string") throw new Error(`--ports: ${spec}`);
    return spec;
  });
  return files.map((file) => {
    const model = readNetworkModel(JSON.parse(readFileSync(file, "utf8")) as TerraformJson, basename(join(file, "..")));
    // Ports from the stack's security rules; --ports adds to them; with neither, 443.
    const ports: PortSpec[] = [...configuredPorts(model), ...(flagPorts ?? [])];
    const unique = [...new Map((ports.length ? ports : [{ protocol: "tcp", port: 443 } as PortSpec]).map((p) => [JSON.stringify(p), p])).values()];
    return analyzeReachability(model, unique);
  });
}

function main() {
  const values = parseFlags({
    usage: "npm run reachability --",
    summary: "Which VPC pairs and ports flow, read from the synthesized JSON of each stack.",
    flags: { ...STACK_FLAGS, json: { type: "boolean", description: "Print JSON instead of a table" } },
  });
  if (!values) return;
  const reports = reportsFor(stackFiles(values.stack, values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out"), values.ports);
  if (values.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else console.log(reports.map(formatReport).join("\n\n"));
}

if (require.main === module && /reachability\.(js|ts)$/.test(process.argv[1] ?? "")) {
  try {
    main();
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}

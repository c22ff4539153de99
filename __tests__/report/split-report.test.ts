// The report reads the stacks of a split as the one topology they are (issue: with split per-vpc
// the lab's api stack showed web as blocked and the web stack showed no pairs, exit 0). Every
// example, in every split mode its config allows, reports the same pairs, verdicts and names as
// the same topology in one stack, and reads back as the model says (the contract, per split).
import { App } from "cdktf";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { buildStacks } from "../../modules/app/stacks";
import { readNetworkModel } from "../../modules/report/network-model";
import { analyzeStacks, stackFiles, topologies } from "../../scripts/reachability";
import { fromJson, fromModel } from "../helpers/contract";

const root = join(__dirname, "..", "..");

/** Synthesizes `config` with the app's own stack builder; returns the output directory. */
function synth(config: TopologyConfig): string {
  const app = new App({ outdir: join(mkdtempSync(join(tmpdir(), "split-report-")), "cdktf.out") });
  buildStacks(app, config);
  app.synth();
  return app.outdir;
}

/**
 * What a user reads in the report: each pair's verdict and path, and each name's answer. A split's
 * addresses carry their stack (`aws_route53_record.lab-vpc-web__zone-...`): compared without it.
 */
const unstacked = (text: string) => text.replace(/([.(])[A-Za-z0-9-]+__/g, "$1");
function seen(outdir: string) {
  const reports = analyzeStacks(stackFiles(undefined, outdir)).map((s) => s.report).filter((r) => r.pairs.length + r.names.length > 0);
  expect(reports).toHaveLength(1);
  const [r] = reports;
  return {
    pairs: r.pairs.map((p) => unstacked(`${p.from} → ${p.to} ${p.port} ${p.verdict}${p.partial ? " partly" : ""}${p.intended ? " intended" : ""}: ${p.detail} [${p.decidedBy.join(", ")}]`)).sort(),
    names: r.names.map((n) => unstacked(`${n.name} ${n.type} from ${n.from}: ${n.resolves ? "resolves" : "does not resolve"}: ${n.why} → ${n.chain.join(" → ")}`)).sort(),
  };
}

/** The split modes a config validates in (a split whose stacks would need each other's state is refused). */
function splits(config: TopologyConfig): TopologyConfig[] {
  return (["per-vpc", "per-region", "per-account"] as const).flatMap((split) => {
    try {
      return [parseConfig({ ...JSON.parse(JSON.stringify(config)), split })];
    } catch {
      return [];
    }
  });
}

const examples = ["config/lab.yaml", ...readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml") && !/mesh-50/.test(f)).map((f) => `examples/${f}`)];

const cases = examples.flatMap((file) => splits(loadConfig(join(root, file))).map((split) => [file, split.split, split] as const));

it("covers every example, in the split modes their configs allow", () => {
  // The transit gateway examples (transit-gateway*.yaml) are refused in every split mode (a gateway and its attachments are built in one stack).
  expect(new Set(cases.map(([file]) => file)).size).toBeGreaterThanOrEqual(examples.length - 5);
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

/** What the report says of the topology in one stack: once per example, for all its split modes. */
const whole = new Map<string, ReturnType<typeof seen>>();
const wholeSeen = (file: string) => {
  if (!whole.has(file)) whole.set(file, seen(synth(loadConfig(join(root, file)))));
  return whole.get(file)!;
};

// The contract (helpers/contract.ts) holds for a split too: its stacks, read together through
// their facts, say what the model says, so the report sees what it would in one stack.
it.each(cases)("%s split %s reports what the whole topology reports, and reads back as the model says", (file, _mode, split) => {
  const outdir = synth(split);
  expect(seen(outdir)).toEqual(wholeSeen(file));
  const topology = topologies(stackFiles(undefined, outdir)).find((t) => t.name === split.stack)!;
  expect(fromJson(readNetworkModel(topology.json, topology.name))).toEqual(fromModel(split));
});

it("a stack of a split read without its siblings: the report cannot decide, says what is missing, and fails", () => {
  const lab = loadConfig(join(root, "config/lab.yaml"));
  const outdir = synth(parseConfig({ ...JSON.parse(JSON.stringify(lab)), split: "per-vpc" }));
  rmSync(join(outdir, "stacks", "lab-vpc-api"), { recursive: true });
  expect(() => analyzeStacks(stackFiles("lab-vpc-web", outdir))).toThrow(/cannot decide reachability: stack lab-vpc-api of the split topology lab is missing: synthesize the whole topology/);
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { parseConfig } from "../modules/app/config/load";
import { buildStack } from "./helpers/lab";
import { COLORS, toDot, toMermaid } from "../modules/report/diagram";
import { readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability } from "../modules/report/reachability";
import { buildSync } from "esbuild";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const root = join(__dirname, "..");
function modelOf(file: string) {
  const config = parseConfig(parse(readFileSync(join(__dirname, "..", file), "utf8")), file);
  const outdir = Testing.fullSynth(buildStack(config));
  const model = readNetworkModel(JSON.parse(readFileSync(join(outdir, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson, config.stack);
  return { model, outdir, report: analyzeReachability(model, [{ protocol: "tcp", port: 443 }]) };
}

describe("the lab diagram", () => {
  const { model, report, outdir } = modelOf("config/lab.yaml");

  it("shows both VPCs with CIDRs and route tables, the peering with its DNS flags, and the zone association", () => {
    const dot = toDot(model, report);
    expect(dot).toContain("10.0.0.0/16");
    expect(dot).toContain("rtb web-vpc-rtb");
    expect(dot).toMatch(/label="api-web-pc\nDNS both"/);
    expect(dot).toMatch(/zone lab.private\napi.elb.lab.private CNAME/);
    expect(dot).toMatch(/ -- n_data_aws_vpc_vpc_web_\w+ \[style=dotted, color="#8d6e63", label="associated"\]/);
    // SG/NACL not managed in the lab: amber, not green.
    expect(dot).toContain(`color="${COLORS.assumed}", penwidth=2, label="api-web-pc`);
  });

  it("renders to SVG offline with the WebAssembly Graphviz (the CLI, as `npm run diagram` runs it)", () => {
    // @hpcc-js/wasm-graphviz is ESM-only, which jest's CommonJS runtime cannot import: run the bundled CLI.
    const bundle = join(root, "dist", `diagram-test-${process.pid}.js`);
    buildSync({ entryPoints: [join(root, "scripts", "diagram.ts")], bundle: true, platform: "node", packages: "external", outfile: bundle, logLevel: "silent", absWorkingDir: root });
    try {
      const result = spawnSync(process.execPath, [bundle, "--output", outdir], { cwd: root, encoding: "utf8" });
      expect(result.stderr).toBe("");
      const svg = readFileSync(join(outdir, "topology.svg"), "utf8");
      expect(svg).toMatch(/^<\?xml/);
      expect(svg).toContain(">10.1.0.0/16</text>");
      expect(readFileSync(join(outdir, "topology.mmd"), "utf8")).toMatch(/^graph LR/);
    } finally {
      rmSync(bundle, { force: true });
    }
  });

  it("has a Mermaid version with colored links", () => {
    const mermaid = toMermaid(model, report);
    expect(mermaid).toMatch(/^graph LR/);
    expect(mermaid).toContain(`---|"api-web-pc · DNS both"|`);
    expect(mermaid).toContain(`linkStyle 0 stroke:${COLORS.assumed}`);
  });
});

it("draws the unpeered pair of seed 004 as a red dashed 'no peering' edge", () => {
  const { model, report } = modelOf("examples/hub-and-spoke.yaml");
  expect(toDot(model, report)).toMatch(/n_aws_vpc_vpc_b_\w+ -- n_aws_vpc_vpc_c_\w+ \[style=dashed, color="#c62828", fontcolor="#c62828", label="no peering"/);
});

it("keeps the 10-VPC mesh readable: VPCs pinned on a circle, no per-edge labels", () => {
  const { model, report } = modelOf("examples/mesh-10.yaml");
  const dot = toDot(model, report);
  expect(dot).toContain("layout=neato");
  expect(dot.match(/n_aws_vpc_\w+ \[shape=plain, pos="-?[\d.]+,-?[\d.]+!"/g)).toHaveLength(10);
  expect(dot.match(/ -- /g)).toHaveLength(45);
  expect(dot).not.toMatch(/ -- .*label=/);
});

describe("every example has a report and a diagram", () => {
  const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml"));

  it.each(examples)("%s: every ordered VPC pair is reported and every VPC is drawn", (file) => {
    const { model, report } = modelOf(`examples/${file}`);
    const vpcs = model.vpcs.length;
    expect(vpcs).toBeGreaterThanOrEqual(2);
    const pairs = new Set(report.pairs.map((p) => `${p.from}>${p.to}`));
    expect(pairs.size).toBe(vpcs * (vpcs - 1));
    const dot = toDot(model, report);
    const mermaid = toMermaid(model, report);
    for (const vpc of model.vpcs) {
      expect(dot).toContain(vpc.ipv4[0]);
      expect(mermaid).toContain(vpc.ipv4[0]);
    }
  });
});

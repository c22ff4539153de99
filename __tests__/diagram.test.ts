import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { parseConfig } from "../modules/app/config/load";
import { buildStack } from "./helpers/lab";
import { COLORS, legendEntries, STYLES, toDot, toMatrixSvg, toMermaid } from "../modules/report/diagram";
import { readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability } from "../modules/report/reachability";
import { toHtml } from "../modules/report/page";
import { spawnSync } from "node:child_process";
import { atScale, itEachAtScale } from "../testing/scale";

const root = join(__dirname, "..");
function modelOf(file: string) {
  const config = parseConfig(parse(readFileSync(join(__dirname, "..", file), "utf8")), file);
  const outdir = Testing.fullSynth(buildStack(config));
  const model = readNetworkModel(JSON.parse(readFileSync(join(outdir, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson, config.stack);
  return { model, outdir, report: analyzeReachability(model, [{ protocol: "tcp", port: 443 }]) };
}

describe("the lab diagram", () => {
  const { model, report, outdir } = modelOf("config/lab.yaml");

  it("shows both VPCs with CIDRs and route tables, one edge per direction with its role and DNS option, and the zone association", () => {
    const dot = toDot(model, report);
    expect(dot).toContain("10.0.0.0/16");
    expect(dot).toContain("rtb web-vpc-rtb");
    // api requests the peering: api → web is R→A, web → api A→R; both resolve the peer's hostnames to private IPs.
    expect(dot).toMatch(/n_data_aws_vpc_vpc_api_\w+ -> n_data_aws_vpc_vpc_web_\w+ \[[^\]]*label="R→A api-web-pc\nDNS priv"/);
    expect(dot).toMatch(/n_data_aws_vpc_vpc_web_\w+ -> n_data_aws_vpc_vpc_api_\w+ \[[^\]]*label="A→R api-web-pc\nDNS priv"/);
    expect(dot).toMatch(/zone lab.private\napi.elb.lab.private CNAME → load balancer api-elb/);
    expect(dot).toMatch(/ -> n_data_aws_vpc_vpc_web_\w+ \[dir=none, style=dotted, color="#8d6e63", label="associated"\]/);
    // SG/NACL not managed in the lab: amber, not green.
    expect(dot).toContain(`color="${COLORS.assumed}", style=solid, penwidth=2, label="R→A api-web-pc`);
    // DNS settings in words, not "DNS ?/?".
    expect(dot).toContain("looked up · DNS support on, hostnames on");
    expect(dot).toMatch(/subgraph cluster_account_0 \{ label="account of the default provider";[^\n]*\n\s+subgraph cluster_account_0_region_0 \{ label="region us-west-2"/);
  });

  it("renders to SVG offline with the WebAssembly Graphviz (the CLI, as `npm run diagram` runs it)", () => {
    // @hpcc-js/wasm-graphviz is ESM-only, which jest's CommonJS runtime cannot import: run the CLI.
    const result = spawnSync(process.execPath, [join(root, "scripts", "app.cjs"), "--packages=external", "scripts/diagram.ts", "--output", outdir], { cwd: root, encoding: "utf8" });
    expect(result.stderr).toBe("");
    const svg = readFileSync(join(outdir, "topology.svg"), "utf8");
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain(">10.1.0.0/16</text>");
    expect(readFileSync(join(outdir, "topology.mmd"), "utf8")).toMatch(/^graph LR/);
  });

  it("has a Mermaid version with colored links", () => {
    const mermaid = toMermaid(model, report);
    expect(mermaid).toMatch(/^graph LR/);
    expect(mermaid).toContain(`-->|"R→A api-web-pc · DNS priv"|`);
    expect(mermaid).toContain(`linkStyle 0 stroke:${COLORS.assumed}`);
  });
});

it("draws the unpeered pair of seed 004 as a light red dashed undirected 'no peering' edge", () => {
  const { model, report } = modelOf("examples/hub-and-spoke.yaml");
  expect(toDot(model, report)).toMatch(/n_aws_vpc_vpc_b_\w+ -> n_aws_vpc_vpc_c_\w+ \[dir=none, style=dashed, color="#e57373", fontcolor="#e57373", label="no peering"/);
});

it("keeps the 10-VPC mesh readable: a graph of VPCs pinned on a circle without labels, and the matrix `npm run diagram` draws above 8 VPCs", () => {
  const { model, report } = modelOf("examples/mesh-10.yaml");
  const dot = toDot(model, report);
  expect(dot).toContain("layout=neato");
  expect(dot.match(/n_aws_vpc_\w+ \[shape=plain, pos="-?[\d.]+,-?[\d.]+!"/g)).toHaveLength(10);
  // 45 peerings, one edge per direction.
  expect(dot.match(/ -> /g)).toHaveLength(90);
  expect(dot).not.toMatch(/ -> .*label=/);
  const svg = toMatrixSvg(model, report);
  expect(svg.match(/<g class="cell"/g)).toHaveLength(90);
  // The mesh has no SG/NACL rules: every direction flows with them assumed open.
  expect(svg.match(/data-verdict="assumed"/g)).toHaveLength(90);
  expect(svg).toMatch(/<title>vpc01 → vpc02: assumed \(tcp\/443\)<\/title>/);
  // The region of each group of rows and columns is named on both axes.
  expect(svg.match(/<g class="region-band"[^>]*><title>us-west-2<\/title>/g)).toHaveLength(1);
  for (const style of Object.values(STYLES)) expect(svg).toContain(style.meaning);
});

it("draws each direction by its own verdict: a one-way peering (allowInto) is drawn dotted grey one way, partly the other, never as a fault", () => {
  const { model } = modelOf("examples/existing-vpcs-security.yaml");
  const report = analyzeReachability(model, [{ protocol: "tcp", port: 5432 }]);
  const dot = toDot(model, report);
  expect(dot).toMatch(/n_data_aws_vpc_vpc_web_\w+ -> n_data_aws_vpc_vpc_db_\w+ \[color="#1565c0", style=dashed[^\]]*label="R→A web-db\nDNS pub\ntcp\/5432: partly"/);
  // web's groups hold no rule of this stack; db's own ACL rules close db → web (replies into db are not admitted).
  expect(dot).toMatch(/n_data_aws_vpc_vpc_db_\w+ -> n_data_aws_vpc_vpc_web_\w+ \[color="#757575", style=dotted[^\]]*label="A→R web-db\nDNS pub\ntcp\/5432: NACL denies \(intended\)"/);
  expect(dot).not.toMatch(new RegExp(` -> [^\\n]*color="${COLORS.blocked}"`));
});

it("puts accounts and regions in nested clusters (cross-account and inter-region)", () => {
  const { model, report } = modelOf("examples/cross-account.yaml");
  const dot = toDot(model, report);
  // shared and shared-dr: one account, two regions, each VPC inside its region inside its account.
  const account = dot.slice(dot.indexOf(`label="account 222222222222"`));
  expect(account).toMatch(/^[^\n]*\n\s+subgraph cluster_account_1_region_0 \{ label="region us-east-1"[^\n]*\n\s+n_aws_vpc_vpc_shared_dr_vpc [^\n]*\n\s+\}\n\s+subgraph cluster_account_1_region_1 \{ label="region us-west-2"[^\n]*\n\s+n_aws_vpc_vpc_shared_vpc /);
  const mermaid = toMermaid(model, report);
  expect(mermaid).toMatch(/subgraph account_1\["account 222222222222"\]\n\s+subgraph account_1_region_0\["region (us-east-1|us-west-2)"\]/);
});

it("has a legend entry for every style and abbreviation the diagrams use", () => {
  const { model, report } = modelOf("config/lab.yaml");
  const dot = toDot(model, report);
  for (const e of legendEntries()) expect(dot).toContain(e.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
  expect(legendEntries().map((e) => e.key)).toEqual(expect.arrayContaining(["R→A / A→R", "DNS priv / pub", "rtb", ...Object.keys(STYLES)]));
});

describe("every example has a report and a diagram", () => {
  const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml"));

  const check = (file: string) => {
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
  };
  it.each(examples.filter((f) => !atScale(f)))("%s: every ordered VPC pair is reported and every VPC is drawn", check);
  itEachAtScale()(examples.filter(atScale))("%s: every ordered VPC pair is reported and every VPC is drawn (scale: TEST_SCALE=1)", check);
});

it("draws a transit gateway as a node with its attachments' route tables, and does not call VPCs on one gateway unpeered; the page lists its tables and the endpoints' reach", () => {
  const { model, report } = modelOf("examples/transit-gateway.yaml");
  const dot = toDot(model, report);
  expect(dot).toMatch(/n_tgw_core \[shape=box3d, style=filled, fillcolor="#ede7f6", label="transit gateway core\nspokes: [^"]*10\.30\.0\.0\/16 → shared/);
  for (const vpc of ["prod", "dev", "shared"]) expect(dot).toMatch(new RegExp(`n_\\w*${vpc}\\w* -> n_tgw_core \\[dir=both, color="#5e35b1", label="associated: (spokes|shared)"`));
  // prod, dev and shared reach each other (or not) through the gateway: no "no peering" edge among them.
  const unpeered = dot.split("\n").filter((l) => l.includes('label="no peering"'));
  expect(unpeered.every((l) => /vpc_data/.test(l))).toBe(true);
  expect(toMermaid(model, report)).toContain('n_tgw_core{{"transit gateway core<br/>spokes<br/>shared"}}');
  const html = toHtml([{ model, report, svg: "<svg></svg>" }]);
  expect(html).toMatch(/<h3>Transit gateways<\/h3>.*<b>prod<\/b>: associated with <code>spokes<\/code>/s);

  const endpoints = modelOf("examples/endpoints.yaml");
  expect(toHtml([{ model: endpoints.model, report: endpoints.report, svg: "<svg></svg>" }])).toMatch(/<h3>VPC endpoints<\/h3>.*<td>gateway<\/td>.*not reachable/s);
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { writeModule } from "../../modules/tf-module/writer";
import { labConfig } from "./lab-module";

describe("module writer", () => {
  const root = mkdtempSync(join(tmpdir(), "module-writer-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("writes exactly main.tf.json and README.md", () => {
    const out = join(root, "lab");
    writeModule(labConfig(), { outdir: out });
    expect(readdirSync(out).sort()).toEqual(["README.md", "main.tf.json"]);
    expect(JSON.parse(readFileSync(join(out, "main.tf.json"), "utf8")).variable.tags).toBeDefined();
  });

  test("README lists every input and output in the terraform-docs layout, with a usage example", () => {
    const out = join(root, "readme");
    writeModule(labConfig(), { outdir: out, source: "./modules/peering" });
    const readme = readFileSync(join(out, "README.md"), "utf8");
    const module = JSON.parse(readFileSync(join(out, "main.tf.json"), "utf8"));
    for (const heading of ["## Requirements", "## Providers", "## Resources", "## Inputs", "## Outputs"]) expect(readme).toContain(heading);
    expect(readme).toContain("| Name | Description | Type | Default | Required |");
    for (const name of Object.keys(module.variable)) expect(readme).toContain(`<a name="input_${name}"></a>`);
    for (const name of Object.keys(module.output)) expect(readme).toContain(`<a name="output_${name}"></a>`);
    expect(readme).toContain('source = "./modules/peering"');
    expect(readme).toMatch(/aws\.requester = aws\b/);
    expect(readme).toContain("| <a name=\"input_flow_log_retention_in_days\"></a> [flow_log_retention_in_days](#input\\_flow\\_log\\_retention\\_in\\_days) | Days CloudWatch Logs keeps flow-log events; 0 keeps them forever | `number` | `30` | no |");
  });

  test("refuses what module mode does not do yet (dnsQueryLogs), naming the field, and writes nothing", () => {
    const out = join(root, "private-dns");
    const config = loadConfig(join(__dirname, "..", "..", "examples", "private-dns-records.yaml"));
    expect(() => writeModule(config, { outdir: out })).toThrow(/^module mode: 1 problem in the config\n {2}dnsQueryLogs: a generated module does not log DNS queries yet/);
    expect(existsSync(out)).toBe(false);
  });

  test("refuses a transit gateway whose VPCs are on both caller providers, naming the field, and writes nothing", () => {
    const out = join(root, "transit");
    const config = parseConfig({
      stack: "tgw-two-sides",
      region: "us-west-2",
      backend: { type: "local" },
      vpcs: { a: { name: "x", cidr: "10.0.0.0/16", routeTables: ["r"] }, b: { name: "y", cidr: "10.1.0.0/16", routeTables: ["s"] }, c: { name: "z", cidr: "10.2.0.0/16", routeTables: ["t"] } },
      // b accepts c's peering: aws.accepter in a module; a is on aws.requester.
      peerings: [{ name: "p", requester: "c", accepter: "b" }],
      transitGateways: [{ name: "hub", routeTables: [{ name: "main" }], attachments: [{ vpc: "a", subnets: ["a-tgw"], routeTable: "main", propagateTo: ["main"] }, { vpc: "b", subnets: ["b-tgw"], routeTable: "main", propagateTo: ["main"] }] }],
    });
    expect(() => writeModule(config, { outdir: out })).toThrow(/^module mode: 1 problem in the config\n {2}transitGateways\[0\]\.attachments: in a generated module, a go through aws\.requester and b through aws\.accepter/);
    expect(existsSync(out)).toBe(false);
  });

  test("a failed synth leaves the previous module untouched", () => {
    const out = join(root, "atomic");
    writeModule(labConfig(), { outdir: out });
    const before = readFileSync(join(out, "main.tf.json"), "utf8");
    const broken = parseConfig({
      stack: "lab",
      region: "us-west-2",
      backend: { type: "local" },
      // Valid as a config, refused by module mode.
      vpcs: { a: { name: "x", cidr: "10.0.0.0/16", routeTables: ["r"] }, b: { name: "y", cidr: "10.1.0.0/16", routeTables: ["s"] } },
      peerings: [{ name: "p", requester: "a", accepter: "b" }],
      dnsQueryLogs: {},
    });
    expect(() => writeModule(broken, { outdir: out })).toThrow(/^module mode: 1 problem in the config\n {2}dnsQueryLogs: a generated module does not log DNS queries yet/);
    expect(readFileSync(join(out, "main.tf.json"), "utf8")).toBe(before);
    expect(readdirSync(root).filter((n) => n.includes(".staging-"))).toEqual([]);
  });

  test("npm run synth:module takes --config and --output", () => {
    const out = join(root, "cli");
    const config = join(root, "lab.yaml");
    writeFileSync(config, readFileSync("config/lab.yaml", "utf8"));
    require("node:child_process").execFileSync("npm", ["run", "-s", "synth:module", "--", "--config", config, "--output", out], { stdio: "pipe" });
    expect(existsSync(join(out, "main.tf.json"))).toBe(true);
    expect(existsSync(join(out, "README.md"))).toBe(true);
  });
});

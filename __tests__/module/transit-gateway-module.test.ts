// terraform/transit-gateway, the general transit gateway module: committed output equals a fresh
// generation, its plan-time destination rule agrees with core's transitDestinations, and the
// example root module (terraform/examples/transit-gateway) plans offline against the stand-in
// provider, with the failing shapes stopping the plan with the module's messages.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { writeTransitGatewayModule } from "../../modules/tf-module/writer";
import { TRANSIT_ATTACHED_VPC, TRANSIT_KNOWN_TABLE, transitDestinations, transitDestinationsExpression, type TransitGatewaySpec } from "../../modules/core/transit";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { worldVariant } from "../../testing/offline-aws/worlds";

const MODULE_DIR = path.join(__dirname, "../../terraform/transit-gateway");
const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");

describe("terraform/transit-gateway", () => {
  it("is what `npm run synth:transit-gateway-module` writes (regenerate it after changing modules/tf-module/transit-gateway-module.ts)", () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tgw-module-")), "transit-gateway");
    writeTransitGatewayModule({ outdir, source: "github.com/<you>/<this repo>//terraform/transit-gateway" });
    for (const file of ["main.tf.json", "README.md"]) {
      expect(fs.readFileSync(path.join(outdir, file), "utf8")).toBe(fs.readFileSync(path.join(MODULE_DIR, file), "utf8"));
    }
  });

  it("uses the caller's default provider (no aliases, no provider blocks), for_each and no cdktf hash in any address", () => {
    const json = JSON.parse(fs.readFileSync(path.join(MODULE_DIR, "main.tf.json"), "utf8"));
    expect(json.terraform.required_providers.aws).not.toHaveProperty("configuration_aliases");
    expect(json).not.toHaveProperty("provider");
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(json[kind] as Record<string, Record<string, Record<string, unknown>>>)) {
        for (const [name, body] of Object.entries(byName)) {
          expect(`${type}.${name}`).not.toMatch(/_[0-9A-F]{8}$/);
          expect(body).not.toHaveProperty("count");
          expect(body).not.toHaveProperty("provider");
        }
      }
    }
  });
});

// The module's default destinations are core's rule written as a Terraform expression: both are
// evaluated on the same gateways (terraform console needs no provider) and must agree.
const terraformMissing = spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0;
(terraformMissing ? describe.skip : describe)("transitDestinationsExpression agrees with transitDestinations", () => {
  type Vpc = { table: string; propagateTo: string[]; blocks: string[] };
  const cases: { name: string; vpcs: Record<string, Vpc>; routes: Record<string, Record<string, string>>; blackholes?: Record<string, string[]> }[] = [
    {
      name: "spokes and shared (examples/transit-gateway.yaml)",
      vpcs: { shared: { table: "shared", propagateTo: ["spokes"], blocks: ["10.30.0.0/16"] }, prod: { table: "spokes", propagateTo: ["shared"], blocks: ["10.31.0.0/16"] }, dev: { table: "spokes", propagateTo: ["shared"], blocks: ["10.32.0.0/16"] } },
      routes: {},
      blackholes: { spokes: ["10.31.0.0/16", "10.32.0.0/16"] },
    },
    {
      name: "one flat table, static routes to a VPC and to itself, a block two VPCs share",
      vpcs: { a: { table: "main", propagateTo: ["main"], blocks: ["10.1.0.0/16"] }, b: { table: "main", propagateTo: ["main"], blocks: ["10.2.0.0/16", "10.1.0.0/16"] }, c: { table: "other", propagateTo: [], blocks: ["10.3.0.0/16"] } },
      routes: { main: { "10.9.0.0/16": "c", "10.8.0.0/16": "a" }, other: { "10.1.0.0/16": "a", "10.3.5.0/24": "c" } },
    },
  ];
  const hcl = (value: unknown): string => JSON.stringify(value);
  for (const c of cases) {
    it(c.name, () => {
      const spec: TransitGatewaySpec = {
        where: "",
        name: "t",
        routeTables: [...new Set(Object.values(c.vpcs).flatMap((v) => [v.table, ...v.propagateTo]).concat(Object.keys(c.routes)))].map((name) => ({
          where: name,
          name,
          routes: [...Object.entries(c.routes[name] ?? {}).map(([destination, vpc]) => ({ where: "", destination, vpc })), ...(c.blackholes?.[name] ?? []).map((destination) => ({ where: "", destination, blackhole: true }))],
        })),
        attachments: Object.entries(c.vpcs).map(([key, v]) => ({ where: key, vpc: { key, identity: key, ipv4: v.blocks, ipv6: [] }, subnets: ["s"], routeTable: v.table, propagateTo: v.propagateTo })),
      };
      // As sets: the module keys its routes by block, so order is Terraform's (keys sorted).
      const expected = Object.fromEntries(spec.attachments.map((a) => { const d = transitDestinations(spec, a); return [a.vpc.key, [...d.ipv4, ...d.ipv6].sort()]; }));
      const attachments = hcl(Object.fromEntries(Object.entries(c.vpcs).map(([k, v]) => [k, { route_table: v.table, propagate_to: v.propagateTo }])));
      const blocks = hcl(Object.fromEntries(Object.entries(c.vpcs).map(([k, v]) => [k, v.blocks])));
      const expression = `jsonencode({ for k in ${hcl(Object.keys(c.vpcs))} : k => ${transitDestinationsExpression({ attachments, blocks, staticRoutes: hcl(c.routes) }, "k")} })`;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tgw-console-"));
      const run = spawnSync("terraform", ["console"], { cwd: dir, input: `${expression}\n`, encoding: "utf8" });
      expect(run.stderr).toBe("");
      const got = JSON.parse(JSON.parse(run.stdout.trim())) as Record<string, string[]>;
      expect(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, [...v].sort()]))).toEqual(expected);
    });
  }
});

// The known-table and attached-VPC rules: core's synth-time problem and its Terraform condition
// (the module's checks) agree, evaluated by terraform console on the same names.
(terraformMissing ? describe.skip : describe)("TRANSIT_KNOWN_TABLE and TRANSIT_ATTACHED_VPC: the problem and the condition agree", () => {
  it("on known, unknown and empty declarations", () => {
    const cases: { name: string; tables: string[] }[] = [
      { name: "main", tables: ["main", "shared"] }, { name: "spokes", tables: ["main", "shared"] }, { name: "main", tables: [] }, { name: "Main", tables: ["main"] },
    ];
    const hcl = (value: unknown): string => JSON.stringify(value);
    const conditions = cases.flatMap((c) => [
      TRANSIT_KNOWN_TABLE.condition(hcl(c.name), hcl(c.tables)),
      TRANSIT_KNOWN_TABLE.allCondition(hcl([c.name, ...c.tables]), hcl(c.tables)),
      TRANSIT_ATTACHED_VPC.condition(hcl(c.name), `keys(${hcl(Object.fromEntries(c.tables.map((t) => [t, {}])))})`),
    ]);
    const expected = cases.flatMap((c) => [
      TRANSIT_KNOWN_TABLE.problem(c.name, c.tables) === undefined,
      TRANSIT_KNOWN_TABLE.problem(c.name, c.tables) === undefined,
      TRANSIT_ATTACHED_VPC.problem(c.name, "t", c.tables) === undefined,
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tgw-console-"));
    const run = spawnSync("terraform", ["console"], { cwd: dir, input: `jsonencode([${conditions.join(", ")}])\n`, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(JSON.parse(run.stdout.trim()))).toEqual(expected);
    expect(TRANSIT_KNOWN_TABLE.problem("spokes", ["main", "shared"])).toBe('"spokes" is not a route table of this transit gateway: use one of main, shared');
    expect(TRANSIT_KNOWN_TABLE.problem("main", [])).toBe('"main" is not a route table of this transit gateway: use one of (none declared)');
  });
});

describeWithTerraform("terraform/examples/transit-gateway, planned offline", () => {
  jest.setTimeout(120_000);
  let env: Record<string, string>;
  let root: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    root = tempStackDir("tgw-module");
    fs.cpSync(path.dirname(MODULE_DIR), root, { recursive: true, filter: (src) => !/[\\/]\.terraform/.test(src) });
  });

  const dir = () => path.join(root, "examples", "transit-gateway");
  function plan(world = WORLD) {
    const init = runTerraform(dir(), ["init", "-input=false", "-backend=false"], { env, world });
    expect(init.stderr).toBe("");
    return runTerraform(dir(), ["plan", "-input=false", "-out=plan.bin"], { env, world });
  }

  it("plans the gateway, its two tables, three attachments with association and propagation, the blackholes and each VPC's routes to what its table leads to", () => {
    const planned = plan();
    expect(planned.stderr).toBe("");
    const shown = JSON.parse(runTerraform(dir(), ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    const created = (shown.resource_changes as { address: string; change: { actions: string[]; after: Record<string, any> } }[]).filter((c) => c.change.actions.includes("create"));
    const addresses = created.map((c) => c.address.replace(/^module\.transit_gateway\./, "")).sort();
    expect(addresses).toEqual([
      'aws_ec2_transit_gateway.this["this"]',
      'aws_ec2_transit_gateway_route.blackhole_routes["spokes/10.31.0.0/16"]',
      'aws_ec2_transit_gateway_route.blackhole_routes["spokes/10.32.0.0/16"]',
      'aws_ec2_transit_gateway_route_table.tables["shared"]',
      'aws_ec2_transit_gateway_route_table.tables["spokes"]',
      'aws_ec2_transit_gateway_route_table_association.associations["dev"]',
      'aws_ec2_transit_gateway_route_table_association.associations["prod"]',
      'aws_ec2_transit_gateway_route_table_association.associations["shared"]',
      'aws_ec2_transit_gateway_route_table_propagation.propagations["dev/shared"]',
      'aws_ec2_transit_gateway_route_table_propagation.propagations["prod/shared"]',
      'aws_ec2_transit_gateway_route_table_propagation.propagations["shared/spokes"]',
      'aws_ec2_transit_gateway_vpc_attachment.attachments["dev"]',
      'aws_ec2_transit_gateway_vpc_attachment.attachments["prod"]',
      'aws_ec2_transit_gateway_vpc_attachment.attachments["shared"]',
      'aws_route.vpc_routes["dev/0/10.30.0.0/16"]',
      'aws_route.vpc_routes["prod/0/10.30.0.0/16"]',
      'aws_route.vpc_routes["shared/0/10.31.0.0/16"]',
      'aws_route.vpc_routes["shared/0/10.32.0.0/16"]',
    ]);
    const after = (address: string) => created.find((c) => c.address === `module.transit_gateway.${address}`)!.change.after;
    expect(after('aws_ec2_transit_gateway.this["this"]')).toMatchObject({ amazon_side_asn: 64600, default_route_table_association: "disable", default_route_table_propagation: "disable", tags: { Name: "core", Environment: "example" } });
    expect(after('aws_ec2_transit_gateway_vpc_attachment.attachments["prod"]')).toMatchObject({ vpc_id: "vpc-0e0e0e0e0e0e00031", subnet_ids: ["subnet-0a1b2c3d4e5310031", "subnet-0a1b2c3d4e5311031"], transit_gateway_default_route_table_association: false, tags: { Name: "core-prod" } });
    expect(after('aws_route.vpc_routes["shared/0/10.31.0.0/16"]')).toMatchObject({ route_table_id: "rtb-0e0e0e0e0e0e00030", destination_cidr_block: "10.31.0.0/16" });
    expect(after('aws_ec2_transit_gateway_route_table.tables["spokes"]')).toMatchObject({ tags: { Name: "core-spokes" } });
  });

  it("fails the plan when an attachment's two subnets are in one zone, naming them and the fix", () => {
    const broken = worldVariant(WORLD, (w) => {
      for (const s of w.subnets ?? []) if (s.tags?.Name === "tgw-dev-tgw-b") s.availability_zone = "us-west-2a";
    });
    const planned = plan(broken);
    expect(planned.code).not.toBe(0);
    expect(planned.stderr.replace(/\s+/g, " ")).toContain("The subnets of dev's attachment to transit gateway core (subnet-0a1b2c3d4e5320032, subnet-0a1b2c3d4e5321032) are in us-west-2a, us-west-2a: an attachment takes one subnet per availability zone; list one subnet of each zone.");
  });

  it("refuses an ASN outside the private ranges (the rule of core's asnProblems)", () => {
    const badDir = path.join(root, "examples", "transit-gateway-bad");
    fs.mkdirSync(badDir, { recursive: true });
    fs.writeFileSync(path.join(badDir, "main.tf"), fs.readFileSync(path.join(dir(), "main.tf"), "utf8").replace("amazon_side_asn = 64600", "amazon_side_asn = 65535"));
    expect(runTerraform(badDir, ["init", "-input=false", "-backend=false"], { env, world: WORLD }).stderr).toBe("");
    const bad = runTerraform(badDir, ["plan", "-input=false"], { env, world: WORLD });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.replace(/\s+/g, " ")).toContain("amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294 (default 64512).");
  });
});

// The stand-in provider's answers from a world, through its gRPC handlers (the same functions the
// provider process serves) and through real Terraform: list data sources (aws_route_tables,
// aws_subnets) with the world's ids, aws_vpc_peering_connection found by id, VPCs, tags or
// filters, a VPC's main route table, accounts reached through assume_role, import of existing
// objects, and a world file that cannot be read.
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataAwsRouteTables } from "@cdktf/provider-aws/lib/data-aws-route-tables";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DataAwsVpcPeeringConnection } from "@cdktf/provider-aws/lib/data-aws-vpc-peering-connection";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { blockType, decodeValue, encodeValue, type Value } from "../../testing/offline-aws/provider/cty";
import { createHandlers } from "../../testing/offline-aws/provider/rpc";
import { loadWorld, type World } from "../../testing/offline-aws/provider/world";
import { readWorld } from "../../testing/offline-aws/worlds";
import type { ProviderSchema } from "../../testing/offline-aws/schema/types";

const EXAMPLES_WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const OTHER = "210987654321";

/** The examples world plus a second account holding one VPC, and an existing peering to import. */
function testWorld(): World {
  const w = readWorld(EXAMPLES_WORLD);
  w.accounts = {
    [OTHER]: {
      vpcs: [{ id: "vpc-0d0d0d0d0d0d00001", region: "us-west-2", cidr_block: "10.9.0.0/16", tags: { Name: "web-vpc" } }],
      route_tables: [{ id: "rtb-0d0d0d0d0d0d00001", region: "us-west-2", vpc_id: "vpc-0d0d0d0d0d0d00001", main: true, tags: {} }],
    },
  };
  w.existing = {
    aws_vpc_peering_connection: [{ import_id: "pcx-0f0f0f0f0f0f00002", vpc_id: "vpc-0f0f0f0f0f0f00002", peer_vpc_id: "vpc-0e0e0e0e0e0e00002", tags: { Name: "vendor-to-db" } }],
  };
  return w;
}

let schema: ProviderSchema;
beforeAll(async () => {
  const { cacheDir } = await prepareOfflineTerraform({ world: EXAMPLES_WORLD });
  schema = JSON.parse(fs.readFileSync(path.join(cacheDir, "schema.json"), "utf8")) as ProviderSchema;
});

/** A provider process's handlers, configured like `provider "aws" { ... }`. */
function provider(world: World, config: Record<string, Value> = {}) {
  const h = createHandlers(schema, world);
  const block = schema.provider.block;
  const configured = h.ConfigureProvider({ config: { msgpack: encodeValue({ region: "us-west-2", ...config }, blockType(block)) } });
  const read = (type: string, cfg: Record<string, Value>) => {
    const b = schema.data_source_schemas[type].block;
    const res = h.ReadDataSource({ type_name: type, config: { msgpack: encodeValue(cfg, blockType(b)) } });
    const details = (res.diagnostics as { detail: string }[]).map((d) => d.detail);
    return { state: res.state ? (decodeValue(res.state.msgpack) as Record<string, Value>) : undefined, errors: details };
  };
  return { handlers: h, configured, read };
}

describe("list data sources answer with the world's ids", () => {
  it("aws_route_tables: every table of a VPC (main included), the main one, tagged ones, none", () => {
    const { read } = provider(testWorld());
    expect(read("aws_route_tables", { vpc_id: "vpc-0e0e0e0e0e0e00001" }).state!.ids).toEqual(["rtb-0e0e0e0e0e0e0f001", "rtb-0e0e0e0e0e0e00001"]);
    expect(read("aws_route_tables", { vpc_id: "vpc-0e0e0e0e0e0e00002", filter: [{ name: "association.main", values: ["true"] }] }).state!.ids).toEqual(["rtb-0e0e0e0e0e0e0f002"]);
    expect(read("aws_route_tables", { vpc_id: "vpc-0e0e0e0e0e0e00002", filter: [{ name: "association.main", values: ["false"] }] }).state!.ids).toEqual(["rtb-0e0e0e0e0e0e00002", "rtb-0e0e0e0e0e0e00003"]);
    expect(read("aws_route_tables", { vpc_id: "vpc-0e0e0e0e0e0e00002", tags: { Tier: "private" } }).state!.ids).toEqual(["rtb-0e0e0e0e0e0e00002", "rtb-0e0e0e0e0e0e00003"]);
    // EC2 answers an empty list, not an error, when nothing matches.
    expect(read("aws_route_tables", { vpc_id: "vpc-0e0e0e0e0e0e00002", tags: { Tier: "public" } })).toEqual({ state: expect.objectContaining({ ids: [] }), errors: [] });
  });

  it("aws_subnets: by vpc-id filter, by tags, by a wildcard Name", () => {
    const { read } = provider(testWorld());
    expect(read("aws_subnets", { filter: [{ name: "vpc-id", values: ["vpc-0e0e0e0e0e0e00002"] }] }).state!.ids).toEqual(["subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]);
    expect(read("aws_subnets", { tags: { Name: "db-private-b" } }).state!.ids).toEqual(["subnet-0a1b2c3d4e5f60003"]);
    expect(read("aws_subnets", { filter: [{ name: "tag:Name", values: ["db-*-a"] }] }).state!.ids).toEqual(["subnet-0a1b2c3d4e5f60002"]);
    expect(read("aws_subnets", { filter: [{ name: "vpc-id", values: ["vpc-0e0e0e0e0e0e00001"] }] }).state!.ids).toEqual([]);
  });

  it("aws_route_table and aws_vpc name the world's tables (route_table_id, main_route_table_id)", () => {
    const { read } = provider(testWorld());
    expect(read("aws_route_table", { vpc_id: "vpc-0e0e0e0e0e0e00002", filter: [{ name: "tag:Name", values: ["db-private-b-rtb"] }] }).state!.route_table_id).toBe("rtb-0e0e0e0e0e0e00003");
    expect(read("aws_route_table", { vpc_id: "vpc-0e0e0e0e0e0e00002", filter: [{ name: "association.main", values: ["true"] }] }).state!.route_table_id).toBe("rtb-0e0e0e0e0e0e0f002");
    expect(read("aws_vpc", { tags: { Name: "web-vpc" } }).state!.main_route_table_id).toBe("rtb-0e0e0e0e0e0e0f001");
  });
});

describe("aws_vpc_peering_connection", () => {
  const pcx = "pcx-0f0f0f0f0f0f00002";
  it("is found by id, by its two VPCs, by tags or by filters, with the VPCs' blocks", () => {
    const { read } = provider(testWorld());
    for (const cfg of [
      { id: pcx },
      { vpc_id: "vpc-0f0f0f0f0f0f00002", peer_vpc_id: "vpc-0e0e0e0e0e0e00002" },
      { tags: { Name: "vendor-to-db" } },
      { filter: [{ name: "accepter-vpc-info.vpc-id", values: ["vpc-0e0e0e0e0e0e00002"] }, { name: "status-code", values: ["pending-acceptance"] }] },
    ] as Record<string, Value>[]) {
      const { state, errors } = read("aws_vpc_peering_connection", cfg);
      expect(errors).toEqual([]);
      expect(state).toMatchObject({ id: pcx, owner_id: "310987654321", peer_owner_id: "123456789012", status: "pending-acceptance", cidr_block: "10.70.0.0/16", peer_cidr_block: "10.2.0.0/16" });
    }
  });

  it("derives the accepter VPC's blocks from the world when the record leaves them out, and fails like the provider on none", () => {
    const w = testWorld();
    w.vpc_peering_connections = [{ id: "pcx-0c0c0c0c0c0c00001", region: "us-west-2", vpc_id: "vpc-0e0e0e0e0e0e00001", peer_vpc_id: "vpc-0e0e0e0e0e0e00002", tags: { Name: "web-db" } }];
    const { read } = provider(w);
    expect(read("aws_vpc_peering_connection", { tags: { Name: "web-db" } }).state).toMatchObject({
      status: "active", cidr_block: "10.0.0.0/16", peer_cidr_block: "10.2.0.0/16", peer_region: "us-west-2",
      cidr_block_set: [{ cidr_block: "10.0.0.0/16" }, { cidr_block: "100.64.0.0/20" }], peer_cidr_block_set: [{ cidr_block: "10.2.0.0/16" }],
    });
    expect(read("aws_vpc_peering_connection", { peer_vpc_id: "vpc-0e0e0e0e0e0e00001" }).errors).toEqual(["no matching EC2 VPC Peering Connection found"]);
  });
});

describe("worlds with several accounts", () => {
  const role = `arn:aws:iam::${OTHER}:role/peering`;
  it("a provider assuming a role of another account answers as that account, with its own VPCs", () => {
    const { read, configured } = provider(testWorld(), { assume_role: [{ role_arn: role }] });
    expect(configured.diagnostics).toEqual([]);
    expect(read("aws_caller_identity", {}).state).toMatchObject({ account_id: OTHER, arn: `arn:aws:sts::${OTHER}:assumed-role/peering/offline` });
    expect(read("aws_vpc", { tags: { Name: "web-vpc" } }).state).toMatchObject({ id: "vpc-0d0d0d0d0d0d00001", owner_id: OTHER, cidr_block: "10.9.0.0/16", main_route_table_id: "rtb-0d0d0d0d0d0d00001" });
    expect(read("aws_subnets", { filter: [{ name: "vpc-id", values: ["vpc-0e0e0e0e0e0e00002"] }] }).state!.ids).toEqual([]);
  });

  it("without assume_role (or a role of its own account) the provider sees the top-level account", () => {
    for (const cfg of [{}, { assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/self" }] }] as Record<string, Value>[]) {
      const { read } = provider(testWorld(), cfg);
      expect(read("aws_caller_identity", {}).state!.account_id).toBe("111111111111");
      expect(read("aws_vpc", { tags: { Name: "web-vpc" } }).state!.id).toBe("vpc-0e0e0e0e0e0e00001");
    }
  });
});

describe("import", () => {
  const importPcx = (id: string) => {
    const { handlers } = provider(testWorld());
    return handlers.ImportResourceState({ type_name: "aws_vpc_peering_connection", id });
  };

  it("imports an existing object with the world's values; Terraform's refresh keeps them", () => {
    const res = importPcx("pcx-0f0f0f0f0f0f00002");
    expect(res.diagnostics).toEqual([]);
    const imported = res.imported_resources[0];
    expect(imported.type_name).toBe("aws_vpc_peering_connection");
    const state = decodeValue(imported.state.msgpack) as Record<string, Value>;
    expect(state).toMatchObject({ id: "pcx-0f0f0f0f0f0f00002", vpc_id: "vpc-0f0f0f0f0f0f00002", peer_vpc_id: "vpc-0e0e0e0e0e0e00002", tags: { Name: "vendor-to-db" }, tags_all: { Name: "vendor-to-db" }, region: "us-west-2" });
    const { handlers } = provider(testWorld());
    const read = handlers.ReadResource({ type_name: "aws_vpc_peering_connection", current_state: imported.state, private: imported.private });
    expect(decodeValue(read.new_state.msgpack)).toEqual(state);
  });

  it("refuses an id the world does not hold, as the provider does", () => {
    const res = importPcx("pcx-0000000000000dead");
    expect(res.diagnostics[0].summary).toBe("Cannot import non-existent remote object");
    expect(res.diagnostics[0].detail).toContain('no object exists with the given id "pcx-0000000000000dead"');
  });
});

describe("a world file that cannot be read", () => {
  it("is reported when the provider is configured, naming the file and OFFLINE_AWS_WORLD", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-world-"));
    const broken = path.join(dir, "broken.json");
    fs.writeFileSync(broken, '{ "vpcs": [ }');
    const missing = path.join(dir, "missing.json");
    for (const [file, why] of [[missing, /cannot be read \(ENOENT\)/], [broken, /is not valid JSON/]] as const) {
      const world = loadWorld(file);
      const { configured } = provider(world);
      expect(configured.diagnostics).toHaveLength(1);
      expect(configured.diagnostics[0].summary).toBe("Cannot read the offline world");
      expect(configured.diagnostics[0].detail).toContain(`The world file ${file} (OFFLINE_AWS_WORLD)`);
      expect(configured.diagnostics[0].detail).toMatch(why);
    }
  });
});

/** What a stack would read about db-vpc: its subnets, its tables, the peering offered to it. */
class DbFacts extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-west-2" });
    const vpc = new DataAwsVpc(this, "db", { tags: { Name: "db-vpc" } });
    const subnets = new DataAwsSubnets(this, "subnets", { filter: [{ name: "vpc-id", values: [vpc.id] }] });
    const tables = new DataAwsRouteTables(this, "tables", { vpcId: vpc.id });
    const offer = new DataAwsVpcPeeringConnection(this, "offer", { peerVpcId: vpc.id, status: "pending-acceptance" });
    new TerraformOutput(this, "subnet_ids", { value: subnets.ids });
    new TerraformOutput(this, "route_table_ids", { value: tables.ids });
    new TerraformOutput(this, "main_route_table_id", { value: vpc.mainRouteTableId });
    new TerraformOutput(this, "offered", { value: { id: offer.id, from: offer.cidrBlock, owner: offer.ownerId } });
  }
}

describeWithTerraform("the world through Terraform", () => {
  jest.setTimeout(60_000);
  it("plans outputs that are the world's ids", async () => {
    const { env } = await prepareOfflineTerraform({ world: EXAMPLES_WORLD });
    const app = new App({ outdir: tempStackDir("world-facts") });
    new DbFacts(app, "facts");
    app.synth();
    const dir = path.join(app.outdir, "stacks", "facts");
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const plan = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin"], { env });
    expect(plan.stderr).toBe("");
    const outputs = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env }).stdout).planned_values.outputs;
    expect(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, (v as { value: unknown }).value]))).toEqual({
      subnet_ids: ["subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
      route_table_ids: ["rtb-0e0e0e0e0e0e0f002", "rtb-0e0e0e0e0e0e00002", "rtb-0e0e0e0e0e0e00003"],
      main_route_table_id: "rtb-0e0e0e0e0e0e0f002",
      offered: { id: "pcx-0f0f0f0f0f0f00002", from: "10.70.0.0/16", owner: "310987654321" },
    });
  });
});

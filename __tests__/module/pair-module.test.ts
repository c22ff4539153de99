// terraform/vpc-peering, the general module for one pair: committed output equals a fresh
// generation, and each example root module under it plans offline against the stand-in provider
// (terraform/examples/<shape>) with the resources its shape needs (and only those).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writePairModule } from "../../modules/tf-module/writer";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

const MODULE_DIR = path.join(__dirname, "../../terraform/vpc-peering");
const WORLD = path.join(__dirname, "../../testing/worlds/pair-module.json");

describe("terraform/vpc-peering", () => {
  it("is what `npm run synth:pair-module` writes (regenerate it after changing modules/tf-module/pair-module.ts)", () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pair-module-")), "vpc-peering");
    writePairModule({ outdir, source: "github.com/<you>/<this repo>//terraform/vpc-peering" });
    for (const file of ["main.tf.json", "README.md"]) {
      expect(fs.readFileSync(path.join(outdir, file), "utf8")).toBe(fs.readFileSync(path.join(MODULE_DIR, file), "utf8"));
    }
  });

  it("uses for_each, never count, and no cdktf hash in any address", () => {
    const json = JSON.parse(fs.readFileSync(path.join(MODULE_DIR, "main.tf.json"), "utf8"));
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(json[kind] as Record<string, Record<string, Record<string, unknown>>>)) {
        for (const [name, body] of Object.entries(byName)) {
          expect(`${type}.${name}`).not.toMatch(/_[0-9A-F]{8}$/);
          expect(body).not.toHaveProperty("count");
        }
      }
    }
  });
});

/** Plan of one example, run in a temp copy holding the module at the same relative path. */
interface Planned {
  addresses: string[];
  values: (address: string) => Record<string, unknown>;
  stdout: string;
}

describeWithTerraform("terraform/vpc-peering examples, planned offline", () => {
  jest.setTimeout(120_000);
  let env: Record<string, string>;
  let root: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
    root = tempStackDir("pair-module");
    fs.cpSync(path.dirname(MODULE_DIR), root, { recursive: true, filter: (src) => !/[\\/]\.terraform/.test(src) });
  });

  function plan(example: string): Planned {
    const dir = path.join(root, "examples", example);
    const init = runTerraform(dir, ["init", "-input=false", "-backend=false"], { env, world: WORLD });
    expect(init.stderr).toBe("");
    const planned = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(planned.stderr).toBe("");
    const shown = runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD });
    const json = JSON.parse(shown.stdout);
    const creates = (json.resource_changes as { address: string; change: { actions: string[]; after: Record<string, unknown> } }[])
      .filter((c) => c.change.actions.includes("create"));
    return {
      addresses: creates.map((c) => c.address).filter((a) => a.startsWith("module.")).map((a) => a.replace(/^module\.peering\./, "")).sort(),
      values: (address) => creates.find((c) => c.address === `module.peering.${address}`)?.change.after ?? {},
      stdout: planned.stdout,
    };
  }

  it("lab (one account and region): auto-accepted, no accepter resource, every route table found, one log group (with its own KMS key) and role", () => {
    const p = plan("lab");
    expect(p.addresses).toEqual([
      'aws_cloudwatch_log_group.flow_logs_requester_log-group["this"]',
      'aws_flow_log.flow_logs_accepter_flow-log-accepter["this"]',
      'aws_flow_log.flow_logs_requester_flow-log-requester["this"]',
      'aws_iam_role.flow_logs_requester_role["this"]',
      'aws_iam_role_policy.flow_logs_requester_role-policy["this"]',
      'aws_kms_key.flow_logs_requester_log-group-key["this"]',
      'aws_route.accepter_routes["rtb-0a1b2c3d4e5f60001/primary"]',
      'aws_route.requester_routes["rtb-0a1b2c3d4e5f60002/primary"]',
      'aws_route53_record.private_records["api"]',
      'aws_route53_zone.private_zone["this"]',
      'aws_route53_zone_association.private_association-accepter["this"]',
      "aws_vpc_peering_connection.peering_connection",
      "aws_vpc_peering_connection_options.peering_accepter-options",
      "aws_vpc_peering_connection_options.peering_requester-options",
    ]);
    expect(p.values("aws_vpc_peering_connection.peering_connection")).toMatchObject({ auto_accept: true, peer_owner_id: "123456789012" });
    expect(p.values('aws_route.requester_routes["rtb-0a1b2c3d4e5f60002/primary"]')).toMatchObject({ route_table_id: "rtb-0a1b2c3d4e5f60002", destination_cidr_block: "10.0.0.0/16" });
    expect(p.values('aws_route.accepter_routes["rtb-0a1b2c3d4e5f60001/primary"]')).toMatchObject({ route_table_id: "rtb-0a1b2c3d4e5f60001", destination_cidr_block: "10.1.0.0/16" });
    expect(p.values("aws_vpc_peering_connection_options.peering_requester-options")).toMatchObject({ requester: [{ allow_remote_vpc_dns_resolution: true }] });
    expect(p.values('aws_route53_zone_association.private_association-accepter["this"]')).toMatchObject({ vpc_id: "vpc-0a1b2c3d4e5f60001", vpc_region: "us-west-2" });
    expect(p.values('aws_cloudwatch_log_group.flow_logs_requester_log-group["this"]')).toMatchObject({ name: "flow-logs-group", retention_in_days: 30 });
  });

  it("inter-region: peer_region set, accepted through aws.accepter, a log group in each region, routes to every accepter table", () => {
    const p = plan("inter-region");
    expect(p.addresses).toEqual(expect.arrayContaining([
      'aws_vpc_peering_connection_accepter.peering_accepter["this"]',
      'aws_cloudwatch_log_group.flow_logs_accepter_log-group["this"]',
      'aws_route.accepter_routes["rtb-0e0e0e0e0e0e00001/primary"]',
      'aws_route.accepter_routes["rtb-0e0e0e0e0e0e00002/primary"]',
    ]));
    // One account: one role serves both regions.
    expect(p.addresses.filter((a) => a.startsWith("aws_iam_role."))).toEqual(['aws_iam_role.flow_logs_requester_role["this"]']);
    expect(p.values("aws_vpc_peering_connection.peering_connection")).toMatchObject({ auto_accept: false, peer_region: "us-east-1" });
    expect(p.values('aws_cloudwatch_log_group.flow_logs_accepter_log-group["this"]')).toMatchObject({ region: "us-east-1" });
  });

  it("cross-account: peer_owner_id is the accepter's account, accepted there; zone association authorized by the zone's account; a role per account", () => {
    const p = plan("cross-account");
    expect(p.values("aws_vpc_peering_connection.peering_connection")).toMatchObject({ auto_accept: false, peer_owner_id: "210987654321" });
    expect(p.addresses).toEqual(expect.arrayContaining([
      'aws_vpc_peering_connection_accepter.peering_accepter["this"]',
      'aws_route53_vpc_association_authorization.private_association-accepter-authorization["this"]',
      'aws_route53_zone_association.private_association-accepter["this"]',
      'aws_iam_role.flow_logs_requester_role["this"]',
      'aws_iam_role.flow_logs_accepter_role["this"]',
      'aws_cloudwatch_log_group.flow_logs_accepter_log-group["this"]',
      // The accepter's tables, found in its own account.
      'aws_route.accepter_routes["rtb-0c0c0c0c0c0c00001/primary"]',
      'aws_route.accepter_routes["rtb-0c0c0c0c0c0c00002/primary"]',
    ]));
    expect(p.values('aws_route.requester_routes["rtb-0a1b2c3d4e5f60002/primary"]')).toMatchObject({ destination_cidr_block: "10.20.0.0/16" });
    expect(p.values('aws_route.accepter_routes["rtb-0c0c0c0c0c0c00001/primary"]')).toMatchObject({ destination_cidr_block: "10.1.0.0/16" });
  });

  it("refuses what the config refuses: a record type or TTL Route 53 refuses, a log group name under aws/ (one rule each, from core)", () => {
    const dir = path.join(root, "examples", "bad-inputs");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "main.tf"), [
      'provider "aws" {',
      '  region = "us-west-2"',
      "}",
      'module "peering" {',
      '  source           = "../../vpc-peering"',
      "  providers        = { aws.requester = aws, aws.accepter = aws }",
      '  name             = "bad"',
      '  requester_vpc_id = "vpc-0a1b2c3d4e5f60001"',
      '  accepter_vpc_id  = "vpc-0a1b2c3d4e5f60002"',
      '  flow_logs        = { log_group_name = "aws/flow" }',
      '  private_zone     = { name = "lab.private", records = { a = { name = "a", type = "DS", records = ["x"] }, b = { name = "b", type = "A", ttl = -1, records = ["10.0.0.1"] } } }',
      "}",
    ].join("\n"));
    expect(runTerraform(dir, ["init", "-input=false", "-backend=false"], { env, world: WORLD }).code).toBe(0);
    const r = runTerraform(dir, ["plan", "-input=false"], { env, world: WORLD });
    const text = r.stderr.replace(/\s+/g, " ");
    expect(r.code).toBe(1);
    expect(text).toContain("private_zone.records[*].type must be one of A, AAAA, CNAME, TXT, MX, SRV, CAA, PTR.");
    expect(text).toContain("private_zone.records[*].ttl must be a whole number of seconds from 0 to 2147483647.");
    expect(text).toContain("flow_logs.log_group_name must be 1 to 512 letters, digits, _ - / . or #, not starting with aws/");
  });

  it("VPCs created in the same plan: route table ids passed by the caller, keyed by position", () => {
    const p = plan("created-vpcs");
    expect(p.addresses.filter((a) => a.startsWith("aws_route."))).toEqual([
      'aws_route.accepter_routes["0/primary"]',
      'aws_route.requester_routes["0/primary"]',
      'aws_route.requester_routes["1/primary"]',
    ]);
    expect(p.addresses).not.toContain('aws_vpc_peering_connection_accepter.peering_accepter["this"]');
  });
});

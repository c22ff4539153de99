import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeModule } from "../../modules/tf-module/writer";
import { offlineTerraformEnv, offlineTerraformMissing, terraform, writeCallerRoot } from "../../testing/module-caller";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { labConfig } from "./lab-module";

// A root module that calls the generated module, validated and planned by terraform against the
// offline aws provider. Skips (saying why) where testing/offline-aws is not present.

const missing = offlineTerraformMissing();
if (missing) console.warn(`module caller: terraform checks skipped: ${missing}`);
const withTerraform = missing ? test.skip : test;

describe("a Terraform root module calling the generated module", () => {
  const work = mkdtempSync(join(tmpdir(), "module-caller-"));
  const moduleDir = join(work, "peering");
  let env: Record<string, string> = {};

  beforeAll(async () => {
    writeModule(labConfig(), { outdir: moduleDir });
    if (!missing) env = await offlineTerraformEnv();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  withTerraform("init, validate and plan succeed with the defaults", () => {
    const root = join(work, "root-defaults");
    writeCallerRoot({ moduleDir, rootDir: root, inputs: ['tags = { Environment = "test" }'] });
    const init = terraform(root, ["init", "-input=false", "-no-color"], env);
    expect(init.output).toContain("initialized");
    expect(init.code).toBe(0);
    const validate = terraform(root, ["validate", "-no-color"], env);
    expect(validate.output).toContain("The configuration is valid");
    const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
    expect(plan.code).toBe(0);
    expect(plan.output).toMatch(/module\.peering\.aws_vpc_peering_connection\.\S+ will be created/);
    expect(plan.output).toMatch(/"Environment"\s+=\s+"test"/);
  }, 300_000);

  withTerraform("a variable validation fails the plan with the module's message", () => {
    const root = join(work, "root-bad-retention");
    writeCallerRoot({ moduleDir, rootDir: root, inputs: ["flow_log_retention_in_days = 2"] });
    expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
    const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
    expect(plan.code).not.toBe(0);
    expect(plan.output).toContain("flow_log_retention_in_days must be 0 (forever) or one of");
  }, 300_000);

  test("the caller root module is written as a user would write it", () => {
    const root = join(work, "root-shape");
    writeCallerRoot({ moduleDir, rootDir: root });
    const hcl = readFileSync(join(root, "main.tf"), "utf8");
    expect(hcl).toContain(`source = "${moduleDir}"`);
    expect(hcl).toMatch(/aws\.requester = aws\n\s+aws\.accepter\s+= aws/);
  });
});

// The same generated module called with two providers in two regions: acceptance, DNS options,
// flow logs and the zone follow the providers, not the config's single region.
describe("a generated module called with providers in two regions", () => {
  const work = mkdtempSync(join(tmpdir(), "module-caller-regions-"));
  const moduleDir = join(work, "peering");
  const world = join(__dirname, "../../testing/worlds/pair-module.json");
  let env: Record<string, string> = {};

  beforeAll(async () => {
    const config = parseConfig({
      stack: "west-east",
      region: "us-west-2",
      backend: { type: "local" },
      vpcs: {
        west: { name: "api-vpc", cidr: "10.1.0.0/16", routeTables: [{ name: "api-vpc-rtb" }] },
        east: { name: "east-vpc", cidr: "10.40.0.0/16", routeTables: [{ name: "east-vpc-main" }] },
      },
      peerings: [{ name: "west-east", requester: "west", accepter: "east", allowRemoteVpcDnsResolution: true }],
      flowLogs: { logGroup: { name: "peering-flow-logs", retentionInDays: 30 }, role: { name: "peering-flow-logs", create: true } },
      privateZones: [{ name: "corp.internal", vpc: "east", additionalVpcs: ["west"] }],
    });
    writeModule(config, { outdir: moduleDir });
    if (!missing) env = { ...(await offlineTerraformEnv()), OFFLINE_AWS_WORLD: world };
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  withTerraform("the accepter resource, the accepter's own log group and the zone's regions come from aws.accepter", () => {
    const root = join(work, "root");
    writeCallerRoot({ moduleDir, rootDir: root, accepter: { region: "us-east-1" }, output: "peering_west_east_id" });
    expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
    const plan = terraform(root, ["plan", "-input=false", "-no-color", "-out=plan.bin"], env);
    expect(plan.output).not.toMatch(/Error/);
    const shown = JSON.parse(terraform(root, ["show", "-json", "plan.bin"], env).output);
    const created = new Map<string, Record<string, unknown>>(
      shown.resource_changes.filter((c: any) => c.change.actions.includes("create")).map((c: any) => [c.address.replace(/^module\.peering\./, ""), c.change.after]),
    );
    expect(created.get("aws_vpc_peering_connection.peering-west-east_connection")).toMatchObject({ auto_accept: false, peer_region: "us-east-1", peer_owner_id: "123456789012" });
    expect(created.has('aws_vpc_peering_connection_accepter.peering-west-east_accepter["accepted"]')).toBe(true);
    // One account: one role, but a log group in each region.
    expect([...created.keys()].filter((a) => a.startsWith("aws_iam_role."))).toEqual(["aws_iam_role.flow-logs_role"]);
    expect([...created.keys()].filter((a) => a.startsWith("aws_cloudwatch_log_group.")).sort()).toEqual([
      'aws_cloudwatch_log_group.flow-logs-accepter_log-group["own"]',
      "aws_cloudwatch_log_group.flow-logs_log-group",
    ]);
    expect(created.get("aws_route53_zone.zone-corp-internal_zone")).toMatchObject({
      vpc: expect.arrayContaining([
        { vpc_id: "vpc-0e0e0e0e0e0e00001", vpc_region: "us-east-1" },
        { vpc_id: "vpc-0a1b2c3d4e5f60002", vpc_region: "us-west-2" },
      ]),
    });
  }, 300_000);
});

// A config with accounts (examples/cross-account.yaml) as a module: each account is a provider
// alias the caller passes (aws.shared), pinned to the config's account id by a postcondition.
describe("a generated module of a config with accounts", () => {
  const work = mkdtempSync(join(tmpdir(), "module-caller-accounts-"));
  const moduleDir = join(work, "peering");
  let env: Record<string, string> = {};

  beforeAll(async () => {
    writeModule(loadConfig(join(__dirname, "../../examples/cross-account.yaml")), { outdir: moduleDir });
    if (!missing) env = await offlineTerraformEnv();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("declares aws.<account> beside the two sides", () => {
    const module = JSON.parse(readFileSync(join(moduleDir, "main.tf.json"), "utf8"));
    expect(module.terraform.required_providers.aws.configuration_aliases).toEqual(["aws.requester", "aws.accepter", "aws.shared"]);
  });

  withTerraform("the shared account's VPCs, accepters, zone associations and flow logs go through aws.shared; the zone's account authorizes", () => {
    const root = join(work, "root");
    writeCallerRoot({ moduleDir, rootDir: root, accounts: { shared: { roleArn: "arn:aws:iam::222222222222:role/peering-admin" } }, output: "peering_app_shared_id" });
    expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
    const plan = terraform(root, ["plan", "-input=false", "-no-color", "-out=plan.bin"], env);
    expect(plan.output).not.toMatch(/Error/);
    const shown = JSON.parse(terraform(root, ["show", "-json", "plan.bin"], env).output);
    const created = new Map<string, { after: Record<string, unknown>; provider: string }>(
      shown.resource_changes.filter((c: any) => c.change.actions.includes("create")).map((c: any) => [c.address.replace(/^module\.peering\./, ""), { after: c.change.after, provider: c.provider_name }]),
    );
    const config = (address: string) => shown.configuration.root_module.module_calls.peering.module.resources.find((r: any) => r.address === address);
    expect(created.get("aws_vpc_peering_connection.peering-app-shared_connection")?.after).toMatchObject({ peer_owner_id: "222222222222" });
    expect(config("aws_vpc_peering_connection_accepter.peering-app-shared_accepter").provider_config_key).toBe("aws.shared");
    expect(config("aws_route53_zone_association.zone-app-internal_association-shared").provider_config_key).toBe("aws.shared");
    expect(config("aws_route53_vpc_association_authorization.zone-app-internal_association-shared-authorization").provider_config_key).toBe("aws");
    expect(config("aws_flow_log.flow-logs-shared-us-west-2_flow-log-shared").provider_config_key).toBe("aws.shared");
  }, 300_000);

  withTerraform("a provider of another account passed as aws.shared stops the plan, naming the alias and the account", () => {
    const root = join(work, "root-wrong");
    writeCallerRoot({ moduleDir, rootDir: root, accounts: { shared: {} }, output: "peering_app_shared_id" });
    expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
    const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
    expect(plan.code).not.toBe(0);
    if (!/The provider passed as aws\.shared runs in account/.test(plan.output)) console.log(plan.output.slice(-2500));
    expect(plan.output.replace(/\s+/g, " ")).toMatch(/The provider passed as aws\.shared runs in account 123456789012, but accounts\.shared in the config is 222222222222/);
  }, 300_000);
});

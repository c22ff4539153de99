// The generated modules of examples/transit-gateway-cross-account.yaml and
// examples/transit-gateway-inter-region.yaml, called by a Terraform root module and planned and
// applied with the offline stand-in provider: what the plan creates and through which of the
// caller's providers, and the apply the stand-in refuses when the module is changed the wrong way
// (an attachment made before the gateway is shared with its account; a peering accepted outside
// the peer's region); and the plan stopped when the caller's aws.<account> is in another region
// than the gateway.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeModule } from "../../modules/tf-module/writer";
import { loadConfig } from "../../modules/app/config/load";
import { offlineTerraformEnv, offlineTerraformMissing, terraform, writeCallerRoot, type CallerOptions } from "../../testing/module-caller";

const missing = offlineTerraformMissing();
if (missing) console.warn(`transit gateway examples in module mode: terraform checks skipped: ${missing}`);
const withTerraform = missing ? test.skip : test;

type Json = Record<string, any>;
const EXAMPLES = join(__dirname, "../../examples");
const WORLD = join(__dirname, "../../testing/worlds/examples.json");
const WORKLOADS = { workloads: { roleArn: "arn:aws:iam::333333333333:role/network-admin" } };

describe("transit-gateway examples' generated modules through a caller, offline", () => {
  const work = mkdtempSync(join(tmpdir(), "tgw-module-examples-"));
  let env: Record<string, string> = {};
  beforeAll(async () => {
    for (const example of ["transit-gateway-cross-account", "transit-gateway-inter-region"]) writeModule(loadConfig(join(EXAMPLES, `${example}.yaml`)), { outdir: join(work, example) });
    if (!missing) env = { ...(await offlineTerraformEnv()), OFFLINE_AWS_WORLD: WORLD };
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A caller root of `moduleDir`, initialized. */
  function caller(name: string, moduleDir: string, options: Omit<CallerOptions, "moduleDir" | "rootDir">): string {
    const root = join(work, name);
    writeCallerRoot({ moduleDir, rootDir: root, ...options });
    const init = terraform(root, ["init", "-input=false", "-no-color"], env);
    if (init.code !== 0) console.log(init.output.slice(-2000));
    expect(init.code).toBe(0);
    return root;
  }

  /** A copy of a generated module with its main.tf.json changed by `edit`. */
  function editedModule(example: string, name: string, edit: (module: Json) => void): string {
    const dir = join(work, name);
    cpSync(join(work, example), dir, { recursive: true });
    const module = JSON.parse(readFileSync(join(dir, "main.tf.json"), "utf8"));
    edit(module);
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(module, null, 2));
    return dir;
  }

  /** The plan's creations and, per module resource address, the caller's provider it goes through. */
  function planned(root: string): { summary: string; created: Json[]; providerOf: (address: string) => string } {
    const plan = terraform(root, ["plan", "-input=false", "-no-color", "-out=plan.bin"], env);
    if (plan.code !== 0) console.log(plan.output.slice(-3000));
    expect(plan.code).toBe(0);
    const shown = JSON.parse(terraform(root, ["show", "-json", "plan.bin"], env).output);
    const keys = new Map<string, string>((shown.configuration.root_module.module_calls.peering.module.resources as Json[]).map((r) => [r.address, r.provider_config_key]));
    return {
      summary: /Plan: \d+ to add, \d+ to change, \d+ to destroy/.exec(plan.output)?.[0] ?? plan.output.slice(-500),
      created: (shown.resource_changes as Json[]).filter((c) => c.change.actions.includes("create")).map((c) => ({ ...c, address: c.address.replace(/^module\.peering\./, "") })),
      providerOf: (address) => keys.get(address) ?? "?",
    };
  }

  describe("transit-gateway-cross-account (the gateway on aws.requester, the app VPC's account as aws.workloads)", () => {
    const moduleDir = () => join(work, "transit-gateway-cross-account");
    const options = { accounts: WORKLOADS, output: "transit_gateway_hub_id" };

    withTerraform("plans the share, the other account's attachment and the owner's acceptance, each through its account's provider", () => {
      const { summary, created, providerOf } = planned(caller("ca-plan", moduleDir(), options));
      expect(summary).toBe("Plan: 39 to add, 0 to change, 0 to destroy");
      const of = (prefix: string) => created.filter((c) => c.name.startsWith(prefix)).map((c) => `${c.type} ${providerOf(c.address)}`).sort();
      // aws.requester is the caller's default provider ("aws"); aws.workloads its own alias.
      expect(of("tgw-hub_share")).toEqual([
        "aws_ram_principal_association aws", "aws_ram_resource_association aws", "aws_ram_resource_share aws", "aws_ram_resource_share_accepter aws.workloads",
      ]);
      expect(of("tgw-hub_attachment-app")).toEqual([
        "aws_ec2_transit_gateway_route_table_association aws", "aws_ec2_transit_gateway_route_table_propagation aws",
        "aws_ec2_transit_gateway_vpc_attachment aws.workloads", "aws_ec2_transit_gateway_vpc_attachment_accepter aws", "aws_route aws.workloads",
      ]);
      expect(of("tgw-hub_attachment-shared")).toEqual([
        "aws_ec2_transit_gateway_route_table_association aws", "aws_ec2_transit_gateway_route_table_propagation aws", "aws_ec2_transit_gateway_vpc_attachment aws", "aws_route aws",
      ]);
      expect(of("tgw-hub_gateway")).toEqual(["aws_ec2_transit_gateway aws"]);
      // The app VPC itself is the workloads account's.
      expect(providerOf("aws_vpc.vpc-app_vpc")).toBe("aws.workloads");
      expect(created.find((c) => c.type === "aws_ram_principal_association")!.change.after).toMatchObject({ principal: "333333333333" });
      expect(created.find((c) => c.type === "aws_ec2_transit_gateway_vpc_attachment_accepter")!.change.after).toMatchObject({ transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    }, 300_000);

    // Before the full apply: the stand-in remembers, process-wide, what an apply made (as AWS would).
    withTerraform("an attachment applied before the gateway is shared with its account fails, naming the fix", () => {
      const dir = editedModule("transit-gateway-cross-account", "ca-unshared", (module) => {
        delete module.resource.aws_ram_principal_association;
        delete module.resource.aws_ram_resource_share_accepter;
        module.resource.aws_ec2_transit_gateway_vpc_attachment["tgw-hub_attachment-app_attachment"].depends_on = ["aws_ram_resource_association.tgw-hub_share_resource"];
      });
      const apply = terraform(caller("ca-unshared-root", dir, options), ["apply", "-input=false", "-no-color", "-auto-approve"], env);
      expect(apply.code).not.toBe(0);
      expect(apply.output.replace(/\s+/g, " ")).toContain("InvalidTransitGatewayID.NotFound");
      expect(apply.output.replace(/\s+/g, " ")).toContain("must share it with this account through RAM");
    }, 300_000);

    withTerraform("aws.workloads in another region than the gateway's provider stops the plan, naming the alias and the region to pass", () => {
      const root = caller("ca-wrong-region", moduleDir(), { ...options, accounts: { workloads: { ...WORKLOADS.workloads, region: "us-east-1" } } });
      const plan = terraform(root, ["plan", "-input=false", "-no-color"], env);
      expect(plan.code).not.toBe(0);
      const text = plan.output.replace(/\s+/g, " ");
      if (!text.includes("The provider passed as aws.workloads runs in region")) console.log(plan.output.slice(-3000));
      expect(text).toContain("The provider passed as aws.workloads runs in region us-east-1, but transit gateway hub is in us-west-2 (the region of aws.requester, which the gateway goes through): VPC app of accounts.workloads attaches to it through aws.workloads");
      expect(text).toContain("Pass as aws.workloads a provider for account 333333333333 in region us-west-2.");
      // Nothing else is wrong: the same caller with aws.workloads in us-west-2 planned above.
      expect(text.match(/Error: /g)).toHaveLength(1);
    }, 300_000);

    withTerraform("applies: the share reaches the workloads account before its attachment, which the gateway's account accepts", () => {
      const apply = terraform(join(work, "ca-plan"), ["apply", "-input=false", "-no-color", "-auto-approve"], env);
      if (apply.code !== 0) console.log(apply.output.slice(-3000));
      expect(apply.code).toBe(0);
      expect(apply.output).toMatch(/Apply complete! Resources: 39 added/);
    }, 300_000);
  });

  describe("transit-gateway-inter-region (both gateways on aws.requester, east by its region argument)", () => {
    const moduleDir = () => join(work, "transit-gateway-inter-region");
    const options = { output: "transit_gateway_west_id" };

    withTerraform("plans the peering, its acceptance in the peer's region, associations and static routes on both sides, all through aws.requester", () => {
      const { summary, created, providerOf } = planned(caller("ir-plan", moduleDir(), options));
      // As many as the app-mode stack (54): reports' flow log, group and key in us-east-1.
      expect(summary).toBe("Plan: 54 to add, 0 to change, 0 to destroy");
      const transit = created.filter((c) => /^aws_ec2_transit_gateway/.test(c.type));
      expect(transit.length).toBe(20);
      for (const c of created) expect([c.address, providerOf(c.address)]).toEqual([c.address, "aws"]);
      const peering = created.filter((c) => c.name.startsWith("tgw-west_peering-east")).map((c) => `${c.type} ${String(c.change.after.region)}${c.change.after.destination_cidr_block ? ` ${String(c.change.after.destination_cidr_block)}` : ""}`).sort();
      expect(peering).toEqual([
        "aws_ec2_transit_gateway_peering_attachment us-west-2", "aws_ec2_transit_gateway_peering_attachment_accepter us-east-1",
        "aws_ec2_transit_gateway_route us-east-1 10.60.0.0/16", "aws_ec2_transit_gateway_route us-east-1 10.61.0.0/16", "aws_ec2_transit_gateway_route us-west-2 10.70.0.0/16",
        "aws_ec2_transit_gateway_route_table_association us-east-1", "aws_ec2_transit_gateway_route_table_association us-west-2",
      ]);
      expect(created.find((c) => c.type === "aws_ec2_transit_gateway_peering_attachment")!.change.after).toMatchObject({ peer_region: "us-east-1" });
      // Each VPC's flow log is in its VPC's region.
      const flowLogs = created.filter((c) => c.type === "aws_flow_log").map((c) => `${c.name} ${String(c.change.after.region)}`).sort();
      expect(flowLogs).toEqual(["flow-logs-requester-us-east-1_flow-log-reports us-east-1", "flow-logs_flow-log-app us-west-2", "flow-logs_flow-log-shared us-west-2"]);
    }, 300_000);

    withTerraform("the peering accepted outside the peer's region fails the apply, naming the region to use", () => {
      const dir = editedModule("transit-gateway-inter-region", "ir-wrong-region", (module) => {
        module.resource.aws_ec2_transit_gateway_peering_attachment_accepter["tgw-west_peering-east_accepter"].region = "us-west-2";
      });
      const apply = terraform(caller("ir-wrong-region-root", dir, options), ["apply", "-input=false", "-no-color", "-auto-approve"], env);
      expect(apply.code).not.toBe(0);
      expect(apply.output.replace(/\s+/g, " ")).toContain("InvalidTransitGatewayAttachmentID.NotFound");
      expect(apply.output.replace(/\s+/g, " ")).toContain("accept it in the peer's region us-east-1");
    }, 300_000);

    withTerraform("applies", () => {
      const apply = terraform(join(work, "ir-plan"), ["apply", "-input=false", "-no-color", "-auto-approve"], env);
      if (apply.code !== 0) console.log(apply.output.slice(-3000));
      expect(apply.code).toBe(0);
      expect(apply.output).toMatch(/Apply complete! Resources: 54 added/);
    }, 300_000);
  });
});

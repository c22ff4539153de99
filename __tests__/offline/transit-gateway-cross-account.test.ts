// examples/transit-gateway-cross-account.yaml through real Terraform and the stand-in: what the
// plan creates for a VPC of another account attached to a gateway (the RAM share and its
// acceptance, the attachment made by the VPC's account, the owner's acceptance, association and
// propagation), each through the right account's provider; and an apply, where the stand-in
// refuses an attachment to a gateway not yet shared with its account or accepted by the wrong one.
import * as fs from "fs";
import * as path from "path";
import { runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { initExample } from "../helpers/offline-example";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const EXAMPLE = path.join(__dirname, "../../examples/transit-gateway-cross-account.yaml");

type Change = { address: string; type: string; name: string; provider_name: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } };
type ConfigResource = { address: string; provider_config_key: string; depends_on?: string[] };

describeWithTerraform("Transit Gateway across accounts against the offline provider", () => {
  jest.setTimeout(90_000);
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir, env } = await initExample(EXAMPLE, WORLD));
  });

  it("plans the RAM share, the other account's attachment and the owner's acceptance, each through its account's provider", () => {
    const plan = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: 39 to add, 0 to change, 0 to destroy/);
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    const created = (shown.resource_changes as Change[]).filter((c) => c.change.actions.includes("create"));
    const providerOf = new Map((shown.configuration.root_module.resources as ConfigResource[]).map((r) => [r.address, r.provider_config_key]));
    const of = (prefix: string) => created.filter((c) => c.name.startsWith(prefix)).map((c) => `${c.type} ${providerOf.get(c.address) ?? "?"}`).sort();
    // The share: made by the gateway's account, accepted by the VPC's.
    expect(of("tgw-hub_share")).toEqual([
      "aws_ram_principal_association aws", "aws_ram_resource_association aws", "aws_ram_resource_share aws", "aws_ram_resource_share_accepter aws.workloads",
    ]);
    // Per cross-account attachment: the attachment (VPC's account), the acceptance, association and propagation (gateway's), the VPC route (VPC's).
    expect(of("tgw-hub_attachment-app")).toEqual([
      "aws_ec2_transit_gateway_route_table_association aws", "aws_ec2_transit_gateway_route_table_propagation aws",
      "aws_ec2_transit_gateway_vpc_attachment aws.workloads", "aws_ec2_transit_gateway_vpc_attachment_accepter aws", "aws_route aws.workloads",
    ]);
    // A same-account attachment beside it has no accepter and sets the default-table switches itself.
    expect(of("tgw-hub_attachment-shared")).toEqual([
      "aws_ec2_transit_gateway_route_table_association aws", "aws_ec2_transit_gateway_route_table_propagation aws", "aws_ec2_transit_gateway_vpc_attachment aws", "aws_route aws",
    ]);
    const share = created.find((c) => c.type === "aws_ram_resource_share")!.change.after;
    expect(share).toMatchObject({ name: "hub-tgw", allow_external_principals: true });
    expect(created.find((c) => c.type === "aws_ram_principal_association")!.change.after).toMatchObject({ principal: "333333333333" });
    const app = created.find((c) => c.name === "tgw-hub_attachment-app_attachment")!.change.after;
    expect(app.transit_gateway_default_route_table_association).toBeUndefined();
    const accepter = created.find((c) => c.type === "aws_ec2_transit_gateway_vpc_attachment_accepter")!.change.after;
    expect(accepter).toMatchObject({ transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    const attachmentConfig = (shown.configuration.root_module.resources as ConfigResource[]).find((r) => r.address === "aws_ec2_transit_gateway_vpc_attachment.tgw-hub_attachment-app_attachment")!;
    expect(attachmentConfig.depends_on).toEqual(expect.arrayContaining(["aws_ram_resource_share_accepter.tgw-hub_share_accepter-333333333333", "aws_ram_principal_association.tgw-hub_share_principal-333333333333", "aws_ram_resource_association.tgw-hub_share_resource"]));
  });

  // Before the full apply: the stand-in remembers, process-wide, what an apply made (as AWS would).
  it("fails the apply, naming the fix, when the gateway was never shared with the attaching account", async () => {
    const other = await initExample(EXAMPLE, WORLD);
    const file = path.join(other.dir, "cdk.tf.json");
    const stack = JSON.parse(fs.readFileSync(file, "utf8"));
    delete stack.resource.aws_ram_principal_association;
    delete stack.resource.aws_ram_resource_share_accepter;
    stack.resource.aws_ec2_transit_gateway_vpc_attachment["tgw-hub_attachment-app_attachment"].depends_on = ["aws_ram_resource_association.tgw-hub_share_resource"];
    fs.writeFileSync(file, JSON.stringify(stack));
    const apply = runTerraform(other.dir, ["apply", "-input=false", "-auto-approve"], { env: other.env, world: WORLD });
    expect(apply.stderr.replace(/\s+/g, " ")).toContain("InvalidTransitGatewayID.NotFound");
    expect(apply.stderr.replace(/\s+/g, " ")).toContain("must share it with this account through RAM");
  });

  it("applies: the share reaches the other account before its attachment, which the owner then accepts", () => {
    const apply = runTerraform(dir, ["apply", "-input=false", "-auto-approve"], { env, world: WORLD });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/Apply complete! Resources: 39 added/);
  });
});

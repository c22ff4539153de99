// examples/transit-gateway-inter-region.yaml through real Terraform and the stand-in: per TGW
// peering the requester's attachment, the acceptance in the peer's region, an association on each
// side and static routes both ways (peering attachments do not propagate); the VPCs route the
// other region's blocks to their own gateway. Applied, where the stand-in refuses an acceptance
// outside the peer's region and a propagation of a peering attachment.
import * as fs from "fs";
import * as path from "path";
import { runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { initExample } from "../helpers/offline-example";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const EXAMPLE = path.join(__dirname, "../../examples/transit-gateway-inter-region.yaml");

type Change = { address: string; type: string; name: string; change: { actions: string[]; after: Record<string, unknown> } };

describeWithTerraform("Transit Gateway across regions against the offline provider", () => {
  jest.setTimeout(90_000);
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir, env } = await initExample(EXAMPLE, WORLD));
  });

  it("plans the peering, its acceptance in the peer's region, associations and static routes on both sides", () => {
    const plan = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: 54 to add, 0 to change, 0 to destroy/);
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    const created = (shown.resource_changes as Change[]).filter((c) => c.change.actions.includes("create"));
    const peering = created.filter((c) => c.name.startsWith("tgw-west_peering-east")).map((c) => `${c.type} ${String(c.change.after.region)}${c.change.after.destination_cidr_block ? ` ${String(c.change.after.destination_cidr_block)}` : ""}`).sort();
    expect(peering).toEqual([
      "aws_ec2_transit_gateway_peering_attachment us-west-2", "aws_ec2_transit_gateway_peering_attachment_accepter us-east-1",
      "aws_ec2_transit_gateway_route us-east-1 10.60.0.0/16", "aws_ec2_transit_gateway_route us-east-1 10.61.0.0/16", "aws_ec2_transit_gateway_route us-west-2 10.70.0.0/16",
      "aws_ec2_transit_gateway_route_table_association us-east-1", "aws_ec2_transit_gateway_route_table_association us-west-2",
    ]);
    expect(created.find((c) => c.type === "aws_ec2_transit_gateway_peering_attachment")!.change.after).toMatchObject({ peer_region: "us-east-1" });
    const vpcRoutes = created.filter((c) => c.type === "aws_route" && c.name.startsWith("tgw-")).map((c) => `${c.name.split("_")[1]} ${String(c.change.after.region)} ${String(c.change.after.destination_cidr_block)}`).sort();
    expect(vpcRoutes).toEqual([
      "attachment-app us-west-2 10.61.0.0/16", "attachment-app us-west-2 10.70.0.0/16",
      "attachment-reports us-east-1 10.60.0.0/16", "attachment-reports us-east-1 10.61.0.0/16",
      "attachment-shared us-west-2 10.60.0.0/16", "attachment-shared us-west-2 10.70.0.0/16",
    ]);
  });

  it("fails the apply when the peering is accepted outside the peer's region, naming the region to use", async () => {
    const other = await initExample(EXAMPLE, WORLD);
    const file = path.join(other.dir, "cdk.tf.json");
    const stack = JSON.parse(fs.readFileSync(file, "utf8"));
    stack.resource.aws_ec2_transit_gateway_peering_attachment_accepter["tgw-west_peering-east_accepter"].region = "us-west-2";
    fs.writeFileSync(file, JSON.stringify(stack));
    const apply = runTerraform(other.dir, ["apply", "-input=false", "-auto-approve"], { env: other.env, world: WORLD });
    expect(apply.stderr.replace(/\s+/g, " ")).toContain("InvalidTransitGatewayAttachmentID.NotFound");
    expect(apply.stderr.replace(/\s+/g, " ")).toContain("accept it in the peer's region us-east-1");
  });

  it("applies", () => {
    const apply = runTerraform(dir, ["apply", "-input=false", "-auto-approve"], { env, world: WORLD });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/Apply complete! Resources: 54 added/);
  });
});

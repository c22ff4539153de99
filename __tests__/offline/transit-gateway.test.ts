// examples/transit-gateway.yaml through real Terraform and the stand-in: what the plan creates for
// the gateway and for each attachment (read from the plan, as a reviewer would), and the
// plan-time checks on an attachment's subnets (one per zone, in the attached VPC).
import * as path from "path";
import { runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { initExample } from "../helpers/offline-example";
import { worldVariant } from "../../testing/offline-aws/worlds";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const EXAMPLE = path.join(__dirname, "../../examples/transit-gateway.yaml");

type Change = { type: string; name: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } };

describeWithTerraform("Transit Gateway against the offline provider", () => {
  jest.setTimeout(60_000);
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir, env } = await initExample(EXAMPLE, WORLD));
  });

  it("plans the example: the gateway with its own tables, per attachment what is created, VPC routes through the gateway", () => {
    const plan = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: 21 to add, 0 to change, 0 to destroy/);
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    const created = (shown.resource_changes as Change[]).filter((c) => c.change.actions.includes("create"));
    const of = (prefix: string) => created.filter((c) => c.name.startsWith(prefix)).map((c) => c.type).sort();
    // Per attachment: the attachment, its association, one propagation per table it propagates to, and its VPC routes.
    expect(of("tgw-core_attachment-prod")).toEqual(["aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation", "aws_ec2_transit_gateway_vpc_attachment", "aws_route"]);
    expect(of("tgw-core_attachment-shared")).toEqual(["aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation", "aws_ec2_transit_gateway_vpc_attachment", "aws_route", "aws_route"]);
    const gateway = created.find((c) => c.type === "aws_ec2_transit_gateway")!.change.after;
    expect(gateway).toMatchObject({ amazon_side_asn: 64600, default_route_table_association: "disable", default_route_table_propagation: "disable" });
    const prod = created.find((c) => c.name === "tgw-core_attachment-prod_attachment")!.change.after;
    expect(prod).toMatchObject({ vpc_id: "vpc-0e0e0e0e0e0e00031", subnet_ids: ["subnet-0a1b2c3d4e5310031", "subnet-0a1b2c3d4e5311031"], transit_gateway_default_route_table_association: false });
    const blackholes = created.filter((c) => c.type === "aws_ec2_transit_gateway_route").map((c) => [c.change.after.destination_cidr_block, c.change.after.blackhole]);
    expect(blackholes.sort()).toEqual([["10.31.0.0/16", true], ["10.32.0.0/16", true]]);
    const routes = created.filter((c) => c.type === "aws_route").map((c) => [c.change.after.route_table_id, c.change.after.destination_cidr_block, c.change.after_unknown.transit_gateway_id === true ? "tgw" : c.change.after_unknown.vpc_peering_connection_id === true ? "peering" : "?"]).sort();
    expect(routes).toEqual([
      ["rtb-0e0e0e0e0e0e00030", "10.31.0.0/16", "tgw"], ["rtb-0e0e0e0e0e0e00030", "10.32.0.0/16", "tgw"],
      ["rtb-0e0e0e0e0e0e00031", "10.30.0.0/16", "tgw"], ["rtb-0e0e0e0e0e0e00031", "10.33.0.0/16", "peering"],
      ["rtb-0e0e0e0e0e0e00032", "10.30.0.0/16", "tgw"], ["rtb-0e0e0e0e0e0e00033", "10.31.0.0/16", "peering"],
    ]);
  });

  it("fails the plan when an attachment's two subnets are in one zone, naming them and the fix", () => {
    const broken = worldVariant(WORLD, (w) => {
      for (const s of w.subnets ?? []) if (s.tags?.Name === "tgw-dev-tgw-b") s.availability_zone = "us-west-2a";
    });
    const plan = runTerraform(dir, ["plan", "-input=false"], { env, world: broken });
    expect(plan.stderr.replace(/\s+/g, " ")).toContain("The subnets of dev's attachment to transit gateway core (tgw-dev-tgw-a, tgw-dev-tgw-b) are in us-west-2a, us-west-2a: an attachment takes one subnet per availability zone; list one subnet of each zone.");
  });
});

// examples/endpoints.yaml through real Terraform and the stand-in: what the plan creates for each
// endpoint (read from the plan, as a reviewer would), the prefix list the gateway service routes
// to, and the plan-time check that an interface endpoint's subnets are in different zones.
import * as path from "path";
import { runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { initExample } from "../helpers/offline-example";
import { worldVariant } from "../../testing/offline-aws/worlds";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const EXAMPLE = path.join(__dirname, "../../examples/endpoints.yaml");

describeWithTerraform("VPC endpoints against the offline provider", () => {
  jest.setTimeout(60_000);
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir, env } = await initExample(EXAMPLE, WORLD));
  });

  it("plans the example: per endpoint, what is created, and the S3 prefix list read by name", () => {
    const plan = runTerraform(dir, ["plan", "-input=false", "-out=plan.bin"], { env, world: WORLD });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/Plan: 24 to add, 0 to change, 0 to destroy/);
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env, world: WORLD }).stdout);
    const created = (shown.resource_changes as { type: string; name: string; change: { actions: string[]; after: Record<string, unknown> } }[]).filter((c) => c.change.actions.includes("create"));
    const of = (prefix: string) => created.filter((c) => c.name.startsWith(prefix)).map((c) => c.type).sort();
    expect(of("endpoint-shared-s3")).toEqual(["aws_vpc_endpoint", "aws_vpc_endpoint_route_table_association"]);
    expect(of("endpoint-app-s3")).toEqual(["aws_vpc_endpoint", "aws_vpc_endpoint_route_table_association"]);
    expect(of("endpoint-shared-ssm")).toEqual(["aws_route53_record", "aws_route53_zone", "aws_security_group", "aws_vpc_endpoint", ...Array(3).fill("aws_vpc_security_group_ingress_rule")]);
    const ssm = created.find((c) => c.name === "endpoint-shared-ssm_endpoint")!.change.after;
    expect(ssm).toMatchObject({ service_name: "com.amazonaws.us-west-2.ssm", vpc_endpoint_type: "Interface", private_dns_enabled: false, subnet_ids: ["subnet-0a1b2c3d4e5f60020", "subnet-0a1b2c3d4e5f60021"] });
    const zone = created.find((c) => c.name === "endpoint-shared-ssm_zone_zone")!.change.after as { name: string; vpc: { vpc_id: string }[] };
    expect(zone.name).toBe("ssm.us-west-2.amazonaws.com");
    expect(zone.vpc.map((v) => v.vpc_id).sort()).toEqual(["vpc-0e0e0e0e0e0e00020", "vpc-0e0e0e0e0e0e00021", "vpc-0e0e0e0e0e0e00022"]);
    const s3 = created.find((c) => c.name === "endpoint-shared-s3_endpoint")!.change.after;
    expect(JSON.parse(String(s3.policy)).Statement[0].Resource).toEqual(["arn:aws:s3:::shared-artifacts", "arn:aws:s3:::shared-artifacts/*"]);
    const prefixList = (shown.prior_state.values.root_module.resources as { address: string; values: { name: string; id: string } }[]).find((r) => r.address === "data.aws_prefix_list.endpoint-shared-s3_prefix-list")!;
    expect(prefixList.values.name).toBe("com.amazonaws.us-west-2.s3");
    expect(prefixList.values.id).toMatch(/^pl-[0-9a-f]{8}$/);
  });

  it("fails the plan when an interface endpoint's two subnets are in one availability zone, naming them and the fix", () => {
    const oneZone = worldVariant(WORLD, (w) => {
      for (const s of w.subnets ?? []) if (s.tags?.Name === "shared-endpoints-b") s.availability_zone = "us-west-2a";
    });
    const plan = runTerraform(dir, ["plan", "-input=false"], { env, world: oneZone });
    expect(plan.stderr.replace(/\s+/g, " ")).toContain("The subnets of the ssm endpoint in shared (shared-endpoints-a, shared-endpoints-b) are in us-west-2a, us-west-2a: an interface endpoint takes one subnet per availability zone; list one subnet of each zone.");
  });
});

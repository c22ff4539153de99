import { parseConfig } from "../../modules/app/config/load";
import { allBlocks, labConfig, moduleJsonFor } from "./lab-module";

describe("module mode: the synthesized module", () => {
  const json = moduleJsonFor(labConfig());

  test("has no backend, no cloud block and no provider blocks", () => {
    expect(json.terraform.backend).toBeUndefined();
    expect(json.terraform.cloud).toBeUndefined();
    expect(json.provider).toBeUndefined();
    expect(JSON.stringify(json["//"])).not.toMatch(/backend/);
  });

  test("declares the aws provider with the two caller aliases", () => {
    expect(json.terraform.required_providers.aws).toEqual({
      source: "hashicorp/aws",
      version: expect.stringMatching(/^>= 6\./),
      configuration_aliases: ["aws.requester", "aws.accepter"],
    });
  });

  test("every resource and data source names an aliased provider (none falls back to a default aws)", () => {
    const blocks = allBlocks(json);
    expect(blocks.length).toBeGreaterThan(10);
    for (const { type, body } of blocks) {
      expect([type, body.provider]).toEqual([type, expect.stringMatching(/^aws\.(requester|accepter)$/)]);
    }
    const vpcs = json.data.aws_vpc;
    const providerOf = (name: string) => Object.values<any>(vpcs).find((v) => JSON.stringify(v.filter).includes(`vpc_${name}_name`)).provider;
    expect(providerOf("api")).toBe("aws.requester");
    expect(providerOf("web")).toBe("aws.accepter");
  });

  test("variables have stable names, types, descriptions, defaults from the config", () => {
    const vars = json.variable;
    expect(Object.keys(vars).sort()).toEqual([
      "flow_log_group_name",
      "flow_log_retention_in_days",
      "flow_log_role_name",
      "flow_log_traffic_type",
      "peering_api_web_pc_accepter_dns_resolution",
      "peering_api_web_pc_name",
      "peering_api_web_pc_requester_dns_resolution",
      "record_api_elb_lab_private_cname_ttl",
      "tags",
      "vpc_api_name",
      "vpc_api_route_table_names",
      "vpc_web_name",
      "vpc_web_route_table_names",
    ]);
    for (const [name, v] of Object.entries<any>(vars)) {
      expect([name, typeof v.type, typeof v.description, "default" in v]).toEqual([name, "string", "string", true]);
      expect(v.description.length).toBeGreaterThan(10);
    }
    expect(vars.tags).toMatchObject({ type: "map(string)", default: { Project: "vpc-peering-lab", ManagedBy: "terraform" } });
    expect(vars.flow_log_retention_in_days).toMatchObject({ type: "number", default: 30 });
    expect(vars.record_api_elb_lab_private_cname_ttl).toMatchObject({ type: "number", default: 300 });
    expect(vars.peering_api_web_pc_requester_dns_resolution).toMatchObject({ type: "bool", default: true });
    expect(vars.vpc_web_route_table_names).toMatchObject({ type: "list(string)", default: ["web-vpc-rtb"] });
  });

  test("validation blocks check what Terraform can check", () => {
    const conditions = (name: string) => json.variable[name].validation.map((v: any) => v.condition).join(" ");
    expect(conditions("flow_log_retention_in_days")).toMatch(/^\$\{contains\(\[0, 1, 3, 5, 7, 14, 30,.*var\.flow_log_retention_in_days\)\}$/);
    expect(conditions("record_api_elb_lab_private_cname_ttl")).toContain("<= 2147483647");
    expect(conditions("vpc_web_route_table_names")).toContain("length(var.vpc_web_route_table_names) == 1");
    expect(conditions("flow_log_traffic_type")).toContain('contains(["ALL", "ACCEPT", "REJECT"]');
    for (const v of Object.values<any>(json.variable)) {
      for (const check of v.validation) expect(check.error_message).toMatch(/\.$/);
    }
  });

  test("variables flow into the resources instead of literals", () => {
    const text = JSON.stringify(json);
    const peering = Object.values<any>(json.resource.aws_vpc_peering_connection)[0];
    expect(peering.tags).toBe('${merge(var.tags, {"Name" = var.peering_api_web_pc_name})}');
    const group = Object.values<any>(json.resource.aws_cloudwatch_log_group)[0];
    expect(group).toMatchObject({ name: "${var.flow_log_group_name}", retention_in_days: "${var.flow_log_retention_in_days}" });
    expect(Object.values<any>(json.resource.aws_route53_record)[0].ttl).toBe("${var.record_api_elb_lab_private_cname_ttl}");
    expect(text).toContain("${element(var.vpc_api_route_table_names, 0)}");
    expect(Object.values<any>(json.resource.aws_vpc_peering_connection)[0].requester).toEqual({
      allow_remote_vpc_dns_resolution: "${var.peering_api_web_pc_requester_dns_resolution}",
    });
    // Every declared variable is used somewhere.
    for (const name of Object.keys(json.variable)) expect([name, text.includes(`var.${name}`)]).toEqual([name, true]);
  });

  test("outputs keep their root-stack names and all have descriptions", () => {
    const outputs = Object.entries<any>(json.output);
    expect(outputs.map(([n]) => n)).toEqual(expect.arrayContaining(["vpc_web_id", "vpc_api_id", "peering_api_web_pc_id", "flow_log_group_arn"]));
    for (const [name, o] of outputs) expect([name, typeof o.description]).toEqual([name, "string"]);
  });

  test("a config that looks things up by id gets id variables with id validation", () => {
    const config = parseConfig({
      stack: "ids",
      region: "us-west-2",
      backend: { type: "local" },
      vpcs: {
        a: { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", routeTables: ["rtb-0aa", { name: "a-private" }] },
        b: { id: "vpc-0e0f0a0b", cidr: "10.1.0.0/16", routeTables: [{ id: "rtb-0bb" }] },
      },
      peerings: [{ name: "a-b", requester: "a", accepter: "b" }],
    });
    const ids = moduleJsonFor(config);
    expect(ids.variable.vpc_a_id).toMatchObject({ default: "vpc-0a1b2c3d", validation: [expect.objectContaining({ condition: expect.stringContaining("^vpc-") })] });
    expect(ids.variable.vpc_a_route_table_ids.default).toEqual(["rtb-0aa"]);
    expect(ids.variable.vpc_a_route_table_names.default).toEqual(["a-private"]);
    expect(ids.variable.vpc_b_route_table_ids.validation.map((v: any) => v.condition).join(" ")).toContain("^rtb-");
    expect(ids.variable.flow_log_group_name).toBeUndefined();
    // Routes are keyed by the config's route table keys, not by variable tokens.
    expect(Object.keys(ids.resource.aws_route).join(" ")).toMatch(/rtb-0aa/);
    expect(Object.keys(ids.resource.aws_route).join(" ")).not.toMatch(/TfToken|TOKEN/);
  });

  test("the root stack stays free of variables (module mode is opt-in)", () => {
    const { Testing } = require("cdktf");
    const { PeeringStack } = require("../../modules/app/peering-stack");
    const root = JSON.parse(Testing.synth(new PeeringStack(Testing.app(), "lab", labConfig())));
    expect(root.variable).toBeUndefined();
    expect(root.provider.aws).toBeDefined();
    expect(root.terraform.backend.s3).toBeDefined();
  });
});

import { loadConfig, parseConfig } from "../../modules/app/config/load";
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
    const providerOf = (name: string) => Object.values<any>(vpcs).find((v) => JSON.stringify(v.filter).includes(`var.vpc_names.${name}`)).provider;
    expect(providerOf("api")).toBe("aws.requester");
    expect(providerOf("web")).toBe("aws.accepter");
  });

  test("variables are named by role, with types, descriptions and defaults from the config", () => {
    const vars = json.variable;
    expect(Object.keys(vars).sort()).toEqual([
      "dns_resolution",
      "flow_log_group_name",
      "flow_log_retention_in_days",
      "flow_log_role_name",
      "flow_log_traffic_type",
      "peering_names",
      "record_ttls",
      "route_table_names",
      "tags",
      "vpc_names",
    ]);
    for (const [name, v] of Object.entries<any>(vars)) {
      expect([name, typeof v.type, typeof v.description, "default" in v]).toEqual([name, "string", "string", true]);
      expect(v.description.length).toBeGreaterThan(10);
    }
    expect(vars.tags).toMatchObject({ type: "map(string)", default: { Project: "vpc-peering-lab", ManagedBy: "terraform" } });
    expect(vars.flow_log_retention_in_days).toMatchObject({ type: "number", default: 30 });
    expect(vars.record_ttls).toMatchObject({ type: "map(number)", default: { "api.elb.lab.private CNAME": 300 } });
    expect(vars.dns_resolution).toMatchObject({ type: "map(object({ requester = bool, accepter = bool }))", default: { "api-web-pc": { requester: true, accepter: true } } });
    expect(vars.route_table_names).toMatchObject({ type: "map(list(string))", default: { web: ["web-vpc-rtb"], api: ["api-vpc-rtb"] } });
    expect(vars.vpc_names).toMatchObject({ type: "map(string)", default: { web: "web-vpc", api: "api-vpc" } });
  });

  test("adding a VPC and a peering to the config adds map keys, not variables", () => {
    const config = labConfig();
    const bigger = parseConfig({
      ...JSON.parse(JSON.stringify(config)),
      vpcs: { ...config.vpcs, db: { name: "db-vpc", cidr: "10.2.0.0/16", routeTables: [{ name: "db-vpc-rtb" }] } },
      peerings: [...config.peerings, { name: "db-api", requester: "db", accepter: "api" }],
    });
    const more = moduleJsonFor(bigger);
    expect(Object.keys(more.variable).sort()).toEqual(Object.keys(json.variable).sort());
    expect(Object.keys(more.variable.vpc_names.default).sort()).toEqual(["api", "db", "web"]);
    expect(Object.keys(more.variable.dns_resolution.default).sort()).toEqual(["api-web-pc", "db-api"]);
  });

  test("validation blocks check what Terraform can check", () => {
    const conditions = (name: string) => json.variable[name].validation.map((v: any) => v.condition).join(" ");
    expect(conditions("flow_log_retention_in_days")).toMatch(/^\$\{contains\(\[0, 1, 3, 5, 7, 14, 30,.*var\.flow_log_retention_in_days\)\}$/);
    expect(conditions("record_ttls")).toContain("<= 2147483647");
    expect(conditions("route_table_names")).toContain('for k, n in { "web" = 1, "api" = 1 } : length(lookup(var.route_table_names, k, [])) == n');
    expect(conditions("vpc_names")).toContain('contains(keys(var.vpc_names), k)');
    expect(conditions("flow_log_traffic_type")).toContain('contains(["ALL", "ACCEPT", "REJECT"]');
    for (const v of Object.values<any>(json.variable)) {
      for (const check of v.validation) expect(check.error_message).toMatch(/\.$/);
    }
  });

  test("variables flow into the resources instead of literals", () => {
    const text = JSON.stringify(json);
    const peering = Object.values<any>(json.resource.aws_vpc_peering_connection)[0];
    expect(peering.tags).toBe('${merge(var.tags, {"Name" = var.peering_names["api-web-pc"]})}');
    const group = Object.values<any>(json.resource.aws_cloudwatch_log_group)[0];
    expect(group).toMatchObject({ name: "${var.flow_log_group_name}", retention_in_days: "${var.flow_log_retention_in_days}" });
    expect(Object.values<any>(json.resource.aws_route53_record)[0].ttl).toBe('${var.record_ttls["api.elb.lab.private CNAME"]}');
    expect(text).toContain("${element(var.route_table_names.api, 0)}");
    expect(json.resource.aws_vpc_peering_connection_options["peering-api-web-pc_requester-options"].requester).toEqual({
      allow_remote_vpc_dns_resolution: '${var.dns_resolution["api-web-pc"].requester}',
    });
    // Every declared variable is used somewhere.
    for (const name of Object.keys(json.variable)) expect([name, text.includes(`var.${name}`)]).toEqual([name, true]);
  });

  test("acceptance and DNS options are decided from the caller's providers at plan time", () => {
    const connection = json.resource.aws_vpc_peering_connection["peering-api-web-pc_connection"];
    expect(connection.auto_accept).toMatch(/account_id == .*account_id\) && \(.*region == .*region/);
    expect(connection.peer_owner_id).toBe("${data.aws_caller_identity.peering-api-web-pc_accepter-account.account_id}");
    expect(connection.requester).toBeUndefined();
    const accepter = json.resource.aws_vpc_peering_connection_accepter["peering-api-web-pc_accepter"];
    expect(accepter).toMatchObject({ provider: "aws.accepter", for_each: expect.stringContaining('? [] : ["accepted"]') });
    expect(json.resource.aws_vpc_peering_connection_options["peering-api-web-pc_accepter-options"].provider).toBe("aws.accepter");
  });

  test("postconditions tell module users which variable to change", () => {
    const message = json.data.aws_vpc["vpc-web_vpc"].lifecycle.postcondition[0].error_message;
    expect(message).toContain('pass the right VPC in vpc_names["web"]');
    expect(message).not.toMatch(/correct vpcs\.web\.cidr/);
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
        a: { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", routeTables: ["rtb-0aaf0000", { name: "a-private" }] },
        b: { id: "vpc-0e0f0a0b", cidr: "10.1.0.0/16", routeTables: [{ id: "rtb-0bbf0000" }] },
      },
      peerings: [{ name: "a-b", requester: "a", accepter: "b" }],
    });
    const ids = moduleJsonFor(config);
    expect(ids.variable.vpc_ids).toMatchObject({ default: { a: "vpc-0a1b2c3d", b: "vpc-0e0f0a0b" } });
    expect(ids.variable.vpc_ids.validation.map((v: any) => v.condition).join(" ")).toContain("^vpc-");
    expect(ids.variable.route_table_ids.default).toEqual({ a: ["rtb-0aaf0000"], b: ["rtb-0bbf0000"] });
    expect(ids.variable.route_table_names.default).toEqual({ a: ["a-private"] });
    expect(ids.variable.route_table_ids.validation.map((v: any) => v.condition).join(" ")).toContain("^rtb-");
    expect(ids.variable.flow_log_group_name).toBeUndefined();
    // Routes are keyed by the config's route table keys, not by variable tokens.
    expect(Object.keys(ids.resource.aws_route).join(" ")).toMatch(/rtb-0aaf0000/);
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

// shareWhenColocated in module mode: the accepter side's group, key, role and role policy exist
// or not through onlyWhen (key "own"), and each accepter flow log that may use the requester's
// role waits for its policy.
describe("module mode: the accepter side's flow-log destination", () => {
  const json = moduleJsonFor(loadConfig("examples/hub-and-spoke.yaml"));
  const own = (condition: string) => `\${!${condition} ? toset(["own"]) : toset([])}`;

  test("its group, key, role and policy get one instance \"own\" unless shared", () => {
    const sameAccount = "(data.aws_caller_identity.flow-logs-requester-account.account_id == data.aws_caller_identity.flow-logs-accepter-account.account_id)";
    const colocated = `(${sameAccount} && (data.aws_region.flow-logs-requester-region.region == data.aws_region.flow-logs-accepter-region.region))`;
    expect(json.resource.aws_cloudwatch_log_group["flow-logs-accepter_log-group"].for_each).toBe(own(colocated));
    expect(json.resource.aws_kms_key["flow-logs-accepter_log-group-key"].for_each).toBe(own(colocated));
    expect(json.resource.aws_iam_role["flow-logs-accepter_role"].for_each).toBe(own(sameAccount));
    expect(json.resource.aws_iam_role_policy["flow-logs-accepter_role-policy"].for_each).toBe(own(sameAccount));
  });

  test("every accepter flow log falls back to the requester's group and role, and waits for both sides' role policies", () => {
    const logs = Object.entries<any>(json.resource.aws_flow_log).filter(([, l]) => l.provider === "aws.accepter");
    expect(logs.map(([name]) => name).sort()).toEqual(["flow-logs-accepter_flow-log-b", "flow-logs-accepter_flow-log-c"]);
    for (const [, log] of logs) {
      expect(log.log_destination).toBe("${coalesce(one([for r in aws_cloudwatch_log_group.flow-logs-accepter_log-group : r.arn]), aws_cloudwatch_log_group.flow-logs_log-group.arn)}");
      expect(log.iam_role_arn).toBe("${coalesce(one([for r in aws_iam_role.flow-logs-accepter_role : r.arn]), aws_iam_role.flow-logs_role.arn)}");
      expect(log.depends_on).toEqual(["aws_iam_role_policy.flow-logs-accepter_role-policy", "aws_iam_role_policy.flow-logs_role-policy"]);
    }
  });

  test("the requester's role, which the accepter's flow logs use in one account whatever the regions, trusts and writes in any region", () => {
    const role = json.resource.aws_iam_role["flow-logs_role"];
    expect(role.assume_role_policy).toContain(":ec2:*:${data.aws_caller_identity.flow-logs_account.account_id}:vpc-flow-log/*");
    expect(json.resource.aws_iam_role_policy["flow-logs_role-policy"].policy).toContain(":logs:*:${data.aws_caller_identity.flow-logs_account.account_id}:log-group:${var.flow_log_group_name}:*");
  });
});

// DNS query logging (issue 20 item 17, CKV2_AWS_39): Route 53 Resolver query logging of the
// VPCs, from the config and from the construct, with the same rules on both paths.
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { withoutCreationStacks } from "../../modules/app/creation-stacks";
import { buildStacks } from "../../modules/app/stacks";
import { ResolverQueryLogging } from "../../modules/constructs/dns/query-logging";
import { ModuleStack } from "../../modules/tf-module/module-stack";

const ROOT = join(__dirname, "..", "..");

function synthExample(file: string) {
  const app = Testing.app();
  withoutCreationStacks(() => buildStacks(app as App, loadConfig(join(ROOT, file))));
  const stack = app.node.children.find((c): c is TerraformStack => TerraformStack.isStack(c))!;
  return JSON.parse(Testing.synth(stack));
}

describe("DNS query logging", () => {
  it("logs both VPCs of examples/private-dns-records.yaml into a KMS-encrypted group kept a year", () => {
    const json = synthExample("examples/private-dns-records.yaml");
    const [[configName, config]] = Object.entries<any>(json.resource.aws_route53_resolver_query_log_config);
    const [[groupName, group]] = Object.entries<any>(json.resource.aws_cloudwatch_log_group).filter(([, g]) => g.name === "/route53-resolver/private-dns");
    expect(config).toMatchObject({ name: "private-dns-dns-queries", destination_arn: `\${aws_cloudwatch_log_group.${groupName}.arn}` });
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
    const associations = Object.values<any>(json.resource.aws_route53_resolver_query_log_config_association);
    expect(associations.map((a) => a.resource_id).sort()).toEqual(["${data.aws_vpc.vpc-db_vpc.id}", "${data.aws_vpc.vpc-web_vpc.id}"]);
    for (const a of associations) expect(a.resolver_query_log_config_id).toBe(`\${aws_route53_resolver_query_log_config.${configName}.id}`);
  });

  it("the construct refuses what the config path refuses, every problem at once", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(() => new ResolverQueryLogging(stack, "q", { name: "1234", logGroupName: "aws/queries", retentionInDays: 10, vpcs: {} })).toThrow(
      /name: must be 1 to 64 letters[\s\S]*logGroupName: may not start with "aws\/"[\s\S]*retentionInDays: must be one of 1, 3[\s\S]*vpcs: lists no VPC/,
    );
  });

  it("createKmsKey: false leaves the group on CloudWatch Logs' own encryption", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new ResolverQueryLogging(stack, "q", { name: "dns", logGroupName: "dns", createKmsKey: false, vpcs: { a: "vpc-0123456789abcdef0" } });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(Object.values<any>(json.resource.aws_cloudwatch_log_group)[0].kms_key_id).toBeUndefined();
  });

  it("module mode refuses it with the field and the way out", () => {
    const config = loadConfig(join(ROOT, "examples/private-dns-records.yaml"));
    expect(() => new ModuleStack(Testing.app(), "m", config)).toThrow(/dnsQueryLogs: a generated module does not log DNS queries yet/);
  });
});

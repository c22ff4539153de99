// onlyWhen: existence decided at plan time for a subtree, with every reference rewritten in one
// place. Synthesized here, and planned with real Terraform (stand-in provider) both ways.
import * as fs from "fs";
import * as path from "path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Fn, Op, TerraformIterator, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { onlyWhen, rewriteConditionedReferences } from "../../modules/constructs/plan-time-condition";
import { ReadableAddressStack } from "../../modules/constructs/readable-address-stack";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

/** A stack with a `logs_on` variable: a key and a group under the condition, references from outside it. */
function build(stack: TerraformStack): void {
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const on = new TerraformVariable(stack, "logs_on", { type: "bool", default: true });
  const logs = new Construct(stack, "logs");
  onlyWhen(logs, Op.eq(on.value, true));
  const key = new KmsKey(logs, "key", { description: "logs" });
  // A reference from inside the same condition.
  const group = new CloudwatchLogGroup(logs, "group", { name: "flow-logs", kmsKeyId: key.arn });
  new DataAwsVpc(logs, "vpc", { id: "vpc-0a1b2c3d4e5f60001" });
  // Created under the scope after onlyWhen: conditioned too.
  const late = new SsmParameter(logs, "late", { name: "/late", type: "String", value: "x" });
  // References from outside, in an argument (inside a template) and in outputs.
  new SsmParameter(stack, "arn", { name: "/arn", type: "String", value: Fn.coalesce([group.arn, "none"]) });
  new TerraformOutput(stack, "group_arn", { value: group.arn });
  new TerraformOutput(stack, "late_name", { value: `name:${Fn.coalesce([late.name, "-"])}` });
}

function synthJson(): Json {
  const app = Testing.app();
  const stack = new ReadableAddressStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

describe("onlyWhen", () => {
  const json = synthJson();

  it("gives each resource and data source under the scope one instance (\"this\") or none, and none outside", () => {
    const condition = '${(var.logs_on == true) ? toset(["this"]) : toset([])}';
    expect(json.resource.aws_kms_key.logs_key.for_each).toBe(condition);
    expect(json.resource.aws_cloudwatch_log_group.logs_group.for_each).toBe(condition);
    expect(json.resource.aws_ssm_parameter.logs_late.for_each).toBe(condition);
    expect(json.data.aws_vpc.logs_vpc.for_each).toBe(condition);
    expect(json.resource.aws_ssm_parameter.arn.for_each).toBeUndefined();
  });

  it("rewrites references inside the condition, from outside it and in outputs to the one instance's attribute", () => {
    expect(json.resource.aws_cloudwatch_log_group.logs_group.kms_key_id).toBe("${one([for r in aws_kms_key.logs_key : r.arn])}");
    expect(json.resource.aws_ssm_parameter.arn.value).toBe('${coalesce(one([for r in aws_cloudwatch_log_group.logs_group : r.arn]), "none")}');
    const outputs = (json as unknown as { output: Record<string, { value: string }> }).output;
    expect(outputs.group_arn.value).toBe("${one([for r in aws_cloudwatch_log_group.logs_group : r.arn])}");
    expect(outputs.late_name.value).toBe('name:${coalesce(one([for r in aws_ssm_parameter.logs_late : r.name]), "-")}');
  });

  it("combines nested conditions with && and names the instance by the innermost key; an element's own for_each is filtered, its references kept", () => {
    const out = JSON.parse(Testing.synthScope((scope) => {
      const outer = new Construct(scope, "outer");
      const flag = new TerraformVariable(scope, "flag", { type: "bool" });
      onlyWhen(outer, flag.value);
      const inner = new Construct(outer, "inner");
      onlyWhen(inner, Op.not(flag.value), { key: "own" });
      new KmsKey(inner, "key", {});
      const zones = TerraformIterator.fromMap({ a: "a.internal", b: "b.internal" });
      const zone = new Route53Zone(outer, "zones", { forEach: zones, name: zones.value });
      new TerraformOutput(scope, "zone", { value: Fn.lookup(zone.fqn, "a", null) });
      // A resource is a scope of its own: one element can carry a further condition.
      const single = new KmsKey(outer, "single", {});
      onlyWhen(single, new TerraformVariable(scope, "also", { type: "bool" }).value, { key: "one" });
      // Literal conditions fold.
      const always = new Construct(scope, "always");
      onlyWhen(always, true);
      new KmsKey(always, "key", {});
    })) as Json;
    const keys = Object.values(out.resource.aws_kms_key);
    expect(keys.map((k) => k.for_each).sort()).toEqual([
      '${(var.flag && !var.flag) ? toset(["own"]) : toset([])}',
      '${(var.flag && var.also) ? toset(["one"]) : toset([])}',
      '${true ? toset(["this"]) : toset([])}',
    ]);
    const zone = Object.values(out.resource.aws_route53_zone)[0];
    expect(zone.for_each).toMatch(/^\$\{\{ for k, v in \{"a":"a\.internal","b":"b\.internal"\} : k => v if var\.flag \}\}$/);
    expect(JSON.stringify(out)).not.toContain("one([for r in aws_route53_zone");
  });

  it("rewrites nested attribute paths and data sources, and leaves instances, whole-resource uses and other addresses alone", () => {
    const out = JSON.parse(Testing.synthScope((scope) => {
      const c = new Construct(scope, "c");
      onlyWhen(c, Token.asAny("${var.on}"));
      const options = new VpcPeeringConnectionOptions(c, "options", { vpcPeeringConnectionId: "pcx-1", requester: { allowRemoteVpcDnsResolution: true } });
      const vpc = new DataAwsVpc(c, "vpc", { id: "vpc-1" });
      new TerraformOutput(scope, "dns", { value: options.requester.allowRemoteVpcDnsResolution });
      new TerraformOutput(scope, "cidr", { value: vpc.cidrBlock });
      new TerraformOutput(scope, "outside", { value: new DataAwsVpc(scope, "vpc2", { id: "vpc-2" }).cidrBlock });
    })) as { output: Record<string, { value: string }> };
    expect(out.output.dns.value).toMatch(/^\$\{one\(\[for r in aws_vpc_peering_connection_options\.\S+ : r\.requester\[0\]\.allow_remote_vpc_dns_resolution\]\)\}$/);
    expect(out.output.cidr.value).toMatch(/^\$\{one\(\[for r in data\.aws_vpc\.\S+ : r\.cidr_block\]\)\}$/);
    expect(out.output.outside.value).toMatch(/^\$\{data\.aws_vpc\.\S+\.cidr_block\}$/);

    const a = ["aws_kms_key.k", "data.aws_vpc.v"];
    expect(rewriteConditionedReferences('${aws_kms_key.k.tags["Name"]} ${aws_kms_key.k.x[0].y}', a)).toBe('${one([for r in aws_kms_key.k : r.tags["Name"]])} ${one([for r in aws_kms_key.k : r.x[0].y])}');
    for (const kept of ['${aws_kms_key.k["this"].arn}', "${aws_kms_key.k}", "${one([for r in aws_kms_key.k : r.arn])}", "${aws_kms_key.k2.arn}", "${aws_vpc.v.id}", "${data.aws_vpc.vv.id}", "aws_kms_key.k.arn"]) {
      expect(rewriteConditionedReferences(kept, a)).toBe(kept);
    }
  });

  it("with movedFromUnkeyed, moves each conditioned resource (not data source) from its unkeyed address to its key", () => {
    const app = Testing.app();
    const stack = new ReadableAddressStack(app, "moved");
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    const on = new TerraformVariable(stack, "on", { type: "bool", default: true });
    const scope = new Construct(stack, "regional");
    onlyWhen(scope, Op.eq(on.value, true), { key: "own", movedFromUnkeyed: true });
    new KmsKey(scope, "key", { description: "logs" });
    new DataAwsVpc(scope, "vpc", { id: "vpc-0a1b2c3d4e5f60001" });
    const plain = new Construct(stack, "plain");
    onlyWhen(plain, Op.eq(on.value, true));
    new SsmParameter(plain, "p", { name: "/p", type: "String", value: "x" });
    const out = JSON.parse(Testing.synth(stack)) as { moved?: { from: string; to: string }[] };
    expect(out.moved).toEqual([{ from: "aws_kms_key.regional_key", to: 'aws_kms_key.regional_key["own"]' }]);
  });
});

describeWithTerraform("onlyWhen, planned with Terraform", () => {
  jest.setTimeout(120_000);
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform()).env;
    dir = tempStackDir("only-when");
    const json = synthJson() as unknown as { terraform: { backend?: unknown } };
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
  });

  const plan = (on: boolean) => {
    const r = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin", `-var=logs_on=${on}`], { env });
    expect(r.stderr).toBe("");
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env }).stdout) as { resource_changes: { address: string; change: { after: Record<string, unknown> } }[] };
    return shown.resource_changes;
  };

  it("creates the conditioned resources with their references when the condition holds", () => {
    const changes = plan(true);
    expect(changes.map((c) => c.address).sort()).toEqual([
      "aws_ssm_parameter.arn",
      'aws_cloudwatch_log_group.logs_group["this"]',
      'aws_kms_key.logs_key["this"]',
      'aws_ssm_parameter.logs_late["this"]',
    ].sort());
  });

  it("creates none of them, and their references are null, when it does not", () => {
    const changes = plan(false);
    expect(changes.map((c) => c.address)).toEqual(["aws_ssm_parameter.arn"]);
    expect(changes[0].change.after.value).toBe("none");
  });
});

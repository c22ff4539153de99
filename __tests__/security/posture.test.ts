// Security posture of everything the project synthesizes: the lab (with its state stack) and
// every example. Each rule is written here from the documented meaning of a Checkov check (the
// ids name which); none of Checkov's code is used. A finding not listed in KNOWN fails the test,
// so a new resource cannot slip in insecure; a KNOWN entry that no longer appears fails too, so
// the list shrinks as defaults become secure (issue 20 item 17 is where that work is tracked).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { withoutCreationStacks } from "../../modules/app/creation-stacks";
import { buildStacks } from "../../modules/app/stacks";

type Resources = Record<string, Record<string, Record<string, any>>>;

const ROOT = join(__dirname, "..", "..");
// mesh-50 is left out: the same resources as mesh-10, five times the synth time.
const CONFIGS = [
  join(ROOT, "config", "lab.yaml"),
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml") && f !== "mesh-50.yaml")
    .map((f) => join(ROOT, "examples", f)),
];

/** Every stack a config synthesizes (the state stack too), as Terraform JSON resources. */
function stacksOf(configFile: string): Array<{ name: string; resources: Resources }> {
  const app = Testing.app();
  withoutCreationStacks(() => buildStacks(app as App, loadConfig(configFile)));
  return app.node.children
    .filter((c): c is TerraformStack => TerraformStack.isStack(c))
    .map((stack) => ({
      name: stack.node.id,
      resources: JSON.parse(Testing.synth(stack)).resource ?? {},
    }));
}

/** Whether a Terraform JSON value refers to `<type>.<name>` (e.g. `${aws_vpc.web_vpc.id}`). */
const refersTo = (value: unknown, type: string, name: string) => typeof value === "string" && value.includes(`${type}.${name}.`);
const each = (resources: Resources, type: string) => Object.entries(resources[type] ?? {});

/** The `type` resources that no `companion` resource (one whose `field` refers to it, and that passes `ok`) goes with. */
function withoutCompanion(r: Resources, type: string, companion: string, field: string, ok: (c: Record<string, any>) => boolean = () => true): string[] {
  return each(r, type)
    .filter(([n]) => !each(r, companion).some(([, c]) => refersTo(c[field], type, n) && ok(c)))
    .map(([n]) => `${type}.${n}`);
}

interface Rule {
  readonly id: string;
  readonly what: string;
  /** The addresses (`type.name`) that break the rule. */
  readonly findings: (resources: Resources) => string[];
}

const RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_158",
    what: "a CloudWatch Logs group is encrypted with a customer-managed KMS key",
    findings: (r) =>
      each(r, "aws_cloudwatch_log_group")
        .filter(([, g]) => !g.kms_key_id)
        .map(([n]) => `aws_cloudwatch_log_group.${n}`),
  },
  {
    id: "CKV_AWS_338",
    what: "a CloudWatch Logs group keeps its events at least a year (0 or unset: never expire)",
    findings: (r) =>
      each(r, "aws_cloudwatch_log_group")
        .filter(([, g]) => typeof g.retention_in_days === "number" && g.retention_in_days > 0 && g.retention_in_days < 365)
        .map(([n]) => `aws_cloudwatch_log_group.${n}`),
  },
  {
    id: "CKV2_AWS_11",
    what: "a VPC the stack creates has a flow log",
    findings: (r) => withoutCompanion(r, "aws_vpc", "aws_flow_log", "vpc_id"),
  },
  {
    id: "CKV2_AWS_12",
    what: "a VPC the stack creates has its default security group emptied of rules",
    findings: (r) => withoutCompanion(r, "aws_vpc", "aws_default_security_group", "vpc_id", (g) => !(g.ingress?.length > 0) && !(g.egress?.length > 0)),
  },
  {
    id: "CKV_AWS_145",
    what: "an S3 bucket is encrypted by default with KMS",
    findings: (r) => withoutCompanion(r, "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "bucket", (e) => JSON.stringify(e.rule ?? "").includes('"sse_algorithm":"aws:kms')),
  },
  {
    id: "CKV_AWS_18",
    what: "an S3 bucket has server access logging",
    findings: (r) => withoutCompanion(r, "aws_s3_bucket", "aws_s3_bucket_logging", "bucket"),
  },
];

function findingsOf(configFile: string): string[] {
  const config = configFile.slice(ROOT.length + 1);
  return stacksOf(configFile).flatMap(({ name, resources }) => RULES.flatMap((rule) => rule.findings(resources).map((address) => `${config} ${name} ${rule.id} ${address}`)));
}

// What the defaults leave today, each line `<config> <stack> <check> <address>`: log groups
// without a KMS key and kept 30 days, the state bucket on SSE-S3 without access logs, and the
// examples' created VPCs without flow logs or with the default security group's rules.
const KNOWN: readonly string[] = [
  "config/lab.yaml lab CKV_AWS_158 aws_cloudwatch_log_group.flow-logs_log-group",
  "config/lab.yaml lab CKV_AWS_338 aws_cloudwatch_log_group.flow-logs_log-group",
  "config/lab.yaml state CKV_AWS_145 aws_s3_bucket.state-bucket_bucket",
  "config/lab.yaml state CKV_AWS_18 aws_s3_bucket.state-bucket_bucket",
  "examples/cross-account.yaml cross-account CKV2_AWS_12 aws_vpc.vpc-app_vpc",
  "examples/cross-account.yaml cross-account CKV2_AWS_12 aws_vpc.vpc-shared-dr_vpc",
  "examples/cross-account.yaml cross-account CKV2_AWS_12 aws_vpc.vpc-shared_vpc",
  "examples/cross-account.yaml cross-account CKV_AWS_158 aws_cloudwatch_log_group.flow-logs-shared-us-east-1_log-group",
  "examples/cross-account.yaml cross-account CKV_AWS_158 aws_cloudwatch_log_group.flow-logs-shared-us-west-2_log-group",
  "examples/cross-account.yaml cross-account CKV_AWS_158 aws_cloudwatch_log_group.flow-logs_log-group",
  "examples/cross-account.yaml cross-account CKV_AWS_338 aws_cloudwatch_log_group.flow-logs-shared-us-east-1_log-group",
  "examples/cross-account.yaml cross-account CKV_AWS_338 aws_cloudwatch_log_group.flow-logs-shared-us-west-2_log-group",
  "examples/cross-account.yaml cross-account CKV_AWS_338 aws_cloudwatch_log_group.flow-logs_log-group",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_11 aws_vpc.vpc-a_vpc",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_11 aws_vpc.vpc-b_vpc",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_11 aws_vpc.vpc-c_vpc",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_12 aws_vpc.vpc-a_vpc",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_12 aws_vpc.vpc-b_vpc",
  "examples/hub-and-spoke.yaml hub-and-spoke CKV2_AWS_12 aws_vpc.vpc-c_vpc",
  "examples/inter-region.yaml inter-region CKV2_AWS_11 aws_vpc.vpc-ireland_vpc",
  "examples/inter-region.yaml inter-region CKV2_AWS_11 aws_vpc.vpc-oregon_vpc",
  "examples/inter-region.yaml inter-region CKV2_AWS_12 aws_vpc.vpc-ireland_vpc",
  "examples/inter-region.yaml inter-region CKV2_AWS_12 aws_vpc.vpc-oregon_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc01_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc02_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc03_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc04_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc05_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc06_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc07_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc08_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc09_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_11 aws_vpc.vpc-vpc10_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc01_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc02_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc03_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc04_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc05_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc06_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc07_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc08_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc09_vpc",
  "examples/mesh-10.yaml mesh-10 CKV2_AWS_12 aws_vpc.vpc-vpc10_vpc",
];

describe("security posture of every synthesized config", () => {
  const found = CONFIGS.flatMap(findingsOf).sort();

  it("finds nothing beyond the known findings", () => {
    expect(found.filter((f) => !KNOWN.includes(f))).toEqual([]);
  });

  it("lists no known finding that is gone (remove it from KNOWN)", () => {
    expect(KNOWN.filter((f) => !found.includes(f))).toEqual([]);
  });
});

// Security posture of everything the project synthesizes: the lab (with its state stack) and
// every example. Each rule is written here from the documented meaning of a Checkov check (the
// ids name which); none of Checkov's code is used. A finding not listed in OPTED_OUT fails the
// test, so a new resource cannot slip in insecure; an OPTED_OUT entry that no longer appears fails
// too.
import { readdirSync, readFileSync } from "node:fs";
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

/** Whether the bucket at `address` is the target of another bucket's server access logs. */
const receivesAccessLogs = (r: Resources, address: string) => {
  const name = address.slice("aws_s3_bucket.".length);
  return each(r, "aws_s3_bucket_logging").some(([, l]) => refersTo(l.target_bucket, "aws_s3_bucket", name));
};

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
    what: "an S3 bucket is encrypted by default with KMS (not a bucket that receives server access logs: S3 log delivery writes only to SSE-S3 targets)",
    findings: (r) => withoutCompanion(r, "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "bucket", (e) => JSON.stringify(e.rule ?? "").includes('"sse_algorithm":"aws:kms')).filter((a) => !receivesAccessLogs(r, a)),
  },
  {
    id: "CKV_AWS_18",
    what: "an S3 bucket has server access logging (not a bucket that receives them: it would log its own deliveries without end)",
    findings: (r) => withoutCompanion(r, "aws_s3_bucket", "aws_s3_bucket_logging", "bucket").filter((a) => !receivesAccessLogs(r, a)),
  },
];

function findingsOf(configFile: string): string[] {
  const config = configFile.slice(ROOT.length + 1);
  return stacksOf(configFile).flatMap(({ name, resources }) => RULES.flatMap((rule) => rule.findings(resources).map((address) => `${config} ${name} ${rule.id} ${address}`)));
}

// Every default is secure: what remains is an opt-out a config states on purpose, each listed
// with the config line that opts out (the test checks the line is there). The lab keeps the
// seed's plain flow-log group: a month of records, CloudWatch Logs' own encryption.
const OPTED_OUT: Readonly<Record<string, string>> = {
  "config/lab.yaml lab CKV_AWS_158 aws_cloudwatch_log_group.flow-logs_log-group": "createKmsKey: false",
  "config/lab.yaml lab CKV_AWS_338 aws_cloudwatch_log_group.flow-logs_log-group": "retentionInDays: 30",
};

describe("security posture of every synthesized config", () => {
  const found = CONFIGS.flatMap(findingsOf).sort();

  it("finds nothing the defaults or a stated opt-out do not explain", () => {
    expect(found.filter((f) => !(f in OPTED_OUT))).toEqual([]);
  });

  it("lists no opt-out that is gone, and each is written in its config", () => {
    expect(Object.keys(OPTED_OUT).filter((f) => !found.includes(f))).toEqual([]);
    for (const [finding, line] of Object.entries(OPTED_OUT)) {
      expect(readFileSync(join(ROOT, finding.split(" ")[0]), "utf8")).toContain(line);
    }
  });
});

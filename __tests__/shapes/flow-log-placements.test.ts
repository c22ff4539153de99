// Flow logs where their VPCs are (examples/cross-account.yaml, examples/flow-logs-s3.yaml): a group
// per account and region, one role per account shared across its regions, and for a central S3
// bucket the policy statements its owner must add.
import { join } from "node:path";
import { loadConfig } from "../../modules/app/config/load";
import { synthStack } from "../helpers/lab";

const synth = (file: string) => JSON.parse(synthStack(loadConfig(join(__dirname, "../../examples", file))));

describe("flow logs in every account and region", () => {
  const json = synth("cross-account.yaml");
  const logs = Object.values<any>(json.resource.aws_flow_log);

  it("logs each VPC through its account's provider and region, into that placement's group", () => {
    const where = logs.map((l) => `${l.provider ?? "default"} ${l.region ?? "us-west-2"} ${l.log_destination}`).sort();
    expect(where).toEqual([
      "aws.shared us-east-1 ${aws_cloudwatch_log_group.flow-logs-shared-us-east-1_log-group.arn}",
      "aws.shared us-west-2 ${aws_cloudwatch_log_group.flow-logs-shared-us-west-2_log-group.arn}",
      "default us-west-2 ${aws_cloudwatch_log_group.flow-logs_log-group.arn}",
    ]);
  });

  it("creates one role per account; the shared account's trusts and writes to both its regions", () => {
    expect(Object.keys(json.resource.aws_iam_role).sort()).toEqual(["flow-logs-shared-us-west-2_role", "flow-logs_role"]);
    const shared = json.resource.aws_iam_role["flow-logs-shared-us-west-2_role"];
    expect(shared.assume_role_policy).toContain(":ec2:*:");
    const policy = json.resource.aws_iam_role_policy["flow-logs-shared-us-west-2_role-policy"].policy;
    expect(policy).toContain(":logs:*:");
    expect(logs.filter((l) => l.provider === "aws.shared").map((l) => l.iam_role_arn)).toEqual([
      "${aws_iam_role.flow-logs-shared-us-west-2_role.arn}",
      "${aws_iam_role.flow-logs-shared-us-west-2_role.arn}",
    ]);
  });

  it("prints the bucket policy statements a central S3 bucket needs, for every logging account", () => {
    const s3 = synth("flow-logs-s3.yaml");
    const statements = s3.output.flow_log_bucket_policy_statements.value as string;
    expect(statements).toContain('"Principal" = {"Service" = "delivery.logs.amazonaws.com"}');
    expect(statements).toContain('"Resource" = "arn:aws:s3:::central-flow-logs/vpc-peering/AWSLogs/*"');
    expect(statements).toContain('"aws:SourceAccount" = [data.aws_caller_identity.flow-logs-bucket-account.account_id]');
  });
});

// PrivateHostedZone.addRecordsFrom: records from a map known only at plan time (a module's
// variable), keyed by the caller's keys, TTL defaulting to core's. Synthesized, then planned with
// real Terraform (stand-in provider).
import * as fs from "fs";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PrivateHostedZone } from "../../modules/constructs/dns/private-zone";
import { DEFAULT_RECORD_TTL } from "../../modules/core/limits";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

function synthJson(): Record<string, Record<string, Record<string, Record<string, unknown>>>> {
  const stack = new TerraformStack(Testing.app(), "zone");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const records = new TerraformVariable(stack, "records", { type: "map(object({ name = string, type = string, ttl = optional(number), records = list(string) }))" });
  const zone = new PrivateHostedZone(stack, "dns", { zoneName: "lab.private", vpc: { vpcId: "vpc-0a1b2c3d4e5f60001", region: "us-west-2" } });
  zone.addRecordsFrom("records", records.value);
  return JSON.parse(Testing.synth(stack));
}

describe("PrivateHostedZone.addRecordsFrom", () => {
  it("writes one record resource over the map, in the zone, with the default TTL from core", () => {
    const record = Object.values(synthJson().resource.aws_route53_record)[0];
    expect(record).toMatchObject({
      for_each: "${var.records}",
      name: "${each.value.name}",
      type: "${each.value.type}",
      ttl: `\${coalesce(each.value.ttl, ${DEFAULT_RECORD_TTL})}`,
      records: "${each.value.records}",
    });
    expect(record.zone_id).toMatch(/^\$\{aws_route53_zone\.\S+\.zone_id\}$/);
  });
});

describeWithTerraform("PrivateHostedZone.addRecordsFrom, planned with Terraform", () => {
  jest.setTimeout(120_000);

  it("plans a record per key, with its TTL or the default", async () => {
    const env = (await prepareOfflineTerraform()).env;
    const dir = tempStackDir("records-from");
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(synthJson()));
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const records = '-var=records={api={name="api",type="CNAME",records=["internal-api.elb.amazonaws.com"]},db={name="db.lab.private",type="A",ttl=60,records=["10.0.0.10"]}}';
    const planned = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin", records], { env });
    expect(planned.stderr).toBe("");
    const shown = JSON.parse(runTerraform(dir, ["show", "-json", "plan.bin"], { env }).stdout) as { resource_changes: { address: string; change: { after: Record<string, unknown> } }[] };
    const after = Object.fromEntries(shown.resource_changes.filter((c) => c.address.startsWith("aws_route53_record.")).map((c) => [c.address.replace(/^[^[]+/, ""), c.change.after]));
    expect(Object.keys(after).sort()).toEqual(['["api"]', '["db"]']);
    expect(after['["api"]']).toMatchObject({ name: "api", type: "CNAME", ttl: DEFAULT_RECORD_TTL, records: ["internal-api.elb.amazonaws.com"] });
    expect(after['["db"]']).toMatchObject({ name: "db.lab.private", type: "A", ttl: 60 });
  });
});

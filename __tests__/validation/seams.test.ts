import "cdktf/lib/testing/adapters/jest";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { parseConfig } from "../../modules/app/config/load";
import type { TopologyInput } from "../../modules/app/config/schema";
import { ConfigError, formatProblem } from "../../modules/core/problems";
import { config, synthConfig } from "../shapes/helpers";

// The seams between config, model and JSON: names that collide after sanitising, reserved stack
// names, JavaScript member names as keys, two zones of one name. Each is a config error naming the
// field (or works), never a stack trace from synth.

const vpc = (cidr: string, name: string) => ({ name, cidr, routeTables: [`${name}-rtb`] });

function errors(input: TopologyInput): string[] {
  try {
    parseConfig(input);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map(formatProblem);
  }
}

describe("config seams", () => {
  it("reports VPC keys that become one output name (a-b and a_b), naming both", () => {
    const found = errors(config({ vpcs: { "a-b": vpc("10.0.0.0/16", "x"), a_b: vpc("10.1.0.0/16", "y") }, peerings: [{ name: "p", requester: "a-b", accepter: "a_b" }] }));
    expect(found).toContainEqual(expect.stringMatching(/^vpcs\.a_b: becomes the output "vpc_a_b_id", like vpcs\.a-b/));
  });

  it("reports peering names that become one output name", () => {
    const found = errors(config({
      vpcs: { a: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b"), c: vpc("10.2.0.0/16", "c") },
      peerings: [{ name: "a.b", requester: "a", accepter: "b" }, { name: "a/b", requester: "a", accepter: "c" }],
    }));
    expect(found).toContainEqual(expect.stringMatching(/^peerings\[1\]\.name: becomes the output "peering_a_b_id", like peerings\[0\]\.name/));
  });

  it("refuses the stack name of the state bucket's stack when the app adds that stack", () => {
    const base = { vpcs: { a: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b") }, peerings: [{ name: "p", requester: "a", accepter: "b" }] };
    expect(errors(config({ ...base, stack: "state", backend: { type: "s3", bucket: "tf-state-bucket", key: "k", region: "us-west-2" } }))).toEqual([
      'stack: "state" is the name of the stack that creates the S3 state bucket: pick another stack name',
    ]);
    expect(errors(config({ ...base, stack: "state", backend: { type: "local" } }))).toEqual([]);
    expect(errors(config({ ...base, stack: "a/../../etc" }))[0]).toMatch(/^stack: must start with a letter/);
    expect(errors(config({ ...base, stack: `s${"x".repeat(64)}` }))[0]).toMatch(/^stack: is longer than 64 characters/);
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"])("refuses %s as a VPC key and reports it as an unknown reference, never crashes", (word) => {
    const asKey = errors(config({ vpcs: { [word]: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b") }, peerings: [{ name: "p", requester: word, accepter: "b" }] }));
    if (word !== "__proto__") expect(asKey.join("\n")).toMatch(/VPC keys may not be JavaScript object member names/);
    expect(asKey.length).toBeGreaterThan(0);
    const asReference = errors(config({ vpcs: { a: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b") }, peerings: [{ name: "p", requester: word, accepter: "b" }], accounts: {} }));
    expect(asReference).toContainEqual(`peerings[0].requester: unknown VPC key "${word}": use one of a, b`);
  });

  it("lists every valid backend type for an unknown one", () => {
    const found = errors(config({ vpcs: { a: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b") }, peerings: [{ name: "p", requester: "a", accepter: "b" }], backend: { type: "gcs" } as never }));
    expect(found).toEqual(["backend.type: type must be one of s3, cloud, local"]);
  });

  it("synthesizes two private zones of one name on different VPCs (split horizon), each with its own outputs", () => {
    const out = synthConfig(config({
      vpcs: { a: vpc("10.0.0.0/16", "a"), b: vpc("10.1.0.0/16", "b") },
      peerings: [{ name: "p", requester: "a", accepter: "b" }],
      privateZones: [
        { name: "corp.internal", vpc: "a", records: [{ name: "db", type: "CNAME", target: { value: "db-a.example" } }] },
        { name: "corp.internal", vpc: "b", records: [{ name: "db", type: "CNAME", target: { value: "db-b.example" } }] },
      ],
    }));
    const json = JSON.parse(out);
    expect(Object.keys(json.resource.aws_route53_zone)).toHaveLength(2);
    expect(out).toHaveResourceWithProperties(Route53Zone, { name: "corp.internal" });
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(["private_zone_corp_internal_a_id", "private_zone_corp_internal_b_id", "record_db_corp_internal_a_cname_fqdn", "record_db_corp_internal_b_cname_fqdn"]));
  });
});

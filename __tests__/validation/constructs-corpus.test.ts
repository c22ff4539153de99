// The invalid-config corpus through the construct API: each config the schema accepts but
// cross-field validation refuses is built with PeeringStack (the constructs, no config
// validation) and synthesized. Where the constructs can express the mistake they refuse it, with
// the message config validation gives (the field path aside: constructs name their own).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { topologySchema } from "../../modules/app/config/schema";
import { PeeringStack } from "../../modules/app/peering-stack";

const dir = join(__dirname, "invalid-configs");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const expected = (text: string) =>
  text.split("\n").filter((l) => l.startsWith("# expect: ")).map((l) => l.slice("# expect: ".length).trim());

function throughConstructs(file: string): { schemaOnly: boolean; message?: string } {
  const parsed = topologySchema.safeParse(parse(readFileSync(join(dir, file), "utf8")));
  if (!parsed.success) return { schemaOnly: true };
  try {
    Testing.synth(new PeeringStack(Testing.app(), parsed.data.stack, parsed.data));
    return { schemaOnly: false };
  } catch (err) {
    return { schemaOnly: false, message: (err as Error).message };
  }
}

const results = files.map((f) => ({ file: f, expect: expected(readFileSync(join(dir, f), "utf8")), ...throughConstructs(f) }));
// The message after the field path ("vpcs.web.cidr: ..."), which the constructs word the same way.
const text = (line: string) => line.slice(line.indexOf(": ") + 2);
const refusedAlike = results.filter((r) => !r.schemaOnly && r.message !== undefined && r.expect.some((e) => r.message!.includes(text(e))));

it("refuses the corpus's cross-field mistakes that constructs can express, in the config's words", () => {
  // VPC blocks (CreatedVpc/ExistingVpc/ExternalVpc), overlapping peers, self-peering and the
  // peering quota (PeeringChecks), port ranges and repeats (PeerSecurityRules), failover pairs (PrivateHostedZone).
  expect(refusedAlike.map((r) => r.file)).toEqual(expect.arrayContaining([
    "overlap-ipv6.yaml", "overlap-primary.yaml", "overlap-secondary.yaml", "peer-with-itself.yaml", "peerings-above-125.yaml",
    "secondary-other-rfc1918.yaml", "security-port-out-of-range.yaml", "vpc-block-link-local.yaml", "vpc-block-whole-internet.yaml",
    "vpc-ipv6-block-size.yaml", "vpc-ipv6-block-whole-internet.yaml", "record-failover-two-primaries.yaml",
  ]));
  // The same rules with paths inside the message (a second peering of a pair, a second route to
  // one destination, the route quota): refused, naming constructs where the config names fields.
  const refused = results.filter((r) => r.message !== undefined).map((r) => r.file);
  expect(refused).toEqual(expect.arrayContaining(["same-pair-twice.yaml", "route-same-destination-twice.yaml", "route-quota.yaml", "mesh-route-quota.yaml", "mesh-spokes-same-cidr.yaml", "security-port-twice.yaml"]));
});

// Constructs refuse what the config path refuses, in the same words (one rule in core/ serves
// both), without anything added by hand: a library user cannot synthesize what a config may not.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcPeering } from "../../modules/constructs/routing/vpc-peering";
import { CreatedVpc } from "../../modules/constructs/vpc/created-vpc";
import { ExistingVpc } from "../../modules/constructs/vpc/existing-vpc";
import { ExternalVpc } from "../../modules/constructs/vpc/external-vpc";
import { QUOTA_CONTEXT } from "../../modules/constructs/checks/peering-checks";
import { FlowLogDestination } from "../../modules/constructs/flow-logs/destination";
import { FlowLogs } from "../../modules/constructs/flow-logs/flow-logs";
import { thrownMessage } from "../helpers/errors";

const stack = () => {
  const s = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(s, "aws", { region: "us-west-2" });
  return s;
};
const existing = (s: TerraformStack, key: string, cidr: string) => ExistingVpc.fromLookup(s, `vpc-${key}`, { key, name: `${key}-vpc`, cidrBlocks: [cidr], routeTables: [`${key}-rtb`] });

describe("VPC constructs refuse blocks AWS refuses", () => {
  it("CreatedVpc: host bits, every problem at once, the prop named", () => {
    const message = thrownMessage(() => new CreatedVpc(stack(), "web", { key: "web", cidrBlocks: ["10.0.0.1/16", "192.168.0.0/20", "10.0.0.0/8"] }));
    expect(message).toContain("CreatedVpc lib/web: 2 problems in its props");
    expect(message).toContain('cidrBlocks[0]: "10.0.0.1/16" has host bits set: the network address is 10.0.0.0/16');
    expect(message).toContain("cidrBlocks[2]: 10.0.0.0/8 cannot be a VPC block");
  });

  it("ExistingVpc (lookup and attributes) and ExternalVpc: the same rule, and routeTo inside the blocks", () => {
    expect(thrownMessage(() => ExistingVpc.fromLookup(stack(), "a", { key: "a", name: "a", cidrBlocks: ["10.1.0.0/33"], routeTables: ["r"] }))).toMatch(/cidrBlocks\[0\]: "10\.1\.0\.0\/33" is not a CIDR block/);
    expect(thrownMessage(() => ExistingVpc.fromAttributes(stack(), "b", { key: "b", vpcId: "vpc-0123abcd", cidrBlocks: [], routeTableIds: ["rtb-0123abcd"] }))).toMatch(/cidrBlocks: must list the VPC's primary IPv4 block/);
    expect(thrownMessage(() => ExistingVpc.fromLookup(stack(), "c", { key: "c", name: "c", cidrBlocks: ["10.2.0.0/16"], routeTables: ["r"], routeTo: { include: ["10.3.0.0/24"] } }))).toMatch(/routeTo\.include\[0\]: 10\.3\.0\.0\/24 is not inside any block of the VPC/);
    expect(thrownMessage(() => new ExternalVpc(stack(), "d", { key: "d", vpcId: "vpc-0123abcd", accountId: "123456789012", cidrBlocks: ["0.0.0.0/0"] }))).toMatch(/cidrBlocks\[0\]: 0\.0\.0\.0\/0 cannot be a VPC block/);
  });

  it("accepts blocks only known at plan time (module variables) and leaves them to Terraform", () => {
    const s = stack();
    const cidr = new TerraformVariable(s, "cidr", { type: "string" }).stringValue;
    expect(() => ExistingVpc.fromLookup(s, "v", { key: "v", name: "v", cidrBlocks: [cidr], routeTables: ["r"] })).not.toThrow();
  });
});

it("PeerSecurityRules refuses a port listed twice (it crashed on a construct id clash)", () => {
  const s = stack();
  const web = ExistingVpc.fromLookup(s, "web", { key: "web", name: "web", cidrBlocks: ["10.0.0.0/16"], routeTables: ["r"], securityGroupIds: ["sg-0123abcd"] });
  const api = ExistingVpc.fromLookup(s, "api", { key: "api", name: "api", cidrBlocks: ["10.1.0.0/16"], routeTables: ["r"], securityGroupIds: ["sg-0456abcd"] });
  expect(thrownMessage(() => new VpcPeering(s, "p", { name: "p", requester: web, accepter: api, securityRules: { ports: ["tcp/443", "tcp/443"] } }))).toMatch(
    /PeerSecurityRules lib\/p\/security: 1 problem in its props\n {2}ports\[1\]: "tcp\/443" opens what ports\[0\] \("tcp\/443"\) opens already: remove one/,
  );
});

it("flow logs: an S3 destination S3 refuses and fields AWS does not log are refused at the call", () => {
  expect(thrownMessage(() => FlowLogDestination.toS3("arn:aws:s3:::flow..logs", { keyPrefix: "AWSLogs" }))).toMatch(
    /FlowLogDestination\.toS3: 2 problems in its props\n {2}bucketArn: may not contain "\.\." .*\n {2}keyPrefix: "AWSLogs" starts with AWSLogs/,
  );
  const s = stack();
  expect(thrownMessage(() => new FlowLogs(s, "logs", { vpcs: { web: "vpc-0123abcd" }, destination: FlowLogDestination.toS3("arn:aws:s3:::flow-logs"), logFormat: "${version} ${srcadr}" }))).toMatch(
    /logFormat: \$\{srcadr\} is not a flow-log field: did you mean \$\{srcaddr\}\?/,
  );
});

describe("cross-peering checks attach themselves: Testing.synth and app.synth fail", () => {
  it("overlapping peers, a self-peering and a second peering of a pair", () => {
    const s = stack();
    const web = existing(s, "web", "10.0.0.0/16");
    const api = existing(s, "api", "10.0.0.0/20");
    const db = existing(s, "db", "10.2.0.0/16");
    new VpcPeering(s, "overlap", { name: "overlap", requester: web, accepter: api });
    new VpcPeering(s, "self", { name: "self", requester: db, accepter: db });
    new VpcPeering(s, "one", { name: "one", requester: web, accepter: db });
    new VpcPeering(s, "again", { name: "again", requester: db, accepter: web });
    const message = thrownMessage(() => Testing.synth(s));
    expect(message).toContain("peerings of stack lib: 3 problems in its props");
    expect(message).toMatch(/lib\/overlap\/connection: web \(10\.0\.0\.0\/16\) and api \(10\.0\.0\.0\/20\) overlap: AWS cannot peer VPCs with overlapping CIDR blocks/);
    expect(message).toMatch(/lib\/self\/connection: a VPC cannot be peered with itself/);
    expect(message).toMatch(/lib\/again\/connection: peers db and web again \(already lib\/one\)/);
    expect(() => Testing.app().synth()).not.toThrow();
  });

  it("two lookups of one Name tag (same account and region) are one VPC, as in the config: a second peering of the pair is refused", () => {
    const s = stack();
    const web = existing(s, "web", "10.0.0.0/16");
    const api = existing(s, "api", "10.1.0.0/16");
    const apiAgain = ExistingVpc.fromLookup(s, "vpc-api-again", { key: "api2", name: "api-vpc", cidrBlocks: ["10.1.0.0/16"], routeTables: ["api-rtb"] });
    new VpcPeering(s, "one", { name: "one", requester: web, accepter: api });
    new VpcPeering(s, "two", { name: "two", requester: web, accepter: apiAgain });
    expect(thrownMessage(() => Testing.synth(s))).toMatch(/lib\/two\/connection: peers web and api2 again \(already lib\/one\)/);
  });

  it("the route quota comes from the stack's context", () => {
    const s = new TerraformStack(Testing.app({ context: { [QUOTA_CONTEXT.routesPerRouteTable]: 1 } }), "lib");
    new AwsProvider(s, "aws", { region: "us-west-2" });
    const hub = existing(s, "hub", "10.0.0.0/16");
    new VpcPeering(s, "a", { name: "a", requester: hub, accepter: existing(s, "a", "10.1.0.0/16") });
    new VpcPeering(s, "b", { name: "b", requester: hub, accepter: existing(s, "b", "10.2.0.0/16") });
    expect(thrownMessage(() => Testing.synth(s))).toMatch(/would get 2 peering routes, more than the route quota of 1 .* set the context key vpc-peering:routesPerRouteTable/);
  });

  it("a clean topology synthesizes", () => {
    const s = stack();
    new VpcPeering(s, "a", { name: "a", requester: existing(s, "web", "10.0.0.0/16"), accepter: existing(s, "api", "10.1.0.0/16") });
    expect(() => Testing.synth(s)).not.toThrow();
  });
});

import "cdktf/lib/testing/adapters/jest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Aspects, Testing, TerraformStack } from "cdktf";
import { SynthChecks } from "../modules/constructs/checks/synth-checks";
import { VpcPeering } from "../modules/constructs/routing/vpc-peering";
import { ExistingVpc } from "../modules/constructs/vpc/existing-vpc";

// Library use: nothing validated a config, so the construct tree itself is checked at synth.
function stackWith(build: (stack: TerraformStack) => void, props = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "checks");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  Aspects.of(stack).add(new SynthChecks(props));
  build(stack);
  return stack;
}
let sides = 0;
const side = (scope: TerraformStack, name: string, cidr: string) =>
  ExistingVpc.fromLookup(scope, `side-${sides++}`, { key: name, name, cidrBlocks: [cidr], routeTables: [`${name}-rtb`] });
const errorsOf = (stack: TerraformStack) => {
  try {
    Testing.fullSynth(stack);
    return "";
  } catch (err) {
    if (process.env.DBG) console.error((err as Error).stack);
    return (err as Error).message;
  }
};

it("passes a clean hub with two spokes", () => {
  const stack = stackWith((s) => {
    const hub = side(s, "hub", "10.0.0.0/16");
    new VpcPeering(s, "a", { name: "a", requester: hub, accepter: side(s, "a", "10.1.0.0/16") });
  });
  expect(errorsOf(stack)).toBe("");
});

it("rejects two peerings of the same VPC pair and a peering of a VPC with itself", () => {
  const stack = stackWith((s) => {
    const one = new VpcPeering(s, "one", { name: "one", requester: side(s, "web", "10.0.0.0/16"), accepter: side(s, "api", "10.1.0.0/16") });
    new VpcPeering(s, "again", { name: "again", requester: one.accepter, accepter: one.requester });
    new VpcPeering(s, "self", { name: "self", requester: one.requester, accepter: one.requester });
  });
  const message = errorsOf(stack);
  expect(message).toMatch(/checks\/again\/connection: peers .* again \(already checks\/one\)/);
  expect(message).toMatch(/checks\/self\/connection: a VPC cannot be peered with itself/);
});

it("rejects a second route to one destination in one table (two spokes with the same CIDR)", () => {
  const stack = stackWith((s) => {
    const hub = new VpcPeering(s, "a", { name: "a", requester: side(s, "hub", "10.0.0.0/16"), accepter: side(s, "a", "10.1.0.0/16") });
    new VpcPeering(s, "b", { name: "b", requester: hub.requester, accepter: side(s, "b", "10.1.0.0/16") });
  });
  expect(errorsOf(stack)).toMatch(/checks\/b\/route-requester-hub-rtb-to-10-1-0-0-16: route table .* would get a second route to 10\.1\.0\.0\/16 \(the first comes from checks\/a\)/);
});

it("rejects more routes in one table than the route quota", () => {
  const stack = stackWith((s) => {
    const hub = new VpcPeering(s, "a", { name: "a", requester: side(s, "hub", "10.0.0.0/16"), accepter: side(s, "a", "10.1.0.0/16") });
    new VpcPeering(s, "b", { name: "b", requester: hub.requester, accepter: side(s, "b", "10.2.0.0/16") });
  }, { routesPerRouteTable: 1 });
  expect(errorsOf(stack)).toMatch(/would get 2 peering routes, more than the route quota of 1/);
});

it("rejects ingress open to the world and a security-group reference across regions", () => {
  const stack = stackWith((s) => {
    const west = new SecurityGroup(s, "west", { name: "west", vpcId: "vpc-0a" });
    const east = new SecurityGroup(s, "east", { name: "east", vpcId: "vpc-0b", region: "us-east-1" });
    new VpcSecurityGroupIngressRule(s, "world", { securityGroupId: west.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 });
    new VpcSecurityGroupIngressRule(s, "world6", { securityGroupId: west.id, cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 443, toPort: 443 });
    new VpcSecurityGroupIngressRule(s, "cross", { securityGroupId: west.id, referencedSecurityGroupId: east.id, ipProtocol: "tcp", fromPort: 443, toPort: 443 });
    new VpcSecurityGroupIngressRule(s, "peer", { securityGroupId: west.id, cidrIpv4: "10.1.0.0/16", ipProtocol: "tcp", fromPort: 443, toPort: 443 });
  });
  const message = errorsOf(stack);
  expect(message).toMatch(/\[checks\/world\] ingress open to 0\.0\.0\.0\/0/);
  expect(message).toMatch(/\[checks\/world6\] ingress open to ::\/0/);
  expect(message).toMatch(/\[checks\/cross\] references a security group in us-east-1 from a rule in us-west-2/);
  expect(message).not.toMatch(/checks\/peer\]/);
});

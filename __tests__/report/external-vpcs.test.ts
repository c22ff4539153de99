// AWS rule: a peering's traffic needs a route in both VPCs' route tables (to the peer's block,
// via the connection) and the security groups' consent at the destination; a request to another
// account carries nothing until that account accepts it. With one side in an account this stack
// does not manage (ExternalVpc), that side's routes and groups are unknown: the report states the
// managed side's facts, and marks the rest assumed with the reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ExistingVpc, ExternalVpc, VpcPeering } from "../../modules/index";
import { readNetworkModel, TerraformJson } from "../../modules/report/network-model";
import { analyzeReachability, parsePortSpec, PortSpec } from "../../modules/report/reachability";

function topology(accepted: boolean, routeNothing = false) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "ext");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const shop = ExistingVpc.fromLookup(stack, "shop", { key: "shop", name: "shop-vpc", cidrBlocks: ["10.8.0.0/16"], routeTables: ["shop-rtb"], securityGroupIds: ["sg-0123abcd"] });
  const pay = new ExternalVpc(stack, "payments", { key: "payments", vpcId: "vpc-0abcdef0123456789", accountId: "444455556666", cidrBlocks: ["172.20.0.0/16"] });
  const billing = new ExternalVpc(stack, "billing", { key: "billing", vpcId: "vpc-0123456789abcdef0", accountId: "777788889999", cidrBlocks: ["192.168.4.0/22"] });
  const sent = new VpcPeering(stack, "to-payments", { name: "to-payments", requester: shop, accepter: pay, accepted, ...(routeNothing ? { routeTables: { requester: [] } } : {}) });
  sent.addSecurityRules({ ports: ["tcp/8443"], allowInto: ["requester"] });
  new VpcPeering(stack, "from-billing", { name: "from-billing", requester: billing, accepter: shop, existingConnection: { id: "pcx-0123abcd" } });
  // fullSynth: Testing.synth leaves out the top-level "//" that holds the facts.
  const json = JSON.parse(readFileSync(join(Testing.fullSynth(stack), "stacks", "ext", "cdk.tf.json"), "utf8")) as TerraformJson;
  const model = readNetworkModel(json, "ext");
  return { model, report: analyzeReachability(model, [parsePortSpec("tcp/8443") as PortSpec]) };
}
const pair = (r: ReturnType<typeof topology>["report"], from: string, to: string) => r.pairs.find((p) => p.from === from && p.to === to)!;

it("states the external VPCs' blocks and accounts, and both one-side peerings", () => {
  const { model } = topology(true);
  expect(model.vpcs.filter((v) => v.external).map((v) => [v.label, v.ref, v.account, v.ipv4]).sort()).toEqual([
    ["billing", "vpc-0123456789abcdef0", "777788889999", ["192.168.4.0/22"]],
    ["payments", "vpc-0abcdef0123456789", "444455556666", ["172.20.0.0/16"]],
  ]);
  expect(model.peerings.map((p) => [p.name, p.requester, p.accepter, p.accepted]).sort()).toEqual([
    ["from-billing", "vpc-0123456789abcdef0", expect.stringMatching(/^data\.aws_vpc\.shop_vpc/), true],
    ["to-payments", expect.stringMatching(/^data\.aws_vpc\.shop_vpc/), "vpc-0abcdef0123456789", true],
  ]);
});

it("managed side routed, external side assumed: FLOWS* with the reason, both ways", () => {
  const { report } = topology(true);
  for (const [from, to] of [["shop", "payments"], ["payments", "shop"], ["shop", "billing"]]) {
    const p = pair(report, from, to);
    expect({ from, to, verdict: p.verdict }).toEqual({ from, to, verdict: "assumed" });
    const ext = from === "shop" ? to : from;
    expect(p.notes.join("\n")).toMatch(new RegExp(`${ext} is account \\d{12}'s \\(external\\)`));
  }
  // The managed destination's groups are known: shop's admits 8443 from payments' block only.
  expect(pair(report, "billing", "shop")).toMatchObject({ verdict: "blocked", step: "SG denies" });
  // The route in the managed VPC is what decides it, named.
  expect(pair(report, "shop", "payments").decidedBy.some((a) => a.startsWith("aws_route."))).toBe(true);
});

it("no route in the managed VPC's table: blocked, not assumed", () => {
  // peerings[].routeTables.requester: [] — the stack routes nothing to payments in shop.
  const { report } = topology(true, true);
  expect(pair(report, "shop", "payments")).toMatchObject({ verdict: "blocked", step: "no route there" });
  expect(pair(report, "payments", "shop")).toMatchObject({ verdict: "blocked", step: "no route back" });
});

it("a request the other account has not accepted carries nothing", () => {
  const { report } = topology(false);
  expect(pair(report, "shop", "payments")).toMatchObject({ verdict: "blocked", step: "not accepted" });
  expect(pair(report, "shop", "payments").detail).toContain("account 444455556666 (payments), which has not accepted it yet");
});

it("external VPCs are not peered with each other: no peering between them", () => {
  const { report } = topology(true);
  expect(pair(report, "payments", "billing")).toMatchObject({ verdict: "blocked", step: "no peering" });
});

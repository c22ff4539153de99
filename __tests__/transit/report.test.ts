// The reachability report through a transit gateway, read from examples/transit-gateway.yaml's
// facts: prod and dev reach shared and back, not each other (the spokes table blackholes them);
// data reaches prod by its peering and nothing through the gateway (peering is not transitive).
import { readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { analyzeReachability } from "../../modules/report/reachability";
import { readNetworkModel, type TerraformJson } from "../../modules/report/network-model";
import { buildStack } from "../helpers/lab";

it("follows each pair through the gateway's route tables", () => {
  const config = loadConfig(join(__dirname, "../../examples/transit-gateway.yaml"));
  const out = Testing.fullSynth(buildStack(config));
  const tf = JSON.parse(readFileSync(join(out, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson;
  const pairs = analyzeReachability(readNetworkModel(tf, config.stack), [{ protocol: "tcp", port: 443 }]).pairs;
  const pair = (from: string, to: string) => pairs.find((p) => p.from === from && p.to === to)!;
  expect(pair("prod", "shared")).toMatchObject({ verdict: "assumed", notes: ["through transit gateway core"] });
  expect(pair("shared", "dev")).toMatchObject({ verdict: "assumed" });
  expect(pair("prod", "dev")).toMatchObject({ verdict: "blocked", step: "no route there" });
  expect(pair("prod", "dev").detail).toBe("prod's route tables do not send 10.32.0.0/16 to transit gateway core");
  expect(pair("data", "shared")).toMatchObject({ verdict: "blocked", step: "no peering" });
  expect(pair("data", "prod").verdict).not.toBe("blocked");
});

describe("across a TGW peering (examples/transit-gateway-inter-region.yaml)", () => {
  const pairsOf = (config: ReturnType<typeof loadConfig>) => {
    const out = Testing.fullSynth(buildStack(config));
    const tf = JSON.parse(readFileSync(join(out, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson;
    const pairs = analyzeReachability(readNetworkModel(tf, config.stack), [{ protocol: "tcp", port: 443 }]).pairs;
    return (from: string, to: string) => pairs.find((p) => p.from === from && p.to === to)!;
  };
  const example = () => loadConfig(join(__dirname, "../../examples/transit-gateway-inter-region.yaml"));

  it("follows each pair through both gateways' tables (static routes on both sides), and back", () => {
    const pair = pairsOf(example());
    expect(pair("app", "reports")).toMatchObject({ verdict: "assumed", notes: ["through transit gateways west and east (TGW peering)"] });
    expect(pair("app", "reports").detail).toContain("TGW route table main of west sends 10.70.0.0/16 across the peering to east, whose table main of east (associated with the peering from west) sends it to reports (propagated)");
    expect(pair("reports", "shared")).toMatchObject({ verdict: "assumed", notes: ["through transit gateways east and west (TGW peering)"] });
    expect(pair("app", "shared")).toMatchObject({ verdict: "assumed", notes: ["through transit gateway west"] });
  });

  it("blocks the way where the peer's table does not lead to the destination", () => {
    const config = example();
    const east = config.transitGateways.find((t) => t.name === "east")!;
    // reports no longer propagates into east's main: west routes nothing across, and east cannot deliver.
    const broken = { ...config, transitGateways: config.transitGateways.map((t) => (t === east ? { ...east, routeTables: [...east.routeTables, { name: "other", routes: [] }], attachments: [{ ...east.attachments[0], propagateTo: ["other"] }] } : t)) };
    const pair = pairsOf(broken);
    expect(pair("app", "reports")).toMatchObject({ verdict: "blocked", step: "no route there" });
    expect(pair("app", "reports").detail).toBe("app's route tables do not send 10.70.0.0/16 to transit gateway west");
  });
});

it("across a TGW peering: the peer's table that blackholes the destination is named as what stops it", () => {
  const config = loadConfig(join(__dirname, "../../examples/transit-gateway-inter-region.yaml"));
  const broken = { ...config, transitGateways: config.transitGateways.map((t) => (t.name === "east" ? { ...t, routeTables: [{ name: "main", routes: [{ destination: "10.70.0.0/16", blackhole: true }] }] } : t)) };
  const out = Testing.fullSynth(buildStack(broken));
  const tf = JSON.parse(readFileSync(join(out, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson;
  const pair = analyzeReachability(readNetworkModel(tf, config.stack), [{ protocol: "tcp", port: 443 }]).pairs.find((p) => p.from === "app" && p.to === "reports")!;
  expect(pair).toMatchObject({ verdict: "blocked", step: "no route there", detail: "TGW route table main of east (associated with the peering from west) blackholes 10.70.0.0/16" });
});

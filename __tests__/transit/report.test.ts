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

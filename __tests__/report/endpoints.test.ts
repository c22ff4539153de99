// The report on endpoints, read from the synthesized JSON (facts and resources), as a user of
// `npm run reachability` sees it: a gateway endpoint only from its own VPC, a centralized interface
// endpoint from peered spokes, and the first thing that stops a peer otherwise.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { loadConfig } from "../../modules/app/config/load";
import { ExistingVpc, InterfaceVpcEndpoint, ReadableAddressStack, VpcPeering } from "../../modules";
import { analyzeEndpoints } from "../../modules/report/endpoints";
import { readNetworkModel, TerraformJson } from "../../modules/report/network-model";
import { analyzeReachability, formatReport } from "../../modules/report/reachability";
import { buildStack } from "../helpers/lab";

const read = (stack: TerraformStack, name: string) => {
  const out = Testing.fullSynth(stack);
  return readNetworkModel(JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8")) as TerraformJson, name);
};
const verdicts = (model: ReturnType<typeof read>) => analyzeEndpoints(model).map((r) => `${r.endpoint} from ${r.from}: ${r.reachable ? "yes" : "no"}`);

it("examples/endpoints.yaml: gateway endpoints from their own VPC only, the hub's interface endpoints from both spokes", () => {
  const config = loadConfig(join(__dirname, "..", "..", "examples", "endpoints.yaml"));
  const model = read(buildStack(config), config.stack);
  expect(verdicts(model).sort()).toEqual([
    "s3 gateway endpoint in app from app: yes",
    "s3 gateway endpoint in app from batch: no",
    "s3 gateway endpoint in app from shared: no",
    "s3 gateway endpoint in shared from app: no",
    "s3 gateway endpoint in shared from batch: no",
    "s3 gateway endpoint in shared from shared: yes",
    "ssm interface endpoint in shared from app: yes",
    "ssm interface endpoint in shared from batch: yes",
    "ssm interface endpoint in shared from shared: yes",
    "sts interface endpoint in shared from app: yes",
    "sts interface endpoint in shared from batch: yes",
    "sts interface endpoint in shared from shared: yes",
  ]);
  const text = formatReport(analyzeReachability(model, [{ protocol: "tcp", port: 443 }]));
  expect(text).toContain("s3 gateway endpoint in shared     from app     NOT REACHABLE: a gateway endpoint serves only its own VPC (shared): traffic from app cannot use it across a peering (edge-to-edge routing is not supported); give app its own s3 gateway endpoint");
  expect(text).toContain("ssm interface endpoint in shared  from batch   REACHABLE: via shared-batch; its group admits tcp/443; zone ssm.us-west-2.amazonaws.com (associated with batch) aliases ssm.us-west-2.amazonaws.com to the endpoint");
  // The endpoint's group admits traffic to the endpoint, not to the hub's instances: pairs do not count it.
  expect(text).toContain("app → shared    tcp/443  FLOWS*   via shared-app");
});

it("an interface endpoint not shared: its own VPC reaches it through AWS private DNS, a peer is stopped by its group", () => {
  const stack = new ReadableAddressStack(Testing.app(), "solo");
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const hub = ExistingVpc.fromLookup(stack, "vpc-hub", { key: "hub", name: "hub-vpc", cidrBlocks: ["10.0.0.0/16"], routeTables: ["hub-rtb"], region: "us-west-2" });
  const spoke = ExistingVpc.fromLookup(stack, "vpc-spoke", { key: "spoke", name: "spoke-vpc", cidrBlocks: ["10.1.0.0/16"], routeTables: ["spoke-rtb"], region: "us-west-2" });
  new VpcPeering(stack, "peering", { name: "hub-spoke", requester: hub, accepter: spoke });
  new InterfaceVpcEndpoint(stack, "ssm", { vpc: hub, service: "ssm", subnets: ["hub-a"] });
  const reach = analyzeEndpoints(read(stack, "solo"));
  expect(reach.map((r) => `${r.from}: ${r.reachable ? "yes" : "no"}: ${r.why}`)).toEqual([
    "hub: yes: in its own VPC; its group admits tcp/443; AWS's private DNS answers ssm's name with the endpoint in hub",
    "spoke: no: the endpoint's security group admits no tcp/443 from spoke's blocks: add spoke to sharedWith (which admits it)",
  ]);
});

// A TGW peering between gateways of two accounts (and two regions), as a library user builds it
// with the constructs: the requester names the peer's account (peer_account_id) and the peer's
// account accepts in its own region. Planned and applied by real Terraform with the stand-in,
// which refuses an acceptance that AWS would not find (wrong account or region).
import * as fs from "fs";
import * as path from "path";
import { App, LocalBackend } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CreatedVpc, ReadableAddressStack, TransitGateway } from "../../modules";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";

const WORLD = path.join(__dirname, "../../testing/worlds/examples.json");
const PARTNER = "333333333333";

/** west (world's account 111111111111, us-west-2) peers with east (account 333333333333, us-east-1). */
function synth(): string {
  const app = new App({ outdir: tempStackDir("tgw-peering-accounts") });
  const stack = new ReadableAddressStack(app, "tgw-peering-accounts");
  // cdktf's default local backend writes the state beside the project: keep it in the stack's directory.
  new LocalBackend(stack, { path: "terraform.tfstate" });
  new AwsProvider(stack, "aws", { region: "us-west-2" });
  const partner = new AwsProvider(stack, "partner", { alias: "partner", region: "us-east-1", allowedAccountIds: [PARTNER], assumeRole: [{ roleArn: `arn:aws:iam::${PARTNER}:role/network-admin` }] });
  const app1 = new CreatedVpc(stack, "vpc-app", { key: "app", cidrBlocks: ["10.80.0.0/16"], subnets: [{ name: "app-a", cidr: "10.80.0.0/28", az: "us-west-2a" }] });
  const data = new CreatedVpc(stack, "vpc-data", { key: "data", cidrBlocks: ["10.90.0.0/16"], subnets: [{ name: "data-a", cidr: "10.90.0.0/28", az: "us-east-1a" }], provider: partner, accountId: PARTNER });
  const west = new TransitGateway(stack, "tgw-west", { name: "west", amazonSideAsn: 64810 });
  const east = new TransitGateway(stack, "tgw-east", { name: "east", amazonSideAsn: 64820, region: "us-east-1", provider: partner, accountId: PARTNER });
  const westMain = west.addRouteTable("main");
  const eastMain = east.addRouteTable("main");
  west.attachVpc(app1, { subnets: ["app-a"], routeTable: westMain, propagateTo: [westMain] });
  east.attachVpc(data, { subnets: ["data-a"], routeTable: eastMain, propagateTo: [eastMain] });
  west.peerWith(east, { routeTable: westMain, peerRouteTable: eastMain });
  west.routeVpcs();
  east.routeVpcs();
  app.synth();
  return path.join(app.outdir, "stacks", "tgw-peering-accounts");
}

describeWithTerraform("TGW peering across accounts against the offline provider", () => {
  jest.setTimeout(90_000);
  let env: Record<string, string>;
  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world: WORLD })).env;
  });
  const init = (dir: string) => expect(runTerraform(dir, ["init", "-input=false"], { env, world: WORLD }).code).toBe(0);

  it("the requester names the peer's account and region; the peer's account accepts in its region; the apply succeeds", () => {
    const dir = synth();
    const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
    expect(Object.values(json.resource.aws_ec2_transit_gateway_peering_attachment)).toEqual([expect.objectContaining({ peer_account_id: PARTNER, peer_region: "us-east-1" })]);
    expect(Object.values(json.resource.aws_ec2_transit_gateway_peering_attachment_accepter)).toEqual([expect.objectContaining({ provider: "aws.partner", region: "us-east-1" })]);
    init(dir);
    const apply = runTerraform(dir, ["apply", "-input=false", "-auto-approve"], { env, world: WORLD });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toMatch(/Apply complete! Resources: 28 added/);
    // Each side routes the other's block: static routes in both TGW tables, VPC routes to each gateway.
    const routes = Object.values(json.resource.aws_ec2_transit_gateway_route) as { destination_cidr_block: string; provider?: string }[];
    expect(routes.map((r) => `${r.destination_cidr_block} ${r.provider ?? "aws"}`).sort()).toEqual(["10.80.0.0/16 aws.partner", "10.90.0.0/16 aws"]);
  });

  it("without the peer's account on the attachment, the acceptance fails as AWS's would, naming the fix", () => {
    const dir = synth();
    const file = path.join(dir, "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const a of Object.values(json.resource.aws_ec2_transit_gateway_peering_attachment) as Record<string, unknown>[]) delete a.peer_account_id;
    fs.writeFileSync(file, JSON.stringify(json));
    init(dir);
    const apply = runTerraform(dir, ["apply", "-input=false", "-auto-approve"], { env, world: WORLD });
    expect(apply.stderr.replace(/\s+/g, " ")).toContain(`does not exist in us-east-1 for account ${PARTNER}: accept it in the peer's region us-east-1 (region argument) with account 111111111111's provider`);
  });
});

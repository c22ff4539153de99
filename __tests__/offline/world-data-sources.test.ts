// Data sources answer from the world fixture; Terraform core evaluates our postconditions on
// what they return, so a wrong world must make plan fail with the postcondition's message.
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PeeringFixtureStack } from "../../testing/fixtures/peering-fixture";
import { LAB_WORLD, prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { servedWorld } from "../../testing/offline-aws/server";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { vpcNamed, worldVariant } from "../../testing/offline-aws/worlds";

describeWithTerraform("data sources and postconditions against world fixtures", () => {
  jest.setTimeout(60_000);
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    env = (await prepareOfflineTerraform()).env;
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "world-")) });
    new PeeringFixtureStack(app, "fixture");
    app.synth();
    dir = path.join(app.outdir, "stacks/fixture");
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
  });

  const plan = (world: string) => runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, world });

  it("plans against the lab world", () => {
    const r = plan(LAB_WORLD);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("names the world file when it is missing or not JSON (instead of Terraform's 'failed to read any lines from plugin's stdout')", () => {
    const missing = path.join(os.tmpdir(), "no-such-world.json");
    const r = plan(missing);
    expect(r.code).toBe(1);
    expect(r.stderr.replace(/\s+/g, " ")).toContain(`The world file ${missing} (OFFLINE_AWS_WORLD) cannot be read (ENOENT)`);
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "world-bad-")), "world.json");
    fs.writeFileSync(broken, "{ not json");
    expect(plan(broken).stderr.replace(/\s+/g, " ")).toMatch(/world\.json \(OFFLINE_AWS_WORLD\) is not valid JSON/);
  });

  it("fails the CIDR postcondition when web-vpc has another CIDR", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").cidr_block = "172.16.0.0/16"; })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Resource postcondition failed/);
    expect(r.stderr).toMatch(/VPC web-vpc must have CIDR 10\.0\.0\.0\/16/);
  });

  it("fails the DNS postcondition when DNS hostnames are off", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "api-vpc").enable_dns_hostnames = false; })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/VPC api-vpc needs DNS support and DNS hostnames enabled/);
  });

  it("fails like the provider when no VPC matches the filter", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { vpcNamed(w, "web-vpc").tags = { Name: "renamed" }; })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no matching EC2 VPC found/);
    expect(r.stderr).toMatch(/data\.aws_vpc\.web_vpc/);
  });

  it("fails like the provider when several VPCs match a singular data source", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { w.vpcs!.push({ ...vpcNamed(w, "web-vpc"), id: "vpc-0ffffffffffffffff" }); })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/multiple EC2 VPCs matched; use additional constraints/);
  });

  it("fails when the route table is not in the VPC the filter names", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { w.route_tables![0].vpc_id = "vpc-0somewhereelse0"; })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/query returned no results/);
  });

  it("fails when the IAM role or load balancer does not exist", async () => {
    const r = plan(await servedWorld(worldVariant(LAB_WORLD, (w) => { w.iam_roles = []; w.load_balancers = []; })));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reading IAM Role \(flow-log-role\): couldn't find resource/);
    expect(r.stderr).toMatch(/no matching ELBv2 Load Balancer found/);
  });
});

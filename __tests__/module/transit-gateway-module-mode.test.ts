// Transit gateways in module mode (`npm run synth:module`): every TGW resource goes through a
// provider the caller passes (the side of the gateway's attached VPCs, or a config account's
// aws.<key> for that account's attachment, share acceptance and routes); a shape no one provider
// can hold is refused naming its field; and the generated module of examples/transit-gateway.yaml
// plans offline.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeModule } from "../../modules/tf-module/writer";
import { ModuleStack } from "../../modules/tf-module/module-stack";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { offlineTerraformEnv, offlineTerraformMissing, terraform, writeCallerRoot } from "../../testing/module-caller";
import { App } from "cdktf";

const missing = offlineTerraformMissing();
if (missing) console.warn(`transit gateway module mode: terraform checks skipped: ${missing}`);
const withTerraform = missing ? test.skip : test;

type Json = Record<string, any>;
const EXAMPLES = join(__dirname, "../../examples");
const WORLD = join(__dirname, "../../testing/worlds/examples.json");

/** Every resource and data source of the module: address, type and body. */
function elements(module: Json): { address: string; type: string; body: Json }[] {
  return (["resource", "data"] as const).flatMap((kind) =>
    Object.entries((module[kind] ?? {}) as Record<string, Record<string, Json>>).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ address: `${kind === "data" ? "data." : ""}${type}.${name}`, type, body }))));
}

/** The resources that make or route through a transit gateway: the gateway's own types, its RAM share, its subnet lookups and the VPC routes to it. */
const isTransit = (e: { address: string; type: string; body: Json }) =>
  /^aws_ec2_transit_gateway|^aws_ram_/.test(e.type) || (e.type === "aws_subnet" && e.address.startsWith("data.aws_subnet.tgw-")) || (e.type === "aws_route" && e.body.transit_gateway_id !== undefined);

describe("transit gateways in a generated module", () => {
  const work = mkdtempSync(join(tmpdir(), "tgw-module-mode-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each([
    ["transit-gateway", ["aws.requester"]],
    ["transit-gateway-cross-account", ["aws.requester", "aws.workloads"]],
    ["transit-gateway-inter-region", ["aws.requester"]],
  ])("%s: every TGW resource has a provider the module declares (configuration_aliases)", (example, used) => {
    const outdir = join(work, example);
    writeModule(loadConfig(join(EXAMPLES, `${example}.yaml`)), { outdir });
    const module = JSON.parse(readFileSync(join(outdir, "main.tf.json"), "utf8"));
    const declared: string[] = module.terraform.required_providers.aws.configuration_aliases;
    const transit = elements(module).filter(isTransit);
    expect(transit.length).toBeGreaterThan(5);
    for (const e of transit) expect({ address: e.address, provider: declared.includes(e.body.provider) ? "declared" : e.body.provider }).toEqual({ address: e.address, provider: "declared" });
    expect([...new Set(transit.map((e) => e.body.provider))].sort()).toEqual([...used].sort());
    expect(module).not.toHaveProperty("provider");
  });

  test("cross-account: the share, acceptance of the attachment and the tables are the gateway's (aws.requester); the attachment and the share's acceptance the VPC account's (aws.workloads)", () => {
    const module = JSON.parse(readFileSync(join(work, "transit-gateway-cross-account", "main.tf.json"), "utf8"));
    const provider = (type: string, name: string) => module.resource[type][name].provider;
    expect(provider("aws_ram_resource_share", "tgw-hub_share_share")).toBe("aws.requester");
    expect(provider("aws_ram_resource_share_accepter", "tgw-hub_share_accepter-333333333333")).toBe("aws.workloads");
    expect(provider("aws_ec2_transit_gateway_vpc_attachment", "tgw-hub_attachment-app_attachment")).toBe("aws.workloads");
    expect(provider("aws_ec2_transit_gateway_vpc_attachment_accepter", "tgw-hub_attachment-app_accepter")).toBe("aws.requester");
  });

  test("inter-region: the peered gateway of the default region names its provider's region (the peering's other end names us-east-1)", () => {
    const module = JSON.parse(readFileSync(join(work, "transit-gateway-inter-region", "main.tf.json"), "utf8"));
    expect(module.resource.aws_ec2_transit_gateway["tgw-west_gateway"].region).toBe("${data.aws_region.region-requester.region}");
    expect(module.resource.aws_ec2_transit_gateway_peering_attachment["tgw-west_peering-east_attachment"]).toMatchObject({ peer_region: "us-east-1", provider: "aws.requester" });
  });

  /** a and c are on no peering (aws.requester in a module); b accepts c's peering (aws.accepter), in `bRegion`. */
  const config = (transitGateways: unknown[], bRegion = "us-east-1") => parseConfig({
    stack: "two-sides",
    region: "us-west-2",
    backend: { type: "local" },
    vpcs: {
      a: { name: "a-vpc", cidr: "10.1.0.0/16", routeTables: [{ name: "a-rtb" }] },
      b: { name: "b-vpc", region: bRegion, cidr: "10.2.0.0/16", routeTables: [{ name: "b-rtb" }] },
      c: { name: "c-vpc", cidr: "10.3.0.0/16", routeTables: [{ name: "c-rtb" }] },
    },
    peerings: [{ name: "c-b", requester: "c", accepter: "b" }],
    transitGateways,
  });
  const attach = (vpc: string, propagate = true) => ({ vpc, subnets: [`${vpc}-tgw`], routeTable: "main", propagateTo: propagate ? ["main"] : [] });

  test("a gateway attaching VPCs of both sides is refused, naming the field, the VPCs and the fixes", () => {
    const both = config([{ name: "hub", routeTables: [{ name: "main" }], attachments: [attach("a"), attach("b")] }], "us-west-2");
    expect(() => new ModuleStack(new App(), "m", both)).toThrow(/transitGateways\[0\]\.attachments: in a generated module, a go through aws\.requester and b through aws\.accepter .*attach VPCs of one side only, put the others in a config account \(vpcs\.<key>\.account/);
  });

  test("a TGW peering between gateways of two sides is refused at peerWith; gateways of one side are not", () => {
    const across = config([
      { name: "west", routeTables: [{ name: "main" }], attachments: [attach("a")], peerWith: [{ gateway: "east", routeTable: "main", peerRouteTable: "main" }] },
      { name: "east", region: "us-east-1", routeTables: [{ name: "main" }], attachments: [attach("b")] },
    ]);
    expect(() => new ModuleStack(new App(), "m", across)).toThrow(/transitGateways\[0\]\.peerWith\[0\]\.gateway: in a generated module, transit gateway west goes through aws\.requester and east through aws\.accepter/);
    const oneSide = config([
      { name: "west", routeTables: [{ name: "main" }], attachments: [attach("a")], peerWith: [{ gateway: "east", routeTable: "main", peerRouteTable: "main" }] },
      { name: "east", region: "us-east-1", routeTables: [{ name: "main" }], attachments: [] },
    ]);
    expect(() => new ModuleStack(new App(), "m", oneSide)).not.toThrow();
  });

  describe("planned offline through a caller", () => {
    const moduleDir = join(work, "transit-gateway");
    let env: Record<string, string> = {};
    beforeAll(async () => {
      if (!missing) env = { ...(await offlineTerraformEnv()), OFFLINE_AWS_WORLD: WORLD };
    }, 300_000);

    withTerraform("examples/transit-gateway.yaml's module plans: the gateway, its tables, attachments and VPC routes through aws.requester", () => {
      const root = join(work, "root");
      writeCallerRoot({ moduleDir, rootDir: root, output: "transit_gateway_core_id" });
      expect(terraform(root, ["init", "-input=false", "-no-color"], env).code).toBe(0);
      const plan = terraform(root, ["plan", "-input=false", "-no-color", "-out=plan.bin"], env);
      if (plan.code !== 0) console.log(plan.output.slice(-3000));
      expect(plan.code).toBe(0);
      const shown = JSON.parse(terraform(root, ["show", "-json", "plan.bin"], env).output);
      const created = (shown.resource_changes as Json[]).filter((c) => c.change.actions.includes("create"));
      const types = created.map((c) => c.type as string);
      expect(types.filter((t) => t === "aws_ec2_transit_gateway")).toHaveLength(1);
      expect(types.filter((t) => t === "aws_ec2_transit_gateway_vpc_attachment")).toHaveLength(3);
      expect(types.filter((t) => t === "aws_ec2_transit_gateway_route_table")).toHaveLength(2);
      const attachment = created.find((c) => c.address === "module.peering.aws_ec2_transit_gateway_vpc_attachment.tgw-core_attachment-prod_attachment")!.change.after;
      expect(attachment).toMatchObject({ vpc_id: "vpc-0e0e0e0e0e0e00031", subnet_ids: ["subnet-0a1b2c3d4e5310031", "subnet-0a1b2c3d4e5311031"] });
      const resources: Json[] = shown.configuration.root_module.module_calls.peering.module.resources;
      const transit = resources.filter((r) => /^aws_ec2_transit_gateway/.test(r.type));
      expect(transit.length).toBeGreaterThan(10);
      // aws.requester is the caller's default provider here.
      for (const r of transit) expect([r.address, r.provider_config_key]).toEqual([r.address, "aws"]);
    }, 300_000);
  });
});

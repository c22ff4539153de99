// The Transit Gateway rules in core/transit.ts: what AWS refuses, what each TGW route table holds,
// where traffic goes, and the VPC routes an attachment needs.
import { meshSizeAdvice, transitDestinations, transitGatewayProblems, transitLookup, transitRouteTableEntries, transitVpcRoutes, type TransitAttachmentSpec, type TransitGatewaySpec, type TransitVpc } from "../../modules/core/transit";

const vpc = (key: string, cidr: string, extra: Partial<TransitVpc> = {}): TransitVpc => ({ key, identity: `id-${key}`, ipv4: [cidr], ipv6: [], routeTables: [{ key: `${key}-rtb`, identity: `id-${key}/rtb`, label: `${key}-rtb (${key})` }], ...extra });
const attach = (i: number, v: TransitVpc, routeTable: string, propagateTo: string[], subnets = [`${v.key}-a`, `${v.key}-b`]): TransitAttachmentSpec => ({ where: `tgw.attachments[${i}]`, vpc: v, subnets, routeTable, propagateTo });
const prod = vpc("prod", "10.1.0.0/16");
const dev = vpc("dev", "10.2.0.0/16");
const shared = vpc("shared", "10.0.0.0/16");

/** prod and dev each in their own table, both learning shared; shared's table learns both. */
const isolated = (extra: Partial<TransitGatewaySpec> = {}): TransitGatewaySpec => ({
  where: "tgw",
  name: "core",
  routeTables: [
    { where: "tgw.routeTables[0]", name: "prod", routes: [] },
    { where: "tgw.routeTables[1]", name: "dev", routes: [] },
    { where: "tgw.routeTables[2]", name: "shared", routes: [] },
  ],
  attachments: [attach(0, prod, "prod", ["shared"]), attach(1, dev, "dev", ["shared"]), attach(2, shared, "shared", ["prod", "dev"])],
  ...extra,
});

describe("transitGatewayProblems", () => {
  it("accepts isolated prod and dev tables that both reach shared", () => {
    expect(transitGatewayProblems(isolated())).toEqual([]);
  });

  it("refuses a second attachment of one VPC, naming the first and the fix", () => {
    const spec = isolated();
    const problems = transitGatewayProblems({ ...spec, attachments: [...spec.attachments, attach(3, prod, "prod", [])] });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(["tgw.attachments[3].vpc: prod is already attached to transit gateway core (tgw.attachments[0]): AWS allows one VPC attachment per VPC per transit gateway; remove one, and list all the subnets in the other"]);
  });

  it("lists every problem of a broken gateway at once, each at its field", () => {
    const spec: TransitGatewaySpec = {
      where: "tgw", name: "core", amazonSideAsn: 100,
      routeTables: [{ where: "tgw.routeTables[0]", name: "a", routes: [{ where: "tgw.routeTables[0].routes[0]", destination: "10.9.0.1/16", blackhole: true }, { where: "tgw.routeTables[0].routes[1]", destination: "10.8.0.0/16", vpc: "nope" }] }],
      attachments: [attach(0, prod, "b", ["a", "c", "a"], [])],
    };
    expect(transitGatewayProblems(spec).map((p) => p.path)).toEqual([
      "tgw.amazonSideAsn", "tgw.attachments[0].subnets", "tgw.attachments[0].routeTable", "tgw.attachments[0].propagateTo[1]", "tgw.attachments[0].propagateTo[2]",
      "tgw.routeTables[0].routes[0].destination", "tgw.routeTables[0].routes[1].vpc",
    ]);
  });

  it("refuses subnets of a created VPC that are not its own or share a zone", () => {
    const created = vpc("app", "10.3.0.0/16", { knownSubnets: [{ name: "app-a", az: "us-west-2a" }, { name: "app-a2", az: "us-west-2a" }] });
    const problems = transitGatewayProblems({ ...isolated(), attachments: [attach(0, created, "prod", [], ["app-a", "app-a2", "web-a"])] });
    expect(problems.filter((p) => p.severity === "error").map((p) => `${p.path}: ${p.message}`)).toEqual([
      "tgw.attachments[0].subnets[1]: app-a2 is in us-west-2a like app-a: an attachment takes one subnet per availability zone; keep one of the two",
      "tgw.attachments[0].subnets[2]: web-a is not a subnet of app: use one of app-a, app-a2",
    ]);
  });

  it("refuses one block propagated twice into a table and warns on overlapping blocks", () => {
    const twin = vpc("twin", "10.1.0.0/16");
    const part = vpc("part", "10.2.128.0/20");
    const spec = isolated();
    const problems = transitGatewayProblems({ ...spec, attachments: [...spec.attachments, attach(3, twin, "prod", ["shared"]), attach(4, part, "shared", ["dev", "shared"])] });
    const text = problems.map((p) => `${p.severity} ${p.path}: ${p.message}`);
    expect(text).toContain("error tgw.attachments[3].propagateTo: TGW route table shared of core would get 10.1.0.0/16 twice (propagated; the first from tgw.attachments[0].propagateTo): AWS keeps one propagated route per prefix, so one VPC is cut off; re-address one VPC or propagate only one of them to this table");
    expect(text).toContain("warning tgw.attachments[4].propagateTo: TGW route table shared of core would hold 10.2.128.0/20 (part) and 10.2.0.0/16 (dev), which overlap: the longer prefix wins, so part of one VPC is unreachable through the gateway; re-address one of the VPCs");
  });

  it("counts route tables against the quota", () => {
    const tables = Array.from({ length: 21 }, (_, i) => ({ where: `tgw.routeTables[${i}]`, name: `t${i}`, routes: [{ where: `r${i}`, destination: "10.50.0.0/16", blackhole: true }] }));
    const problems = transitGatewayProblems({ where: "tgw", name: "core", routeTables: tables, attachments: [] });
    expect(problems.map((p) => p.message)).toEqual(["declares 21 route tables, more than the 20 a transit gateway has by default: merge tables that route alike, or raise the quota in Service Quotas first"]);
  });
});

describe("what the tables hold and where traffic goes", () => {
  it("prod's table reaches shared but not dev; a blackhole drops what a wider route would carry", () => {
    const spec = isolated();
    const entries = transitRouteTableEntries(spec);
    expect(transitLookup(entries.get("prod")!, "10.0.0.0/16")).toMatchObject({ vpc: "shared", origin: "propagated" });
    expect(transitLookup(entries.get("prod")!, "10.2.0.0/16")).toBeUndefined();
    expect(transitLookup(entries.get("shared")!, "10.2.0.0/16")).toMatchObject({ vpc: "dev" });

    const wide: TransitGatewaySpec = { ...spec, routeTables: [{ where: "t0", name: "prod", routes: [{ where: "r0", destination: "10.0.0.0/8", vpc: "shared" }, { where: "r1", destination: "10.2.0.0/16", blackhole: true }] }, ...spec.routeTables.slice(1)] };
    const wideEntries = transitRouteTableEntries(wide);
    expect(transitLookup(wideEntries.get("prod")!, "10.2.0.0/16")).toMatchObject({ blackhole: true, origin: "static" });
    expect(transitLookup(wideEntries.get("prod")!, "10.3.0.0/16")).toMatchObject({ vpc: "shared", destination: "10.0.0.0/8" });
  });

  it("an attachment's VPC routes go to the blocks its TGW table reaches, through the gateway", () => {
    const spec = isolated();
    expect(transitDestinations(spec, spec.attachments[0])).toEqual({ ipv4: ["10.0.0.0/16"], ipv6: [] });
    expect(transitDestinations(spec, spec.attachments[2])).toEqual({ ipv4: ["10.1.0.0/16", "10.2.0.0/16"], ipv6: [] });
    const routes = transitVpcRoutes(spec, spec.attachments[2]);
    expect(routes.map((r) => [r.routeTable.key, r.destination, r.target])).toEqual([
      ["shared-rtb", "10.1.0.0/16", { kind: "transit-gateway", name: "core" }],
      ["shared-rtb", "10.2.0.0/16", { kind: "transit-gateway", name: "core" }],
    ]);
  });
});

describe("meshSizeAdvice", () => {
  it("suggests a transit gateway past 10 VPCs, and names the peering ceiling past 126", () => {
    expect(meshSizeAdvice("mesh.vpcs", 10)).toBeUndefined();
    expect(meshSizeAdvice("mesh.vpcs", 11)?.message).toBe("a full mesh of 11 VPCs makes 55 peerings: consider a transit gateway (transitGateways: one attachment per VPC) and keep peerings for the few high-traffic pairs");
    expect(meshSizeAdvice("mesh.vpcs", 127)?.message).toContain("each VPC would need 126 peerings, past AWS's ceiling of 125");
  });
});

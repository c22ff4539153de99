import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parseConfig } from "../modules/app/config/load";
import { PeeringStack } from "../modules/app/peering-stack";
import { readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability, formatReport, PairResult, PortSpec } from "../modules/report/reachability";
import { parse } from "yaml";

// The report reads synthesized Terraform JSON only; these tests synthesize real configs, then seed
// one fault per step into the JSON and check the report names that step first.

const root = join(__dirname, "..");
function synth(file: string): TerraformJson {
  const config = parseConfig(parse(readFileSync(join(root, file), "utf8")), file);
  // fullSynth keeps the construct paths ("//" metadata) that tell which VPC a rule protects, as on disk.
  const outdir = Testing.fullSynth(new PeeringStack(Testing.app(), config.stack, config));
  return JSON.parse(readFileSync(join(outdir, "stacks", config.stack, "cdk.tf.json"), "utf8")) as TerraformJson;
}
const tcp = (port: number): PortSpec => ({ protocol: "tcp", port });
const report = (tf: TerraformJson, ports: PortSpec[] = [tcp(443)]) => analyzeReachability(readNetworkModel(tf, "test"), ports);
const pair = (pairs: readonly PairResult[], from: string, to: string, port = "tcp/443") => {
  const found = pairs.find((p) => p.from === from && p.to === to && p.port === port);
  if (!found) throw new Error(`no result for ${from} → ${to} ${port}`);
  return found;
};
const clone = (tf: TerraformJson): TerraformJson => JSON.parse(JSON.stringify(tf));
type Attrs = Record<string, unknown>;
const resources = (tf: TerraformJson, type: string) => Object.entries(tf.resource?.[type] ?? {}) as [string, Attrs][];

describe("the lab", () => {
  const tf = synth("config/lab.yaml");
  const r = report(tf);

  it("web → api on 443 flows (SG and NACL not managed: marked as assumed open)", () => {
    const p = pair(r.pairs, "web", "api");
    expect(p.verdict).toBe("assumed");
    expect(p.detail).toBe("via api-web-pc");
    expect(p.notes.join("\n")).toMatch(/SG not managed here: api's security groups assumed open/);
    expect(p.peerHostnames).toBe("private-ip");
  });

  it("routes that together cover the peer's block take all of it: two /17s elsewhere leave nothing to the /16 via the peering", () => {
    const faulted = clone(tf);
    const [[, peeringRoute]] = resources(faulted, "aws_route").filter(([id]) => id.includes("route-accepter-web-vpc-rtb"));
    const elsewhere = (destination: string) => ({ route_table_id: peeringRoute.route_table_id, destination_cidr_block: destination, gateway_id: "igw-0123456789abcdef0" });
    faulted.resource!.aws_route["low-half"] = elsewhere("10.1.0.0/17");
    faulted.resource!.aws_route["high-half"] = elsewhere("10.1.128.0/17");
    expect(pair(report(faulted).pairs, "web", "api")).toMatchObject({ verdict: "blocked", step: "no route there" });
    delete faulted.resource!.aws_route["high-half"];
    const half = pair(report(faulted).pairs, "web", "api");
    expect(half.verdict).toBe("assumed");
    expect(half.notes.join("\n")).toMatch(/partly: in web's tables 10\.1\.0\.0\/17 goes elsewhere/);
  });

  it("a CNAME out of the private zones: NXDOMAIN under a TLD no public zone serves, public DNS (assumed) under a public one", () => {
    const named = clone(tf);
    const [[, record]] = resources(named, "aws_route53_record");
    named.resource!.aws_route53_record["to-internal"] = { ...record, name: "db.lab.private", type: "CNAME", records: ["pg.corp.internal"] };
    named.resource!.aws_route53_record["to-public"] = { ...record, name: "www.lab.private", type: "CNAME", records: ["www.example.com"] };
    const names = report(named).names.filter((n) => n.from === "web");
    expect(names.find((n) => n.name === "db.lab.private")).toMatchObject({ resolves: false, why: expect.stringMatching(/pg\.corp\.internal: no private zone web sees holds it, and \.internal is no public top-level domain, so the Route 53 Resolver answers NXDOMAIN/) });
    expect(names.find((n) => n.name === "www.lab.private")).toMatchObject({ resolves: true, why: expect.stringMatching(/answered by public DNS, assumed to exist there/) });
  });

  it("api.elb.lab.private resolves from web-vpc (zone associated) and not from api-vpc", () => {
    expect(r.names).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "api.elb.lab.private", from: "web", resolves: true }),
      expect.objectContaining({ name: "api.elb.lab.private", from: "api", resolves: false, why: "zone lab.private is not associated with api" }),
    ]));
  });

  it("prints a table people can read", () => {
    expect(formatReport(r)).toMatch(/web → api\s+tcp\/443\s+FLOWS\*\s+via api-web-pc/);
  });
});

describe("seed 004: A peered with B and C", () => {
  const r = report(synth("examples/hub-and-spoke.yaml"));
  it("B → C does not flow: no peering (not transitive through A)", () => {
    const p = pair(r.pairs, "b", "c");
    expect(p).toMatchObject({ verdict: "blocked", step: "no peering" });
    expect(pair(r.pairs, "a", "b").verdict).not.toBe("blocked");
    expect(pair(r.pairs, "c", "a").verdict).not.toBe("blocked");
  });
});

describe("one seeded fault per step", () => {
  // A fully managed path: web → db on tcp/5432 with SG rules into db and NACL rules on web's ACL.
  const base = synth("examples/existing-vpcs-security.yaml");
  const ports = [tcp(5432)];
  const webDb = (tf: TerraformJson) => pair(report(tf, ports).pairs, "web", "db", "tcp/5432");

  it("the unfaulted path flows", () => {
    expect(webDb(base).verdict).not.toBe("blocked");
  });

  it("no peering", () => {
    const tf = clone(base);
    delete tf.resource!.aws_vpc_peering_connection;
    expect(webDb(tf)).toMatchObject({ verdict: "blocked", step: "no peering" });
  });

  it("not accepted", () => {
    const tf = clone(base);
    for (const [, c] of resources(tf, "aws_vpc_peering_connection")) c.auto_accept = false;
    expect(webDb(tf)).toMatchObject({ verdict: "blocked", step: "not accepted" });
  });

  it("no route there", () => {
    const tf = clone(base);
    for (const [id] of resources(tf, "aws_route")) if (id.includes("route-requester")) delete tf.resource!.aws_route[id];
    expect(webDb(tf)).toMatchObject({ verdict: "blocked", step: "no route there" });
  });

  it("no route back", () => {
    const tf = clone(base);
    for (const [id] of resources(tf, "aws_route")) if (id.includes("route-accepter")) delete tf.resource!.aws_route[id];
    expect(webDb(tf)).toMatchObject({ verdict: "blocked", step: "no route back" });
  });

  it("SG denies", () => {
    const tf = clone(base);
    for (const [, rule] of resources(tf, "aws_vpc_security_group_ingress_rule")) if (rule.from_port === 5432) rule.from_port = rule.to_port = 5433;
    expect(webDb(tf)).toMatchObject({ verdict: "blocked", step: "SG denies" });
  });

  it("NACL denies", () => {
    const tf = clone(base);
    for (const [, rule] of resources(tf, "aws_network_acl_rule")) if (rule.egress === true && rule.from_port === 5432) rule.rule_action = "deny";
    const p = webDb(tf);
    expect(p).toMatchObject({ verdict: "blocked", step: "NACL denies" });
    expect(p.detail).toMatch(/denies tcp\/5432 out of web to db/);
  });

  it("name not resolvable: the zone is not associated with the source VPC", () => {
    const tf = clone(base);
    const dbVpc = Object.keys(tf.data!.aws_vpc).find((k) => k.startsWith("vpc-db"))!;
    tf.resource!.aws_route53_zone = { z: { name: "db.internal", vpc: [{ vpc_id: `\${data.aws_vpc.${dbVpc}.id}` }] } };
    tf.resource!.aws_route53_record = { r: { zone_id: "${aws_route53_zone.z.zone_id}", name: "pg.db.internal", type: "A", ttl: 60, records: ["10.2.8.10"] } };
    const p = webDb(tf);
    expect(p).toMatchObject({ verdict: "blocked", step: "name not resolvable" });
    expect(p.detail).toBe("pg.db.internal (A): zone db.internal is not associated with web");
  });

  it("name not resolvable: DNS support off in the source VPC", () => {
    const tf = clone(base);
    const vpcs = Object.keys(tf.data!.aws_vpc);
    const [web, db] = [vpcs.find((k) => k.startsWith("vpc-web"))!, vpcs.find((k) => k.startsWith("vpc-db"))!];
    // A created source VPC with DNS support off stands in for the looked-up one.
    const webAttrs = tf.data!.aws_vpc[web] as Attrs;
    delete tf.data!.aws_vpc[web];
    tf.resource!.aws_vpc = { [web]: { "//": webAttrs["//"], cidr_block: "10.0.0.0/16", enable_dns_support: false } };
    // References and the facts index (core/facts.ts) both name the VPC by its address.
    const text = JSON.stringify(tf).replaceAll(`data.aws_vpc.${web}`, `aws_vpc.${web}`);
    const faulted = JSON.parse(text) as TerraformJson;
    faulted.resource!.aws_route53_zone = { z: { name: "db.internal", vpc: [{ vpc_id: `\${aws_vpc.${web}.id}` }, { vpc_id: `\${data.aws_vpc.${db}.id}` }] } };
    faulted.resource!.aws_route53_record = { r: { zone_id: "${aws_route53_zone.z.zone_id}", name: "pg.db.internal", type: "A", ttl: 60, records: ["10.2.8.10"] } };
    const p = webDb(faulted);
    expect(p).toMatchObject({ verdict: "blocked", step: "name not resolvable" });
    expect(p.detail).toMatch(/DNS support \(enableDnsSupport\) is off in web/);
  });

  it("DNS option off: the peer's instance hostnames resolve to public IPs", () => {
    const lab = clone(synth("config/lab.yaml"));
    for (const [, c] of resources(lab, "aws_vpc_peering_connection")) (c.requester as Attrs).allow_remote_vpc_dns_resolution = false;
    // api requests the lab peering: with its option off, web resolves api's hostnames to public IPs.
    const p = pair(report(lab).pairs, "web", "api");
    expect(p.peerHostnames).toBe("public-ip");
    expect(p.notes.join("\n")).toMatch(/DNS option off on api's side of api-web-pc/);
  });
});

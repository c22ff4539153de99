import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError } from "../modules/core/problems";
import { configJsonSchema } from "../modules/app/config/json-schema";
import { loadConfig, parseConfig } from "../modules/app/config/load";
import { LAB_CONFIG } from "./helpers/lab";

const lab = () => parse(readFileSync(LAB_CONFIG, "utf8"));

/** The problem lines a config produces, or [] when it is accepted. */
function problems(raw: unknown): string[] {
  try {
    parseConfig(raw, "test.yaml");
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

function mutate(change: (c: any) => void): unknown {
  const config = lab();
  change(config);
  return config;
}

describe("the lab config", () => {
  it("loads with defaults filled in", () => {
    const config = loadConfig(LAB_CONFIG);
    expect(config.stack).toBe("lab");
    expect(config.vpcs.web).toEqual(expect.objectContaining({ name: "web-vpc", cidr: "10.0.0.0/16", secondaryCidrs: [], ipv6Cidrs: [] }));
    expect(config.flowLogs?.trafficType).toBe("ALL");
    expect(config.privateZones[0].records[0]).toEqual(expect.objectContaining({ ttl: 300, type: "CNAME" }));
  });

  it("reads the same topology from JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    writeFileSync(join(dir, "lab.json"), JSON.stringify(lab()));
    expect(loadConfig(join(dir, "lab.json"))).toEqual(loadConfig(LAB_CONFIG));
  });
});

describe("config errors name the field and the fix", () => {
  const cases: [string, (c: any) => void, RegExp][] = [
    ["a malformed CIDR", (c) => (c.vpcs.web.cidr = "10.0.0/16"), /^vpcs\.web\.cidr: "10\.0\.0\/16" is not a CIDR block/],
    ["host bits set", (c) => (c.vpcs.web.cidr = "10.0.0.1/16"), /^vpcs\.web\.cidr: .*network address is 10\.0\.0\.0\/16/],
    ["an IPv6 block as IPv4", (c) => (c.vpcs.web.cidr = "2600:1f14::/56"), /^vpcs\.web\.cidr: .*IPv6 block where an IPv4 block is expected/],
    ["a missing CIDR", (c) => delete c.vpcs.api.cidr, /^vpcs\.api\.cidr: is required/],
    ["both id and name", (c) => (c.vpcs.web.id = "vpc-0abc1234"), /^vpcs\.web: give exactly one of id/],
    ["both name and matchTags", (c) => (c.vpcs.web.matchTags = { Tier: "web" }), /^vpcs\.web: give exactly one of id \(vpc-...\), name \(the VPC's Name tag\), matchTags/],
    ["a bad VPC id", (c) => { delete c.vpcs.web.name; c.vpcs.web.id = "web"; }, /^vpcs\.web\.id: must be a VPC id/],
    ["no route tables", (c) => (c.vpcs.web.routeTables = []), /^vpcs\.web\.routeTables: list at least one route table/],
    ["an unknown field", (c) => (c.vpcs.web.cidrs = ["10.0.0.0/16"]), /^vpcs\.web: unknown field "cidrs"/],
    ["an unknown requester", (c) => (c.peerings[0].requester = "apii"), /^peerings\[0\]\.requester: unknown VPC key "apii": use one of web, api/],
    ["peering a VPC with itself", (c) => (c.peerings[0].accepter = "api"), /^peerings\[0\]\.accepter: a VPC cannot be peered with itself/],
    ["the same pair twice", (c) => c.peerings.push({ name: "again", requester: "web", accepter: "api" }), /^peerings\[1\]: peers web and api again/],
    ["overlapping CIDRs", (c) => (c.vpcs.api.cidr = "10.0.128.0/17"), /^peerings\[0\]: api \(10\.0\.128\.0\/17\) and web \(10\.0\.0\.0\/16\) overlap/],
    ["a bad region", (c) => (c.region = "oregon"), /^region: "oregon" is not an AWS region: use a region code such as us-west-2/],
    ["a region one letter off", (c) => (c.region = "us-west-3"), /^region: "us-west-3" is not an AWS region: did you mean us-west-[12]\?/],
    ["a VPC region that does not exist", (c) => (c.vpcs.web.region = "eu-centrl-1"), /^vpcs\.web\.region: "eu-centrl-1" is not an AWS region: did you mean eu-central-1\?/],
    ["a bad traffic type", (c) => (c.flowLogs.trafficType = "SOME"), /^flowLogs\.trafficType: /],
    ["a retention CloudWatch refuses", (c) => (c.flowLogs.logGroup.retentionInDays = 45), /^flowLogs\.logGroup\.retentionInDays: must be one of 1, 3, 5/],
    ["a TTL out of range", (c) => (c.privateZones[0].records[0].ttl = -1), /^privateZones\[0\]\.records\[0\]\.ttl: /],
    ["an unknown zone VPC", (c) => (c.privateZones[0].vpc = "db"), /^privateZones\[0\]\.vpc: unknown VPC key "db"/],
    ["an unknown flow-log VPC", (c) => c.flowLogs.vpcs.push("db"), /^flowLogs\.vpcs\[2\]: unknown VPC key "db"/],
    ["discovery beside listed route tables", (c) => (c.vpcs.web.discoverRouteTables = "all"), /^vpcs\.web\.routeTables: and discoverRouteTables both choose the route tables: keep one/],
    ["discovery on a created VPC", (c) => { delete c.vpcs.web.name; delete c.vpcs.web.routeTables; c.vpcs.web.create = { subnets: [{ cidr: "10.0.0.0/24", az: "us-west-2a" }] }; c.vpcs.web.discoverRouteTables = "all"; }, /^vpcs\.web\.discoverRouteTables: a created VPC gets its own route table, and its tables cannot be found before it exists/],
    ["discovery on an external VPC", (c) => { delete c.vpcs.web.name; delete c.vpcs.web.routeTables; c.vpcs.web.id = "vpc-0abc1234"; c.vpcs.web.external = { accountId: "210987654321" }; c.vpcs.web.discoverRouteTables = "all"; }, /vpcs\.web\.discoverRouteTables: belongs to a VPC the stack manages; web is external/],
    ["discovery tags that are empty", (c) => { c.vpcs.web.routeTables = []; c.vpcs.web.discoverRouteTables = { tags: {} }; }, /^vpcs\.web\.discoverRouteTables/],
    ["a timeout that is no duration", (c) => (c.peerings[0].timeouts = { create: "ten minutes" }), /^peerings\[0\]\.timeouts\.create: must be a duration such as 30m/],
    // Flow-log destinations: exactly one of CloudWatch Logs (with a role), S3, Firehose.
    ["two flow-log destinations", (c) => (c.flowLogs.s3 = { bucketArn: "arn:aws:s3:::central-flow-logs" }), /^flowLogs: gives logGroup and s3: a flow log has one destination/],
    ["no flow-log destination", (c) => { delete c.flowLogs.logGroup; delete c.flowLogs.role; }, /^flowLogs: says nowhere to deliver/],
    ["a role beside an S3 destination", (c) => { delete c.flowLogs.logGroup; c.flowLogs.s3 = { bucketArn: "arn:aws:s3:::central-flow-logs" }; }, /^flowLogs\.role: is only for CloudWatch Logs delivery; s3 needs no role/],
    ["a bucket name where an ARN belongs", (c) => { delete c.flowLogs.logGroup; delete c.flowLogs.role; c.flowLogs.s3 = { bucketArn: "central-flow-logs" }; }, /^flowLogs\.s3\.bucketArn: must be an S3 bucket ARN/],
    ["a log format that is not fields", (c) => (c.flowLogs.logFormat = "srcaddr dstaddr"), /^flowLogs\.logFormat: must be flow-log fields separated by single spaces/],
    ["a subnet that is no id", (c) => (c.flowLogs.subnets = ["private-a"]), /^flowLogs\.subnets\[0\]: must be a subnet id/],
    // Records: Route 53's value formats and record-set rules.
    ["an A value that is no IPv4 address", (c) => c.privateZones[0].records.push({ name: "db", type: "A", values: ["10.0.0.300"] }), /^privateZones\[0\]\.records\[1\]\.values\[0\]: "10\.0\.0\.300" is not an IPv4 address/],
    ["an AAAA value that is IPv4", (c) => c.privateZones[0].records.push({ name: "db", type: "AAAA", values: ["10.0.0.1"] }), /^privateZones\[0\]\.records\[1\]\.values\[0\]: "10\.0\.0\.1" is not an IPv6 address/],
    ["an MX value without priority", (c) => c.privateZones[0].records.push({ name: "mail", type: "MX", values: ["mail.lab.private"] }), /values\[0\]: "mail\.lab\.private" is not "priority host"/],
    ["an SRV value with a port out of range", (c) => c.privateZones[0].records.push({ name: "_x._tcp", type: "SRV", values: ["1 1 70000 db.lab.private"] }), /values\[0\]: .* is not "priority weight port host"/],
    ["a TTL on an alias record (it would be dropped)", (c) => c.privateZones[0].records.push({ name: "w", type: "A", ttl: 60, alias: { loadBalancer: { name: "web-elb" } } }), /records\[1\]\.ttl: an alias record takes its target's TTL: remove ttl/],
    ["a CNAME with two values", (c) => c.privateZones[0].records.push({ name: "c", type: "CNAME", values: ["a.lab.private", "b.lab.private"] }), /records\[1\]\.values: a CNAME answers with one name/],
    ["a record with values and an alias", (c) => c.privateZones[0].records.push({ name: "x", type: "A", values: ["10.0.0.1"], alias: { vpcEndpoint: { id: "vpce-0abcf000" } } }), /records\[1\]: give only one of values, alias/],
    ["a record with nothing to answer", (c) => c.privateZones[0].records.push({ name: "x", type: "A" }), /records\[1\]: give what the record answers with/],
    ["an alias on a TXT record", (c) => c.privateZones[0].records.push({ name: "x", type: "TXT", alias: { vpcEndpoint: { id: "vpce-0abcf000" } } }), /records\[1\]\.alias: is for A and AAAA records/],
    ["a bad VPC endpoint id", (c) => c.privateZones[0].records.push({ name: "x", type: "A", alias: { vpcEndpoint: { id: "s3" } } }), /records\[1\]\.alias/],
    ["weight without a set identifier", (c) => c.privateZones[0].records.push({ name: "w", type: "A", values: ["10.0.0.1"], weight: 10 }), /records\[1\]\.setIdentifier: is required with weight/],
    ["weight and failover together", (c) => c.privateZones[0].records.push({ name: "w", type: "A", values: ["10.0.0.1"], setIdentifier: "a", weight: 1, failover: "PRIMARY" }), /records\[1\]\.failover: a record has one routing policy/],
    ["two weighted records with one set identifier", (c) => c.privateZones[0].records.push(
      { name: "w", type: "A", values: ["10.0.0.1"], setIdentifier: "a", weight: 1 },
      { name: "w", type: "A", values: ["10.0.0.2"], setIdentifier: "a", weight: 2 },
    ), /records\[2\]\.name: w\.lab\.private A with setIdentifier "a" is already declared at privateZones\[0\]\.records\[1\]/],
    ["a simple record beside a weighted one", (c) => c.privateZones[0].records.push(
      { name: "w", type: "A", values: ["10.0.0.1"], setIdentifier: "a", weight: 1 },
      { name: "w", type: "A", values: ["10.0.0.2"] },
    ), /records\[2\]\.name: w\.lab\.private A is already declared .*give both a setIdentifier/],
    ["an unknown record type", (c) => c.privateZones[0].records.push({ name: "x", type: "NS", values: ["ns.lab.private"] }), /records\[1\]\.type: type must be one of A, AAAA, CNAME, TXT, MX, SRV, CAA, PTR/],
    ["no backend", (c) => delete c.backend, /^backend: /],
    ["an unknown backend type", (c) => (c.backend = { type: "gcs" }), /^backend(\.type)?: /],
  ];

  it.each(cases)("rejects %s", (_name, change, expected) => {
    const found = problems(mutate(change));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it("reports every problem at once", () => {
    const found = problems(mutate((c) => {
      c.vpcs.web.cidr = "10.0.0/16";
      c.region = "oregon";
      c.flowLogs.trafficType = "SOME";
    }));
    expect(found).toHaveLength(3);
  });

  it("names the file and each problem on its own line", () => {
    expect(() => parseConfig(mutate((c) => (c.vpcs.web.cidr = "x")), "lab.yaml")).toThrow(
      /^lab\.yaml: 1 problem in the config\n {2}vpcs\.web\.cidr: "x" is not a CIDR block/,
    );
  });

  it("rejects a file that is not YAML, or missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    writeFileSync(join(dir, "bad.yaml"), "stack: lab\nvpcs: [\n");
    expect(() => loadConfig(join(dir, "bad.yaml"))).toThrow(/not valid YAML/);
    expect(() => loadConfig(join(dir, "missing.yaml"))).toThrow(/cannot read the file \(ENOENT\)/);
  });
});

describe("the published JSON Schema", () => {
  it("is current: regenerate with npm run schema", () => {
    const committed = readFileSync(join(__dirname, "..", "config", "topology.schema.json"), "utf8");
    expect(committed).toBe(configJsonSchema());
  });
});

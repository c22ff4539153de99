// The report reads what the constructs state in the versioned facts block, not what it could
// reverse out of Terraform expressions; JSON whose block has another version is refused with what
// to do, rather than read wrong.
import { FACT_KEY, FACTS_VERSION } from "../../modules/core/facts";
import { readNetworkModel, TerraformJson } from "../../modules/report/network-model";
import { mergeSplit } from "../../modules/report/split";
import { fullSynthStack, labConfig } from "../helpers/lab";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { topologies } from "../../scripts/reachability";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const lab = () => JSON.parse(fullSynthStack(labConfig())) as TerraformJson & { "//": Record<string, Record<string, unknown>> };

it("the lab states its facts under a version", () => {
  expect(lab()["//"][FACT_KEY].version).toBe(FACTS_VERSION);
});

it("a looked-up VPC's blocks and DNS needs come from the facts: the report does not parse its postconditions", () => {
  const json = lab();
  // Postconditions are for Terraform; with them gone the report reads the same VPCs.
  for (const vpc of Object.values(json.data!.aws_vpc)) delete vpc.lifecycle;
  const vpcs = readNetworkModel(json, "lab").vpcs.map((v) => `${v.label} ${v.ipv4.join(",")} dns:${v.dnsSupport}/${v.dnsHostnames}`).sort();
  expect(vpcs).toEqual(["api 10.1.0.0/16 dns:true/true", "web 10.0.0.0/16 dns:true/true"]);
});

it("routes made once per found table are in that set, by the facts: the report does not parse for_each", () => {
  const config = labConfig();
  const discovered = parseConfig({ ...JSON.parse(JSON.stringify(config)), vpcs: Object.fromEntries(Object.entries(config.vpcs).map(([k, v]) => [k, { ...v, routeTables: undefined, discoverRouteTables: "all" }])) });
  const json = JSON.parse(fullSynthStack(discovered)) as TerraformJson;
  for (const route of Object.values(json.resource!.aws_route)) route.for_each = "${local.anything}";
  const model = readNetworkModel(json, "lab");
  const tables = model.routes.map((r) => `${model.routeTables.find((t) => t.ref === r.table)?.label} → ${r.destination}`).sort();
  expect(tables).toEqual(["all route tables → 10.0.0.0/16", "all route tables → 10.1.0.0/16"]);
});

describe("a facts block of another version is refused, naming the stack and what to do", () => {
  const withVersion = (version: unknown) => {
    const json = lab();
    json["//"][FACT_KEY].version = version;
    return json;
  };
  it("newer: read it with the release that wrote it", () => {
    expect(() => readNetworkModel(withVersion(FACTS_VERSION + 1), "lab")).toThrow(
      `stack lab: its facts block ("//".${FACT_KEY}) has version ${FACTS_VERSION + 1}, newer than this release reads (${FACTS_VERSION}): read it with the release that synthesized it, or upgrade vpc-peering-cdktf`,
    );
  });
  it("older (no version): synthesize again", () => {
    expect(() => readNetworkModel(withVersion(undefined), "lab")).toThrow(/stack lab: its facts block \("\/\/".vpc_peering\) has no version, written by an older release .*: synthesize the stack again with this release/);
  });
  it("a split with one stack of another version is refused too", () => {
    expect(() => mergeSplit([{ name: "a", json: lab() }, { name: "b", json: withVersion(0) }])).toThrow(/has version 0, written by an older release/);
  });
  it("JSON with no facts block (not written by this project) is read from its arguments alone", () => {
    const json = lab();
    delete (json as { "//"?: unknown })["//"];
    expect(readNetworkModel(json, "lab").peerings).toHaveLength(1);
  });
});

it("the report commands name the file whose facts block they cannot read", () => {
  const dir = mkdtempSync(join(tmpdir(), "facts-version-"));
  const file = join(dir, "cdk.tf.json");
  const json = lab();
  json["//"][FACT_KEY].version = FACTS_VERSION + 1;
  writeFileSync(file, JSON.stringify(json));
  expect(() => topologies([file])).toThrow(`${file}: its facts block ("//".${FACT_KEY}) has version ${FACTS_VERSION + 1}`);
});

it("a VPC's account comes from the facts when its construct was given one, not from its provider's role ARN", () => {
  const config = loadConfig(join(__dirname, "..", "..", "examples", "cross-account.yaml"));
  const json = JSON.parse(fullSynthStack(config)) as TerraformJson;
  for (const p of json.provider!.aws) {
    delete p.allowed_account_ids;
    delete p.assume_role;
  }
  const accounts = new Set(readNetworkModel(json, config.stack).vpcs.map((v) => v.account));
  expect([...accounts].sort()).toEqual(Object.values(config.accounts).map((a) => a.id).sort());
});

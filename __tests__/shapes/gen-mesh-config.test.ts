import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { parse } from "yaml";
import { parseConfig } from "../../modules/app/config/load";

// scripts/gen-mesh-config.mjs writes a config that loads at every size it accepts, with the raised
// quotas a mesh above AWS's defaults needs, and refuses sizes past AWS's ceiling.

const script = join(__dirname, "..", "..", "scripts", "gen-mesh-config.mjs");
const generate = (n: number) => parse(execFileSync(process.execPath, [script, String(n)], { encoding: "utf8" }));

it.each([2, 50, 51, 52, 126])("a %i-VPC mesh config loads", (n) => {
  const config = parseConfig(generate(n), `mesh-${n}`);
  expect(Object.keys(config.vpcs)).toHaveLength(n);
  expect(config.quotas.peeringsPerVpc).toBeGreaterThanOrEqual(n - 1);
  expect(config.quotas.routesPerRouteTable).toBeGreaterThanOrEqual(n - 1);
});

it("refuses a mesh past 125 peerings per VPC, saying why", () => {
  const r = spawnSync(process.execPath, [script, "127"], { encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/2-126.*125 peerings, AWS's ceiling/);
});

// Per-peering route control (peerings[].routeTables): a subset of a side's tables, or none (one-way).
import { join } from "node:path";
import { loadConfig, parseConfig } from "../../modules/app/config/load";
import { ConfigError } from "../../modules/core/problems";
import { synthStack } from "../helpers/lab";

const config = loadConfig(join(__dirname, "../../examples/route-control.yaml"));
const routes = (c: typeof config) => Object.keys(JSON.parse(synthStack(c)).resource.aws_route ?? {}).sort();
const withTables = (routeTables: unknown) => parseConfig({ ...JSON.parse(JSON.stringify(config)), peerings: [{ ...config.peerings[0], routeTables }] });

describe("per-peering route tables", () => {
  it("routes only from the accepter tables the peering names", () => {
    expect(routes(config)).toEqual([
      "peering-web-db_route-accepter-db-private-a-rtb-to-10-0-0-0-16",
      "peering-web-db_route-accepter-db-private-a-rtb-to-100-64-0-0-20",
      "peering-web-db_route-requester-web-private-rtb-to-10-2-0-0-16",
    ]);
  });

  it("routes one way with [] on a side", () => {
    expect(routes(withTables({ accepter: [] }))).toEqual(["peering-web-db_route-requester-web-private-rtb-to-10-2-0-0-16"]);
  });

  it("refuses a table the VPC does not list, and routing nothing at all", () => {
    const problems = (routeTables: unknown) => {
      try {
        withTables(routeTables);
        return [];
      } catch (err) {
        return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
      }
    };
    expect(problems({ accepter: ["db-public-rtb"] })).toEqual([expect.stringMatching(/^peerings\[0\]\.routeTables\.accepter\[0\]: "db-public-rtb" is not a route table of db: use one of db-private-a-rtb, db-private-b-rtb/)]);
    expect(problems({ requester: [], accepter: [] })).toEqual([expect.stringMatching(/^peerings\[0\]\.routeTables: routes nothing on either side/)]);
  });
});

describe("per-peering route tables of a VPC that discovers its tables", () => {
  const discovery = loadConfig(join(__dirname, "../../examples/route-discovery.yaml"));
  const peeringWith = (routeTables: unknown) => parseConfig({ ...JSON.parse(JSON.stringify(discovery)), peerings: [{ ...discovery.peerings[0], routeTables }] });

  it("keeps the discovered set or routes none of it (one-way)", () => {
    expect(routes(peeringWith({ accepter: [] }))).toEqual(["peering-web-db_route-requester-all-route-tables-to-10-2-0-0-16"]);
  });

  it("routes from the found tables that also carry the peering's tags", () => {
    expect(routes(peeringWith({ requester: { tags: { Tier: "web" } } }))).toEqual([
      "peering-web-db_route-accepter-route-tables-tagged-Tier-private-to-10-0-0-0-16",
      "peering-web-db_route-requester-route-tables-tagged-Tier-web-to-10-2-0-0-16",
    ]);
  });

  it("refuses naming tables of it, contradicting tags, and tags on a side that lists its tables", () => {
    expect(() => peeringWith({ accepter: ["db-private-a-rtb"] })).toThrow(
      /peerings\[0\]\.routeTables\.accepter\[0\]: db finds its route tables at plan time \(discoverRouteTables\), so a peering cannot name some of them: leave it out for all of them, give \{tags: \{\.\.\.\}\} for those carrying tags, or \[\] for none/,
    );
    expect(() => peeringWith({ accepter: { tags: { Tier: "public" } } })).toThrow(/peerings\[0\]\.routeTables\.accepter\.tags: Tier=public contradicts Tier=private/);
    expect(() => withTables({ accepter: { tags: { Tier: "private" } } })).toThrow(
      /peerings\[0\]\.routeTables\.accepter\.tags: picks route tables by tags, which needs db to find its tables at plan time \(discoverRouteTables\); or name its tables \(db-private-a-rtb, db-private-b-rtb\)/,
    );
    expect(() => peeringWith({ accepter: { tags: {} } })).toThrow(/peerings\[0\]\.routeTables\.accepter/);
  });
});

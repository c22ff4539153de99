import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

// `npm run bench:plan` as the README runs it, at the smallest size: the mesh and its
// terraform_data twin both plan, with the same number of resources, and a same-account peering
// costs 3 resources (connection with DNS options inline, 2 routes).
describeWithTerraform("npm run bench:plan", () => {
  jest.setTimeout(120_000);
  it("plans a 3-VPC mesh and its terraform_data floor and prints the per-peering table", () => {
    const r = spawnSync("npm", ["run", "-s", "bench:plan", "--", "--sizes", "3", "--runs", "1"], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
    expect(r.stderr.split("\n").filter((l) => l && !/^npm (warn|notice)/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const [header, row] = r.stdout.trim().split("\n").slice(-2);
    expect(header).toMatch(/VPCs\s+peerings\s+resources\s+peering resources\/peering.*terraform_data floor/);
    // 3 VPCs: 3 peerings; 3 × (vpc, subnet, route table, association, emptied default security group) + 3 × 3 peering resources.
    expect(row.trim().split(/\s{2,}/).slice(0, 4)).toEqual(["3", "3", "24", "3.00"]);
  });
});

import { spawnSync } from "node:child_process";
import { join } from "node:path";

// `npm run bench:mesh` as help shows it, at the smallest sizes: one row per size, with the
// resources written (per VPC: vpc, subnet, route table, association, its emptied default security
// group and its flow log; once: the flow-log group, its KMS key, the role and its policy; per peering: 3).
it("npm run bench:mesh prints a row per mesh size with the resources written", () => {
  const r = spawnSync("npm", ["run", "-s", "bench:mesh", "--", "--sizes", "2,4", "--runs", "1"], { cwd: join(__dirname, ".."), encoding: "utf8" });
  expect(r.status).toBe(0);
  const rows = r.stdout.trim().split("\n").slice(-2).map((l) => l.trim().split(/\s{2,}/).slice(0, 3));
  expect(rows).toEqual([["2", "1", String(2 * 6 + 4 + 3)], ["4", "6", String(4 * 6 + 4 + 6 * 3)]]);
});

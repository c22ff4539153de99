import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describeWithTerraform } from "../../testing/offline-aws/jest";

// `npm run bench:split` as docs/scale.md runs it, at the smallest size: a 3-VPC mesh of existing
// VPCs split per VPC synthesizes 3 stacks, and the largest (the first VPC's: 2 connections and
// 2 requester routes) plans offline against the world the generator wrote.
describeWithTerraform("npm run bench:split", () => {
  jest.setTimeout(120_000);
  it("synthesizes one stack per VPC and plans the largest", () => {
    const r = spawnSync("npm", ["run", "-s", "bench:split", "--", "--sizes", "3"], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
    expect(r.stderr.split("\n").filter((l) => l && !/^npm (warn|notice)/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const [header, row] = r.stdout.trim().split("\n").slice(-2);
    expect(header).toMatch(/VPCs\s+peerings\s+stacks\s+synth \(all stacks\)\s+largest stack\s+resources\s+plan of it/);
    const cells = row.trim().split(/\s{2,}/);
    expect([cells[0], cells[1], cells[2], cells[4], cells[5]]).toEqual(["3", "3", "3", "mesh-3-vpc-vpc1", "4"]);
  });
});

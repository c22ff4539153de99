// Route timeouts (cloudposse's modules set aws_route create/update/delete timeouts): a config field
// per peering and for a mesh, and a VpcPeering / TargetRoutes prop; nothing changes without them.
import "cdktf/lib/testing/adapters/jest";
import { Route } from "@cdktf/provider-aws/lib/route";
import { parseConfig } from "../../modules/app/config/load";
import { labConfig, ofType, synthStack } from "../helpers/lab";

const withTimeouts = (extra: Record<string, unknown>) => parseConfig({ ...JSON.parse(JSON.stringify(labConfig())), ...extra }, "test.yaml");

it("peerings[].routeTimeouts become every route's timeouts; the lab without them has none", () => {
  const lab = labConfig();
  expect(ofType(synthStack(lab), "aws_route").every((r) => r.timeouts === undefined)).toBe(true);
  const config = withTimeouts({ peerings: [{ ...lab.peerings[0], routeTimeouts: { create: "10m", delete: "15m" } }] });
  const routes = ofType(synthStack(config), "aws_route");
  expect(routes).toHaveLength(2);
  for (const r of routes) expect(r.timeouts).toEqual({ create: "10m", delete: "15m" });
});

it("mesh.routeTimeouts apply to every mesh peering's routes", () => {
  const config = withTimeouts({ peerings: [], mesh: { topology: "full", routeTimeouts: { update: "3m" } } });
  const json = synthStack(config);
  expect(ofType(json, "aws_route")).toHaveLength(2);
  expect(json).toHaveResourceWithProperties(Route, { timeouts: { update: "3m" } });
});

it("refuses a timeout that is not a duration, naming the field", () => {
  const lab = labConfig();
  expect(() => withTimeouts({ peerings: [{ ...lab.peerings[0], routeTimeouts: { create: "ten minutes" } }] })).toThrow(/peerings\[0\]\.routeTimeouts\.create: must be a duration such as 30m, 1h or 90s/);
});

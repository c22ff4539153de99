// The endpoint rules in core/endpoints.ts, which the config and the constructs both apply.
import { bucketEndpointPolicy, chooseEndpointRouteTables, endpointConflicts, endpointProblems, endpointServiceName, endpointZoneName, type EndpointSpec } from "../../modules/core/endpoints";
import { formatProblem } from "../../modules/core/problems";

const vpc = (key: string) => ({ key, identity: `id:${key}` });
const table = (key: string, owner = "web") => ({ key, identity: `id:${owner}/${key}`, label: `${key} (vpcs.${owner})` });
const lines = (problems: { path: string; message: string; severity: "error" | "warning" }[]) => problems.map(formatProblem);

it("names services, prefix lists and zones as AWS does", () => {
  expect(endpointServiceName("s3", "us-west-2")).toBe("com.amazonaws.us-west-2.s3");
  expect(endpointZoneName("ecr.api", "eu-west-1")).toBe("ecr.api.eu-west-1.amazonaws.com");
  expect(bucketEndpointPolicy(["logs"])).toEqual({
    Version: "2012-10-17",
    Statement: [{ Sid: "OnlyTheseBuckets", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"] }],
  });
});

it("refuses a gateway endpoint for a service without one, shared with peers, or with interface fields, all at once", () => {
  const spec: EndpointSpec = { where: "endpoints[0]", type: "gateway", service: "ssm", vpc: vpc("web"), sharedWith: [vpc("api")], subnets: ["a"], port: 443, routeTables: [] };
  expect(lines(endpointProblems(spec))).toEqual([
    "endpoints[0].service: ssm has no gateway endpoint (AWS offers them for s3 and dynamodb only): make it an interface endpoint",
    "endpoints[0].sharedWith: a gateway endpoint serves only its own VPC: traffic from a peered VPC cannot use it (edge-to-edge routing is not supported); give each VPC its own gateway endpoint, or share an interface endpoint instead",
    "endpoints[0].subnets: is for interface endpoints: remove it, or make the endpoint an interface endpoint (a gateway endpoint is reached through route tables)",
    "endpoints[0].port: is for interface endpoints: remove it, or make the endpoint an interface endpoint",
    "endpoints[0].routeTables: selects no route table, so nothing would reach the endpoint: list at least one of the VPC's route tables, or leave routeTables out for all of them",
  ]);
});

it("refuses an interface endpoint without subnets, with a subnet twice, or centralized with private DNS on", () => {
  expect(lines(endpointProblems({ where: "", type: "interface", service: "ssm", vpc: vpc("hub") }))).toEqual([
    "subnets: list the subnets the endpoint's network interfaces go in, one per availability zone (ids or Name tags)",
  ]);
  const spec: EndpointSpec = { where: "endpoints[1]", type: "interface", service: "S3!", vpc: vpc("hub"), subnets: ["a", "b", "a"], privateDnsEnabled: true, sharedWith: [vpc("hub"), vpc("x"), vpc("x")], port: 70000 };
  expect(lines(endpointProblems(spec))).toEqual([
    'endpoints[1].service: "S3!" is not a service name: write the part after com.amazonaws.<region>., such as s3, dynamodb, ssm or ecr.api',
    "endpoints[1].subnets[2]: lists a again (subnets[0]): an interface endpoint takes one subnet per availability zone; remove the duplicate",
    "endpoints[1].port: 70000 is not a port: give a whole number from 1 to 65535 (default 443)",
    "endpoints[1].privateDnsEnabled: must be false for a centralized endpoint (sharedWith): AWS's own private DNS answers only inside hub, and the zone this stack makes for the spokes would clash with it there; set privateDnsEnabled: false",
    "endpoints[1].sharedWith[0]: hub is the endpoint's own VPC: list only the other VPCs (spokes) that reach it",
    "endpoints[1].sharedWith[2]: lists x twice: remove the duplicate",
  ]);
});

it("chooses route tables by key, all by default, and names the known ones for an unknown key", () => {
  const available = [table("a"), table("b")];
  expect(chooseEndpointRouteTables(available, undefined, "p").tables.map((t) => t.key)).toEqual(["a", "b"]);
  const chosen = chooseEndpointRouteTables(available, ["b", "c"], "endpoints[0].routeTables");
  expect(chosen.tables.map((t) => t.key)).toEqual(["b"]);
  expect(lines(chosen.problems)).toEqual(["endpoints[0].routeTables[1]: c is not one of the VPC's route tables: use one of a, b, as listed for the VPC"]);
});

it("refuses two gateway endpoints of one service in one route table, naming the table, both endpoints and the fix", () => {
  const one: EndpointSpec = { where: "endpoints[0]", type: "gateway", service: "s3", vpc: vpc("web"), routeTables: [table("a"), table("b")] };
  const two: EndpointSpec = { where: "endpoints[1]", type: "gateway", service: "s3", vpc: vpc("web"), routeTables: [table("b")] };
  const dynamo: EndpointSpec = { ...two, where: "endpoints[2]", service: "dynamodb" };
  expect(lines(endpointConflicts([one, two, dynamo]))).toEqual([
    "endpoints[1].routeTables[0]: route table b (vpcs.web) already has a gateway endpoint for s3 (endpoints[0]): AWS allows one endpoint per service in a route table (both would route the s3 prefix list); remove the table from one of the two endpoints",
  ]);
});

it("refuses a spoke's own endpoint for a centralized service, a spoke of two hubs, and a spoke not peered with the hub", () => {
  const hub: EndpointSpec = { where: "endpoints[0]", type: "interface", service: "ssm", vpc: vpc("hub"), subnets: ["s"], privateDnsEnabled: false, sharedWith: [vpc("a"), vpc("b"), vpc("c")] };
  const own: EndpointSpec = { where: "endpoints[1]", type: "interface", service: "ssm", vpc: vpc("a"), subnets: ["t"] };
  const hub2: EndpointSpec = { where: "endpoints[2]", type: "interface", service: "ssm", vpc: vpc("hub2"), subnets: ["u"], privateDnsEnabled: false, sharedWith: [vpc("b")] };
  const peered = (x: string, y: string) => [x, y].sort().join() !== ["id:c", "id:hub"].join();
  expect(lines(endpointConflicts([hub, own, hub2], peered))).toEqual([
    "endpoints[0].sharedWith[0]: a has its own interface endpoint for ssm (endpoints[1]), which conflicts with the centralized one in hub: remove a from sharedWith, or remove its own endpoint",
    "endpoints[0].sharedWith[2]: c is not peered with hub, so it cannot reach the endpoint there: add a peering between them (or a mesh that pairs them), or remove c from sharedWith",
    "endpoints[2].sharedWith[0]: b already reaches ssm through the endpoint in hub (endpoints[0]): a VPC takes one private zone per name; remove it from one sharedWith",
  ]);
});

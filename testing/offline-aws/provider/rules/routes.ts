// Routes and route tables: aws_route, aws_route_table (inline routes), aws_route_table_association.
// Schema-level ExactlyOneOf/ConflictsWith at validate; what EC2 refuses at apply (a second route
// to one destination, a route more specific than the VPC's local route through a peering, a
// peering that does not touch the table's VPC, a subnet already associated, the routes quota).
import { cidrWithin } from "../cidr";
import { conflictsRule, customRule, error, exactlyOneRule, str } from "./check";
import { peeringFacts, vpcFacts, type Ledger } from "./ledger";
import type { Obj, Rule, Skipped } from "./types";

const ROUTE = "internal/service/ec2/vpc_route.go";
const TABLE = "internal/service/ec2/vpc_route_table.go";
const ASSOC = "internal/service/ec2/vpc_route_table_association.go";
const AWS_ROUTES = "AWS VPC route table docs (CreateRoute errors, quotas); passed through by ";

export const ROUTE_DESTINATIONS = ["destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"];
export const ROUTE_TARGETS = [
  "carrier_gateway_id", "core_network_arn", "egress_only_gateway_id", "gateway_id", "local_gateway_id",
  "nat_gateway_id", "network_interface_id", "transit_gateway_id", "vpc_endpoint_id", "vpc_peering_connection_id",
];

const destinationOf = (o: Obj) => str(o.destination_cidr_block) || str(o.destination_ipv6_cidr_block) || str(o.destination_prefix_list_id) || str(o.cidr_block) || str(o.ipv6_cidr_block);

/** Destinations a table already holds: world routes, routes applied this run, inline routes of tables applied this run. */
function destinationsIn(ledger: Ledger, table: string, selfId: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const rec = ledger.worldRecords("route_tables").find((t) => t.id === table);
  for (const r of ((rec?.routes ?? []) as Obj[])) {
    const d = destinationOf(r);
    if (d) out.set(d, "an existing route");
  }
  for (const a of ledger.of("aws_route")) {
    const d = destinationOf(a.values);
    if (a.values.route_table_id === table && a.values.id !== selfId && d) out.set(d, `aws_route ${String(a.values.id)}`);
  }
  for (const t of ledger.of("aws_route_table")) {
    if (t.values.id !== table) continue;
    for (const r of (Array.isArray(t.values.route) ? (t.values.route as Obj[]) : [])) {
      const d = destinationOf(r);
      if (d) out.set(d, "an inline route of aws_route_table");
    }
  }
  return out;
}

/** The VPC of a route table: the world's record or a table applied in this run. */
function tableVpc(ledger: Ledger, table: string): string | undefined {
  const rec = ledger.worldRecords("route_tables").find((t) => t.id === table);
  if (rec && typeof rec.vpc_id === "string") return rec.vpc_id;
  const made = ledger.lookup("aws_route_table", table);
  return made ? str(made.values.vpc_id) : undefined;
}

export const rules: Rule[] = [
  exactlyOneRule({ id: "route.destination.exactly_one", type: "aws_route", source: ROUTE, summary: "Exactly one of destination_cidr_block, destination_ipv6_cidr_block, destination_prefix_list_id" }, ROUTE_DESTINATIONS),
  exactlyOneRule({ id: "route.target.exactly_one", type: "aws_route", source: ROUTE, summary: "Exactly one route target" }, ROUTE_TARGETS),
  conflictsRule({ id: "route.carrier_gateway_id.ipv4_only", type: "aws_route", source: ROUTE, summary: "carrier_gateway_id conflicts with destination_ipv6_cidr_block (IPv4 only)" }, "carrier_gateway_id", ["destination_ipv6_cidr_block"]),
  conflictsRule({ id: "route.egress_only_gateway_id.ipv6_only", type: "aws_route", source: ROUTE, summary: "egress_only_gateway_id conflicts with destination_cidr_block (IPv6 only)" }, "egress_only_gateway_id", ["destination_cidr_block"]),
  conflictsRule({ id: "route.vpc_endpoint_id.prefix_list", type: "aws_route", source: ROUTE, summary: "vpc_endpoint_id conflicts with destination_prefix_list_id" }, "vpc_endpoint_id", ["destination_prefix_list_id"]),
  exactlyOneRule({ id: "route_table_association.target.exactly_one", type: "aws_route_table_association", source: ASSOC, summary: "Exactly one of subnet_id, gateway_id" }, ["subnet_id", "gateway_id"]),

  customRule({ id: "route.destination.duplicate", step: "apply", type: "aws_route", source: AWS_ROUTES + ROUTE, summary: "One route per destination in a table (RouteAlreadyExists), the VPC's local routes included", onCreateOnly: true }, (o, ctx) => {
    const table = str(o.route_table_id);
    const dest = destinationOf(o);
    if (!table || !dest || !ctx.ledger) return [];
    const held = destinationsIn(ctx.ledger, table, o.id);
    const vpc = tableVpc(ctx.ledger, table);
    const facts = vpc ? vpcFacts(ctx.ledger, vpc) : undefined;
    if (facts && [...facts.ipv4, ...facts.ipv6].includes(dest)) held.set(dest, `the local route of ${vpc}`);
    const by = held.get(dest);
    const attr = ROUTE_DESTINATIONS.find((d) => o[d] === dest) ?? "destination_cidr_block";
    return by ? [error("EC2 refused the route", `${attr}: RouteAlreadyExists: the route identified by ${dest} already exists in ${table} (${by}).`, [attr])] : [];
  }),
  customRule({ id: "route.destination.more_specific_than_local", step: "apply", type: "aws_route", source: AWS_ROUTES + ROUTE, summary: "A route inside the VPC's own block may only target an interface or instance (not a peering)", onCreateOnly: true }, (o, ctx) => {
    const table = str(o.route_table_id);
    const dest = str(o.destination_cidr_block) || str(o.destination_ipv6_cidr_block);
    if (!table || !dest || !ctx.ledger || typeof o.vpc_peering_connection_id !== "string") return [];
    const vpc = tableVpc(ctx.ledger, table);
    const facts = vpc ? vpcFacts(ctx.ledger, vpc) : undefined;
    const local = facts && [...facts.ipv4, ...facts.ipv6].find((b) => b !== dest && cidrWithin(dest, b));
    const attr = o.destination_cidr_block === dest ? "destination_cidr_block" : "destination_ipv6_cidr_block";
    return local ? [error("EC2 refused the route", `${attr}: InvalidParameterValue: ${dest} is more specific than ${local}, a block of the table's own VPC ${vpc}; such a route can target only a network interface or an instance, not a peering connection.`, [attr])] : [];
  }),
  customRule({ id: "route.vpc_peering_connection_id.other_vpc", step: "apply", type: "aws_route", source: AWS_ROUTES + ROUTE, summary: "A route through a peering must be in a table of one of its two VPCs", onCreateOnly: true }, (o, ctx) => {
    const table = str(o.route_table_id);
    const pcx = str(o.vpc_peering_connection_id);
    if (!table || !pcx || !ctx.ledger) return [];
    const vpc = tableVpc(ctx.ledger, table);
    const c = peeringFacts(ctx.ledger, pcx);
    if (!vpc || !c || vpc === c.requesterVpc || vpc === c.accepterVpc) return [];
    return [error("EC2 refused the route", `vpc_peering_connection_id: InvalidParameterValue: route table ${table} (VPC ${vpc}) and peering connection ${pcx} (VPCs ${c.requesterVpc}, ${c.accepterVpc}) belong to different networks.`, ["vpc_peering_connection_id"])];
  }),
  customRule({ id: "route.route_table_id.inline_routes", step: "apply", type: "aws_route", source: TABLE + " (resource docs: inline routes and aws_route on one table conflict)", summary: "No aws_route in a table whose aws_route_table declares inline routes", onCreateOnly: true }, (o, ctx) => {
    const table = str(o.route_table_id);
    const made = table && ctx.ledger ? ctx.ledger.lookup("aws_route_table", table) : undefined;
    const inline = made && Array.isArray(made.values.route) ? made.values.route.length : 0;
    return inline ? [error("Conflicting route management", `route_table_id: ${table} is an aws_route_table with ${inline} inline route block(s); the table's next apply removes every route it does not declare, this one included. Use either inline routes or aws_route resources for one table.`, ["route_table_id"])] : [];
  }),
  customRule({ id: "route.gateway_id.local", step: "apply", type: "aws_route", source: ROUTE + " (Create: local routes cannot be created)", summary: "gateway_id = \"local\" cannot be created, only imported", onCreateOnly: true }, (o) =>
    o.gateway_id === "local" ? [error("Cannot create a local route", "gateway_id: cannot create local Route, use `terraform import` to manage existing local Routes", ["gateway_id"])] : []),
  customRule({ id: "route.quota.per_table", step: "apply", type: "aws_route", source: AWS_ROUTES + ROUTE + " (quota: 50 routes per table by default)", summary: "At most 50 non-propagated routes per table (default quota)", onCreateOnly: true }, (o, ctx) => {
    const table = str(o.route_table_id);
    if (!table || !ctx.ledger) return [];
    const n = destinationsIn(ctx.ledger, table, o.id).size;
    return n >= 50 ? [error("EC2 refused the route", `route_table_id: RouteLimitExceeded: ${table} already holds ${n} routes, the default quota per route table.`, ["route_table_id"])] : [];
  }),
  customRule({ id: "route_table.route.duplicate", step: "apply", type: "aws_route_table", source: AWS_ROUTES + TABLE, summary: "Inline routes of a table: one per destination", onCreateOnly: true }, (o) => {
    const seen = new Set<string>();
    const routes = Array.isArray(o.route) ? (o.route as Obj[]) : [];
    for (const r of routes) {
      const d = destinationOf(r);
      if (d && seen.has(d)) return [error("EC2 refused the route", `route: RouteAlreadyExists: two inline routes for ${d}.`, ["route"])];
      if (d) seen.add(d);
    }
    return [];
  }),
  customRule({ id: "route_table_association.subnet_id.already_associated", step: "apply", type: "aws_route_table_association", source: AWS_ROUTES + ASSOC, summary: "A subnet is associated with one route table at a time (Resource.AlreadyAssociated)", onCreateOnly: true }, (o, ctx) => {
    const subnet = str(o.subnet_id);
    if (!subnet || !ctx.ledger) return [];
    const other = ctx.ledger.of("aws_route_table_association").find((a) => a.values.subnet_id === subnet && a.values.id !== o.id);
    const existing = ctx.ledger.worldRecords("route_tables").find((t) => ((t.associations ?? []) as Obj[]).some((a) => a.subnet_id === subnet && a.main !== true));
    const table = other ? String(other.values.route_table_id) : existing ? String(existing.id) : undefined;
    return table ? [error("EC2 refused the association", `subnet_id: Resource.AlreadyAssociated: subnet ${subnet} is already associated with route table ${table}; a subnet has one route table at a time (replace the association instead).`, ["subnet_id"])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "route.target.exists", step: "apply", types: ["aws_route"], source: ROUTE, summary: "The target (gateway, NAT, ENI, TGW, peering) must exist (Invalid*ID.NotFound)", why: "targets made outside the world (ids typed into configs) cannot be told from missing ones" },
];

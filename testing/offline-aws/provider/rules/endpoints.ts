// VPC endpoints: aws_vpc_endpoint, aws_vpc_endpoint_route_table_association.
import { customRule, enumRule, error, isSet, policyJsonRule, str } from "./check";
import type { Obj, Rule, Skipped } from "./types";

const EP = "internal/service/ec2/vpc_endpoint.go";
const EP_RT = "internal/service/ec2/vpc_endpoint_route_table_association.go";
const AWS_EP = "EC2 CreateVpcEndpoint API (InvalidParameter); passed through by " + EP;
const E = "aws_vpc_endpoint";
const A = "aws_vpc_endpoint_route_table_association";

/** The endpoint's type, with the provider's default. */
const typeOf = (o: Obj) => str(o.vpc_endpoint_type) ?? "Gateway";

export const rules: Rule[] = [
  enumRule({ id: "vpc_endpoint.vpc_endpoint_type.enum", type: E, source: EP, summary: "vpc_endpoint_type: Gateway, GatewayLoadBalancer, Interface, Resource or ServiceNetwork" }, "vpc_endpoint_type", ["Gateway", "GatewayLoadBalancer", "Interface", "Resource", "ServiceNetwork"]),
  enumRule({ id: "vpc_endpoint.ip_address_type.enum", type: E, source: EP, summary: "ip_address_type: ipv4, dualstack or ipv6" }, "ip_address_type", ["ipv4", "dualstack", "ipv6"]),
  policyJsonRule({ id: "vpc_endpoint.policy.json", type: E, source: EP, summary: "policy is a JSON policy document" }, "policy"),
  customRule({ id: "vpc_endpoint.gateway.no_subnets_or_groups", step: "apply", type: E, source: AWS_EP, summary: "A Gateway endpoint takes no subnet_ids or security_group_ids", onCreateOnly: true }, (o) =>
    typeOf(o) !== "Gateway" ? [] : ["subnet_ids", "security_group_ids"].filter((n) => isSet(o[n])).map((n) =>
      error("creating EC2 VPC Endpoint", `${n}: InvalidParameter: ${n === "subnet_ids" ? "Subnets" : "Security groups"} can only be specified for Interface type VPC endpoints`, [n]))),
  customRule({ id: "vpc_endpoint.interface.no_route_tables", step: "apply", type: E, source: AWS_EP, summary: "Only a Gateway endpoint takes route_table_ids", onCreateOnly: true }, (o) =>
    typeOf(o) !== "Gateway" && isSet(o.route_table_ids) ? [error("creating EC2 VPC Endpoint", `route_table_ids: InvalidParameter: route tables can only be specified for Gateway type VPC endpoints, not ${typeOf(o)}.`, ["route_table_ids"])] : []),
  customRule({ id: "vpc_endpoint.gateway.no_private_dns", step: "apply", type: E, source: AWS_EP, summary: "private_dns_enabled only for an Interface endpoint", onCreateOnly: true }, (o) =>
    typeOf(o) === "Gateway" && o.private_dns_enabled === true ? [error("creating EC2 VPC Endpoint", "private_dns_enabled: InvalidParameter: private DNS can only be enabled for Interface type VPC endpoints.", ["private_dns_enabled"])] : []),
  customRule({ id: "vpc_endpoint_route_table_association.duplicate", step: "apply", type: A, source: "EC2 ModifyVpcEndpoint API (RouteAlreadyExists: one route per prefix list in a table); passed through by " + EP_RT, summary: "A route table is associated with an endpoint once", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger || !str(o.route_table_id) || !str(o.vpc_endpoint_id)) return [];
    const twin = ctx.ledger.of(A).some((a) => a.values.id !== o.id && a.values.route_table_id === o.route_table_id && a.values.vpc_endpoint_id === o.vpc_endpoint_id);
    return twin ? [error("EC2 refused the association", `route_table_id: RouteAlreadyExists: ${str(o.route_table_id)} already routes to ${str(o.vpc_endpoint_id)}.`, ["route_table_id"])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "vpc_endpoint.service_name.exists", step: "apply", types: [E], source: AWS_EP, summary: "service_name must be a service offered in the region (InvalidServiceName)", why: "the world lists the AWS services' prefix lists, not every endpoint service of every region" },
  { id: "vpc_endpoint.interface.one_subnet_per_az", step: "apply", types: [E], source: AWS_EP, summary: "An Interface endpoint takes at most one subnet per availability zone (DuplicateSubnetsInSameZone)", why: "the project's own precondition checks it at plan time from the subnets' zones; the world's subnets do not all carry zones" },
];

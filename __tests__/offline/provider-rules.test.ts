// The stand-in's provider rules (testing/offline-aws/provider/rules): for every rule, a minimal
// configuration that breaks it must be refused with a diagnostic naming the argument, and one
// that respects it must pass. Pure rules run directly (fast); a few real-Terraform runs prove
// each step (validate, plan, apply) is wired through. The README's coverage table must be current.
import * as fs from "fs";
import { ensureOfflineBuild } from "../../testing/offline-aws/build";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir, writeJsonStack } from "../../testing/offline-aws/jest";
import { RULES, SKIPPED } from "../../testing/offline-aws/provider/rules";
import { Ledger } from "../../testing/offline-aws/provider/rules/ledger";
import { ANY, type Obj, type Rule } from "../../testing/offline-aws/provider/rules/types";
import type { Value } from "../../testing/offline-aws/provider/cty";
import type { Diagnostic } from "../../testing/offline-aws/provider/diagnostics";
import type { World } from "../../testing/offline-aws/provider/world";
import type { BlockSchema, CtyType, ProviderSchema } from "../../testing/offline-aws/schema/types";
import { BEGIN, END, readmeWithRules, rulesSection } from "../../testing/offline-aws/rules-doc";
import { repoRoot } from "../../testing/offline-aws/build";
import * as path from "path";

const ACCOUNT = "111111111111";
const WORLD: World = {
  account_id: ACCOUNT, default_region: "us-west-2", partition: "aws",
  vpcs: [
    { id: "vpc-a", region: "us-west-2", cidr_block: "10.0.0.0/16" },
    { id: "vpc-b", region: "us-west-2", cidr_block: "10.1.0.0/16" },
    { id: "vpc-c", region: "us-west-2", cidr_block: "10.0.128.0/20" },
    { id: "vpc-e", region: "us-east-1", cidr_block: "10.5.0.0/16" },
  ],
  subnets: [{ id: "subnet-ta", region: "us-west-2", vpc_id: "vpc-a", cidr_block: "10.0.250.0/24", availability_zone: "us-west-2a" }, { id: "subnet-ta2", region: "us-west-2", vpc_id: "vpc-a", cidr_block: "10.0.251.0/24", availability_zone: "us-west-2a" }, { id: "subnet-tb", region: "us-west-2", vpc_id: "vpc-a", cidr_block: "10.0.252.0/24", availability_zone: "us-west-2b" }],
  route_tables: [{ id: "rtb-a", region: "us-west-2", vpc_id: "vpc-a" }, { id: "rtb-b", region: "us-west-2", vpc_id: "vpc-b" }],
  iam_roles: [{ name: "existing-role" }],
  log_groups: [{ name: "taken", region: "us-west-2" }],
  route53_zones: [{ id: "ZPRIV", name: "lab.private", vpc: [{ vpc_id: "vpc-a" }] }],
};

type Applied = [type: string, values: Obj, account?: string];
interface Case { id: string; type?: string; bad: Obj; good: Obj; applied?: Applied[]; goodApplied?: Applied[] }

const ARN_ROLE = "arn:aws:iam::111111111111:role/flow";
/** A RAM share's ARN (its id too), in an account. */
const RS = (name: string, account = "222222222222") => `arn:aws:ram:us-west-2:${account}:resource-share/${name}`;
const LOG_ARN = "arn:aws:logs:us-west-2:111111111111:log-group:g";
const DNS = [{ allow_remote_vpc_dns_resolution: true }];
const pcx = (id: string, vpc: string, peer: string, extra: Obj = {}): Applied => ["aws_vpc_peering_connection", { id, vpc_id: vpc, peer_vpc_id: peer, accept_status: "pending-acceptance", requester: [], accepter: [], ...extra }];
const crossRegion = pcx("pcx-x", "vpc-a", "vpc-e", { peer_region: "us-east-1", region: "us-west-2" });
const many = (n: number, make: (i: number) => Applied) => Array.from({ length: n }, (_, i) => make(i));
const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

/** Hand-written cases for the rules that judge more than one argument's value. */
const CASES: Case[] = [
  { id: "common.region.partition", type: "aws_vpc", bad: { region: "cn-north-1" }, good: { region: "us-east-1" } },
  { id: "common.tags.limits", type: "aws_vpc", bad: { tags: { "aws:owner": "x" } }, good: { tags: { Name: "x" } } },
  { id: "common.cidr.network_address", type: "aws_vpc", bad: { cidr_block: "10.0.0.1/16" }, good: { cidr_block: "10.0.0.0/16" } },
  { id: "peering.peer_region.auto_accept", bad: { vpc_id: "vpc-a", peer_vpc_id: "vpc-e", peer_region: "us-east-1", auto_accept: true }, good: { vpc_id: "vpc-a", peer_vpc_id: "vpc-e", peer_region: "us-east-1", auto_accept: false } },
  { id: "peering.auto_accept.cross_account", bad: { auto_accept: true, peer_owner_id: "222222222222" }, good: { auto_accept: true, peer_owner_id: ACCOUNT } },
  { id: "peering.vpc_id.self", bad: { vpc_id: "vpc-a", peer_vpc_id: "vpc-a" }, good: { vpc_id: "vpc-a", peer_vpc_id: "vpc-b" } },
  { id: "peering.cidr.overlap", bad: { vpc_id: "vpc-a", peer_vpc_id: "vpc-c" }, good: { vpc_id: "vpc-a", peer_vpc_id: "vpc-b" } },
  { id: "peering.pair.duplicate", applied: [pcx("pcx-1", "vpc-a", "vpc-b")], bad: { id: "pcx-2", vpc_id: "vpc-b", peer_vpc_id: "vpc-a" }, good: { id: "pcx-2", vpc_id: "vpc-b", peer_vpc_id: "vpc-c" } },
  { id: "peering.quota.active_per_vpc", applied: many(50, (i) => pcx(`pcx-q${i}`, "vpc-a", `vpc-q${i}`)), bad: { vpc_id: "vpc-a", peer_vpc_id: "vpc-b" }, good: { vpc_id: "vpc-b", peer_vpc_id: "vpc-c" } },
  { id: "peering.options.not_active", bad: { vpc_id: "vpc-a", peer_vpc_id: "vpc-b", requester: DNS }, good: { vpc_id: "vpc-a", peer_vpc_id: "vpc-b", auto_accept: true, requester: DNS } },
  { id: "accepter.connection.region_account", applied: [crossRegion], bad: { vpc_peering_connection_id: "pcx-x" }, good: { vpc_peering_connection_id: "pcx-x", region: "us-east-1" } },
  { id: "accepter.options.not_active", applied: [crossRegion], bad: { vpc_peering_connection_id: "pcx-x", region: "us-east-1", accepter: DNS }, good: { vpc_peering_connection_id: "pcx-x", region: "us-east-1", auto_accept: true, accepter: DNS } },
  { id: "peering.options.side", applied: [crossRegion, ["aws_vpc_peering_connection_accepter", { id: "pcx-x", vpc_peering_connection_id: "pcx-x" }]], bad: { vpc_peering_connection_id: "pcx-x", accepter: DNS }, good: { vpc_peering_connection_id: "pcx-x", requester: DNS } },
  // Connections are remembered process-wide by id (another provider configuration accepts them): a case of its own needs an id of its own.
  { id: "options.connection.not_active", applied: [pcx("pcx-o", "vpc-a", "vpc-e", { peer_region: "us-east-1" })], goodApplied: [pcx("pcx-o2", "vpc-a", "vpc-e", { peer_region: "us-east-1" }), ["aws_vpc_peering_connection_accepter", { id: "pcx-o2", vpc_peering_connection_id: "pcx-o2" }]], bad: { vpc_peering_connection_id: "pcx-o", requester: DNS }, good: { vpc_peering_connection_id: "pcx-o2", requester: DNS } },
  { id: "options.inline.conflict", applied: [pcx("pcx-y", "vpc-a", "vpc-b", { auto_accept: true, accept_status: "active", requester: DNS }), pcx("pcx-z", "vpc-a", "vpc-e", { auto_accept: true, accept_status: "active" })], bad: { vpc_peering_connection_id: "pcx-y" }, good: { vpc_peering_connection_id: "pcx-z" } },
  { id: "route.destination.duplicate", applied: [["aws_route", { id: "r-1", route_table_id: "rtb-a", destination_cidr_block: "10.1.0.0/16" }]], bad: { id: "r-2", route_table_id: "rtb-a", destination_cidr_block: "10.1.0.0/16" }, good: { id: "r-2", route_table_id: "rtb-a", destination_cidr_block: "10.2.0.0/16" } },
  { id: "route.destination.more_specific_than_local", bad: { route_table_id: "rtb-a", destination_cidr_block: "10.0.5.0/24", vpc_peering_connection_id: "pcx-1" }, good: { route_table_id: "rtb-a", destination_cidr_block: "10.1.0.0/16", vpc_peering_connection_id: "pcx-1" } },
  { id: "route.vpc_peering_connection_id.other_vpc", applied: [pcx("pcx-bc", "vpc-b", "vpc-c")], bad: { route_table_id: "rtb-a", destination_cidr_block: "10.1.0.0/16", vpc_peering_connection_id: "pcx-bc" }, good: { route_table_id: "rtb-b", destination_cidr_block: "10.0.128.0/20", vpc_peering_connection_id: "pcx-bc" } },
  { id: "route.route_table_id.inline_routes", applied: [["aws_route_table", { id: "rtb-new", vpc_id: "vpc-a", route: [{ cidr_block: "10.1.0.0/16" }] }]], bad: { route_table_id: "rtb-new", destination_cidr_block: "10.2.0.0/16" }, good: { route_table_id: "rtb-a", destination_cidr_block: "10.2.0.0/16" } },
  { id: "route.gateway_id.local", bad: { gateway_id: "local" }, good: { gateway_id: "igw-1" } },
  { id: "route.quota.per_table", applied: many(50, (i) => ["aws_route", { id: `r-q${i}`, route_table_id: "rtb-a", destination_cidr_block: `10.${100 + i}.0.0/16` }]), bad: { route_table_id: "rtb-a", destination_cidr_block: "10.200.0.0/16" }, good: { route_table_id: "rtb-b", destination_cidr_block: "10.200.0.0/16" } },
  { id: "route_table.route.duplicate", bad: { route: [{ cidr_block: "10.1.0.0/16" }, { cidr_block: "10.1.0.0/16" }] }, good: { route: [{ cidr_block: "10.1.0.0/16" }, { cidr_block: "10.2.0.0/16" }] } },
  { id: "route_table_association.subnet_id.already_associated", applied: [["aws_route_table_association", { id: "rtbassoc-1", subnet_id: "subnet-1", route_table_id: "rtb-a" }]], bad: { id: "rtbassoc-2", subnet_id: "subnet-1" }, good: { id: "rtbassoc-2", subnet_id: "subnet-2" } },
  { id: "transit_gateway_vpc_attachment.vpc.duplicate", applied: [["aws_ec2_transit_gateway_vpc_attachment", { id: "tgw-attach-1", vpc_id: "vpc-a", transit_gateway_id: "tgw-1" }]], bad: { id: "tgw-attach-2", vpc_id: "vpc-a", transit_gateway_id: "tgw-1" }, good: { id: "tgw-attach-2", vpc_id: "vpc-b", transit_gateway_id: "tgw-1" } },
  { id: "transit_gateway_vpc_attachment.subnet_ids.one_per_zone", bad: { vpc_id: "vpc-a", subnet_ids: ["subnet-ta", "subnet-ta2"] }, good: { vpc_id: "vpc-a", subnet_ids: ["subnet-ta", "subnet-tb"] } },
  { id: "transit_gateway_route.target.one_of", bad: { destination_cidr_block: "10.1.0.0/16", transit_gateway_route_table_id: "tgw-rtb-1" }, good: { destination_cidr_block: "10.1.0.0/16", transit_gateway_route_table_id: "tgw-rtb-1", blackhole: true } },
  { id: "transit_gateway_route.destination.duplicate", applied: [["aws_ec2_transit_gateway_route", { id: "tgw-rtb-1_10.1.0.0/16", transit_gateway_route_table_id: "tgw-rtb-1", destination_cidr_block: "10.1.0.0/16", blackhole: true }]], bad: { id: "x", transit_gateway_route_table_id: "tgw-rtb-1", destination_cidr_block: "10.1.0.0/16", blackhole: true }, good: { id: "x", transit_gateway_route_table_id: "tgw-rtb-1", destination_cidr_block: "10.2.0.0/16", blackhole: true } },
  // Across accounts and regions: RAM shares (ARNs name the owner), attachments to shared gateways, acceptances.
  { id: "transit_gateway_vpc_attachment.transit_gateway.shared", applied: [
    ["aws_ec2_transit_gateway", { id: "tgw-shared1", arn: "arn:aws:ec2:us-west-2:222222222222:transit-gateway/tgw-shared1" }, "222222222222"],
    ["aws_ec2_transit_gateway", { id: "tgw-lone1", arn: "arn:aws:ec2:us-west-2:222222222222:transit-gateway/tgw-lone1" }, "222222222222"],
    ["aws_ram_resource_share", { id: RS("s5"), arn: RS("s5"), allow_external_principals: true }, "222222222222"],
    ["aws_ram_resource_association", { id: `${RS("s5")},tgw`, resource_share_arn: RS("s5"), resource_arn: "arn:aws:ec2:us-west-2:222222222222:transit-gateway/tgw-shared1" }, "222222222222"],
    ["aws_ram_principal_association", { id: `${RS("s5")},111111111111`, resource_share_arn: RS("s5"), principal: ACCOUNT }, "222222222222"],
    ["aws_ram_resource_share_accepter", { id: RS("s5"), share_arn: RS("s5") }, ACCOUNT],
  ], bad: { transit_gateway_id: "tgw-lone1", vpc_id: "vpc-a" }, good: { transit_gateway_id: "tgw-shared1", vpc_id: "vpc-a" } },
  { id: "transit_gateway_vpc_attachment_accepter.attachment.pending", applied: [
    ["aws_ec2_transit_gateway", { id: "tgw-own1", arn: "arn:aws:ec2:us-west-2:111111111111:transit-gateway/tgw-own1" }],
    ["aws_ec2_transit_gateway_vpc_attachment", { id: "tgw-attach-x1", transit_gateway_id: "tgw-own1", vpc_id: "vpc-x" }, "222222222222"],
    ["aws_ec2_transit_gateway_vpc_attachment", { id: "tgw-attach-x2", transit_gateway_id: "tgw-own1", vpc_id: "vpc-a" }],
  ], bad: { transit_gateway_attachment_id: "tgw-attach-x2" }, good: { transit_gateway_attachment_id: "tgw-attach-x1" } },
  { id: "transit_gateway_peering_attachment_accepter.region.peer", applied: [
    ["aws_ec2_transit_gateway_peering_attachment", { id: "tgw-attach-p1", region: "us-east-1", transit_gateway_id: "tgw-e", peer_transit_gateway_id: "tgw-w", peer_region: "us-west-2", peer_account_id: ACCOUNT }],
    ["aws_ec2_transit_gateway_peering_attachment", { id: "tgw-attach-p2", region: "us-east-1", transit_gateway_id: "tgw-e", peer_transit_gateway_id: "tgw-eu", peer_region: "eu-west-1", peer_account_id: ACCOUNT }],
  ], bad: { transit_gateway_attachment_id: "tgw-attach-p2" }, good: { transit_gateway_attachment_id: "tgw-attach-p1" } },
  { id: "transit_gateway_route_table_propagation.attachment.peering", applied: [["aws_ec2_transit_gateway_peering_attachment", { id: "tgw-attach-p3", transit_gateway_id: "tgw-e", peer_transit_gateway_id: "tgw-w", peer_region: "us-west-2" }]], bad: { transit_gateway_attachment_id: "tgw-attach-p3", transit_gateway_route_table_id: "tgw-rtb-1" }, good: { transit_gateway_attachment_id: "tgw-attach-v3", transit_gateway_route_table_id: "tgw-rtb-1" } },
  { id: "ram_principal_association.principal.external", applied: [
    ["aws_ram_resource_share", { id: RS("s1"), arn: RS("s1"), allow_external_principals: false }],
    ["aws_ram_resource_share", { id: RS("s2"), arn: RS("s2"), allow_external_principals: true }],
  ], bad: { resource_share_arn: RS("s1"), principal: "222222222222" }, good: { resource_share_arn: RS("s2"), principal: "222222222222" } },
  { id: "ram_resource_share_accepter.share_arn.invitation", applied: [
    ["aws_ram_resource_share", { id: RS("s3", "222222222222"), arn: RS("s3", "222222222222"), allow_external_principals: true }, "222222222222"],
    ["aws_ram_principal_association", { id: `${RS("s3", "222222222222")},111111111111`, resource_share_arn: RS("s3", "222222222222"), principal: ACCOUNT }, "222222222222"],
    ["aws_ram_resource_share", { id: RS("s4", "222222222222"), arn: RS("s4", "222222222222"), allow_external_principals: true }, "222222222222"],
  ], bad: { share_arn: RS("s4", "222222222222") }, good: { share_arn: RS("s3", "222222222222") } },
  { id: "vpc.cidr_block.prefix", bad: { cidr_block: "10.0.0.0/8" }, good: { cidr_block: "10.0.0.0/16" } },
  { id: "subnet.cidr_block.prefix", bad: { cidr_block: "10.0.0.0/29" }, good: { cidr_block: "10.0.1.0/24" } },
  { id: "subnet.cidr_block.in_vpc", bad: { vpc_id: "vpc-a", cidr_block: "10.1.0.0/24" }, good: { vpc_id: "vpc-a", cidr_block: "10.0.1.0/24" } },
  { id: "subnet.cidr_block.conflict", applied: [["aws_subnet", { id: "subnet-1", vpc_id: "vpc-a", cidr_block: "10.0.1.0/24" }]], bad: { id: "subnet-2", vpc_id: "vpc-a", cidr_block: "10.0.1.128/25" }, good: { id: "subnet-2", vpc_id: "vpc-a", cidr_block: "10.0.2.0/24" } },
  { id: "subnet.availability_zone.region", bad: { availability_zone: "us-east-1a" }, good: { availability_zone: "us-west-2a" } },
  { id: "cidr_association.cidr_block.prefix", bad: { cidr_block: "100.64.0.0/30" }, good: { cidr_block: "100.64.0.0/20" } },
  { id: "cidr_association.cidr_block.restricted", bad: { vpc_id: "vpc-a", cidr_block: "192.168.0.0/16" }, good: { vpc_id: "vpc-a", cidr_block: "10.2.0.0/16" } },
  { id: "cidr_association.quota", applied: many(4, (i) => ["aws_vpc_ipv4_cidr_block_association", { id: `assoc-${i}`, vpc_id: "vpc-a", cidr_block: `10.${2 + i}.0.0/16` }]), bad: { vpc_id: "vpc-a", cidr_block: "10.9.0.0/16" }, good: { vpc_id: "vpc-b", cidr_block: "10.9.0.0/16" } },
  { id: "security_group.name.sg_prefix", bad: { name: "sg-web" }, good: { name: "web" } },
  { id: "security_group.name.duplicate", applied: [["aws_security_group", { id: "sg-1", name: "web", vpc_id: "vpc-a" }]], bad: { id: "sg-2", name: "web", vpc_id: "vpc-a" }, good: { id: "sg-2", name: "web", vpc_id: "vpc-b" } },
  { id: "sg_ingress_rule.ports.required", bad: { ip_protocol: "tcp", from_port: null, to_port: null }, good: { ip_protocol: "tcp", from_port: 443, to_port: 443 } },
  { id: "sg_ingress_rule.duplicate", applied: [["aws_vpc_security_group_ingress_rule", { id: "sgr-1", security_group_id: "sg-1", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.1.0.0/16" }]], bad: { id: "sgr-2", security_group_id: "sg-1", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.1.0.0/16" }, good: { id: "sgr-2", security_group_id: "sg-1", ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "10.1.0.0/16" } },
  { id: "sg_rule.all_protocols.ports", bad: { protocol: "-1", from_port: 0, to_port: 65535 }, good: { protocol: "-1", from_port: 0, to_port: 0 } },
  { id: "nacl_rule.ports.required", bad: { protocol: "tcp", from_port: null, to_port: null }, good: { protocol: "tcp", from_port: 443, to_port: 443 } },
  { id: "nacl_rule.rule_number.duplicate", applied: [["aws_network_acl_rule", { id: "n1", network_acl_id: "acl-1", rule_number: 100, egress: false }]], bad: { id: "n2", network_acl_id: "acl-1", rule_number: 100, egress: false }, good: { id: "n2", network_acl_id: "acl-1", rule_number: 100, egress: true } },
  { id: "log_group.name.reserved_prefix", bad: { name: "aws/vpc" }, good: { name: "vpc" } },
  { id: "log_group.name.already_exists", bad: { name: "taken" }, good: { name: "free" } },
  { id: "flow_log.iam_role_arn.required_for_logs", bad: { vpc_id: "vpc-a", log_destination_type: null, iam_role_arn: null }, good: { vpc_id: "vpc-a", log_destination_type: null, iam_role_arn: ARN_ROLE } },
  { id: "flow_log.iam_role_arn.not_for_s3", bad: { log_destination_type: "s3", iam_role_arn: ARN_ROLE }, good: { log_destination_type: "s3", iam_role_arn: null } },
  { id: "flow_log.destination_options.s3_only", bad: { log_destination_type: "cloud-watch-logs", destination_options: [{ file_format: "parquet" }] }, good: { log_destination_type: "s3", destination_options: [{ file_format: "parquet" }] } },
  { id: "flow_log.log_destination.matches_type", bad: { log_destination: "arn:aws:s3:::bucket" }, good: { log_destination: LOG_ARN } },
  { id: "flow_log.traffic_type.required", bad: { vpc_id: "vpc-a", traffic_type: null }, good: { vpc_id: "vpc-a", traffic_type: "ALL" } },
  { id: "flow_log.max_aggregation_interval.transit_gateway", bad: { transit_gateway_id: "tgw-1", max_aggregation_interval: 600 }, good: { transit_gateway_id: "tgw-1", max_aggregation_interval: 60 } },
  { id: "flow_log.duplicate", applied: [["aws_flow_log", { id: "fl-1", vpc_id: "vpc-a", log_destination: LOG_ARN, traffic_type: "ALL" }]], bad: { id: "fl-2", vpc_id: "vpc-a", log_destination: LOG_ARN, traffic_type: "ALL" }, good: { id: "fl-2", vpc_id: "vpc-a", log_destination: LOG_ARN, traffic_type: "REJECT" } },
  { id: "iam_role.description.quotes", bad: { description: "the “flow” role" }, good: { description: "the flow role" } },
  { id: "iam_role.path.slashes", bad: { path: "service-role" }, good: { path: "/service-role/" } },
  { id: "iam_role.assume_role_policy.principal", bad: { assume_role_policy: policy({ Effect: "Allow", Action: "sts:AssumeRole" }) }, good: { assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }) } },
  { id: "iam_role.name.already_exists", bad: { name: "existing-role" }, good: { name: "new-role" } },
  { id: "iam_role_policy.policy.no_principal", bad: { policy: policy({ Effect: "Allow", Principal: "*", Action: "logs:PutLogEvents", Resource: "*" }) }, good: { policy: policy({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) } },
  { id: "iam_role_policy.policy.size", bad: { policy: policy({ Effect: "Allow", Action: Array.from({ length: 700 }, (_, i) => `logs:Action${i}`), Resource: "*" }) }, good: { policy: policy({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) } },
  { id: "iam_role_policy.role.exists", bad: { role: "ghost" }, good: { role: "existing-role" } },
  { id: "record.zone_id.not_empty", bad: { zone_id: "" }, good: { zone_id: "Z1" } },
  { id: "record.set_identifier.requires_policy", bad: { set_identifier: "a" }, good: { set_identifier: "a", weighted_routing_policy: [{ weight: 1 }] } },
  { id: "record.cname.single_value", bad: { type: "CNAME", name: "www", records: ["a.example.com", "b.example.com"] }, good: { type: "CNAME", name: "www", records: ["a.example.com"] } },
  { id: "record.cname.apex", bad: { zone_id: "ZPRIV", name: "lab.private", type: "CNAME" }, good: { zone_id: "ZPRIV", name: "api.lab.private", type: "CNAME" } },
  { id: "record.name.in_zone", bad: { zone_id: "ZPRIV", name: "api.other.com.", type: "A" }, good: { zone_id: "ZPRIV", name: "api.lab.private.", type: "A" } },
  { id: "record.values.format", bad: { type: "A", records: ["not-an-ip"] }, good: { type: "A", records: ["10.0.0.1"] } },
  { id: "vpc_endpoint.gateway.no_subnets_or_groups", bad: { vpc_endpoint_type: "Gateway", subnet_ids: ["subnet-1"] }, good: { vpc_endpoint_type: "Interface", subnet_ids: ["subnet-1"] } },
  { id: "vpc_endpoint.interface.no_route_tables", bad: { vpc_endpoint_type: "Interface", route_table_ids: ["rtb-a"] }, good: { vpc_endpoint_type: "Gateway", route_table_ids: ["rtb-a"] } },
  { id: "vpc_endpoint.gateway.no_private_dns", bad: { vpc_endpoint_type: "Gateway", private_dns_enabled: true }, good: { vpc_endpoint_type: "Interface", private_dns_enabled: true } },
  { id: "vpc_endpoint_route_table_association.duplicate", applied: [["aws_vpc_endpoint_route_table_association", { id: "a-1", route_table_id: "rtb-a", vpc_endpoint_id: "vpce-1" }]], bad: { id: "a-2", route_table_id: "rtb-a", vpc_endpoint_id: "vpce-1" }, good: { id: "a-2", route_table_id: "rtb-b", vpc_endpoint_id: "vpce-1" } },
  { id: "kms_alias.name.already_exists", applied: [["aws_kms_alias", { id: "alias/a", name: "alias/a" }, ACCOUNT]], bad: { id: "alias/a2", name: "alias/a" }, good: { id: "alias/b", name: "alias/b" } },
  { id: "default_security_group.vpc_id.exists", bad: { vpc_id: "vpc-0000missing" }, good: { vpc_id: "vpc-a" } },
  { id: "resolver_query_log_config.destination_arn.kind", bad: { destination_arn: ARN_ROLE }, good: { destination_arn: LOG_ARN } },
  { id: "resolver_query_log_config_association.resource_id.vpc", bad: { resource_id: "subnet-1" }, good: { resource_id: "vpc-0a1b" } },
  { id: "resolver_query_log_config_association.duplicate", applied: [["aws_route53_resolver_query_log_config_association", { id: "qa-1", resource_id: "vpc-a", resolver_query_log_config_id: "rqlc-1" }]], bad: { id: "qa-2", resource_id: "vpc-a", resolver_query_log_config_id: "rqlc-1" }, good: { id: "qa-2", resource_id: "vpc-b", resolver_query_log_config_id: "rqlc-1" } },
  { id: "record.duplicate", applied: [["aws_route53_record", { id: "rec-1", zone_id: "ZPRIV", name: "api.lab.private", type: "A" }]], bad: { id: "rec-2", zone_id: "ZPRIV", name: "api.lab.private", type: "A" }, good: { id: "rec-2", zone_id: "ZPRIV", name: "db.lab.private", type: "A" } },
  { id: "record.cname.exclusive", applied: [["aws_route53_record", { id: "rec-1", zone_id: "ZPRIV", name: "api.lab.private", type: "A" }]], bad: { id: "rec-2", zone_id: "ZPRIV", name: "api.lab.private", type: "CNAME" }, good: { id: "rec-2", zone_id: "ZPRIV", name: "www.lab.private", type: "CNAME" } },
  { id: "zone.vpc.conflicting_domain", bad: { name: "lab.private", vpc: [{ vpc_id: "vpc-a" }] }, good: { name: "lab.private", vpc: [{ vpc_id: "vpc-b" }] } },
  { id: "zone_association.already_associated", bad: { zone_id: "ZPRIV", vpc_id: "vpc-a" }, good: { zone_id: "ZPRIV", vpc_id: "vpc-b" } },
  { id: "zone_association.cross_account.authorization", applied: [["aws_route53_zone", { id: "ZOTHER", name: "x.private", vpc: [{ vpc_id: "vpc-x" }] }, "222222222222"]], goodApplied: [["aws_route53_zone", { id: "ZOTHER", name: "x.private", vpc: [{ vpc_id: "vpc-x" }] }, "222222222222"], ["aws_route53_vpc_association_authorization", { id: "ZOTHER,vpc-a", zone_id: "ZOTHER", vpc_id: "vpc-a" }, "222222222222"]], bad: { zone_id: "ZOTHER", vpc_id: "vpc-a" }, good: { zone_id: "ZOTHER", vpc_id: "vpc-a" } },
  { id: "vpc_association_authorization.zone.private", applied: [["aws_route53_zone", { id: "ZPUB", name: "pub.example.com", vpc: [] }], ["aws_route53_zone", { id: "ZP2", name: "p2.private", vpc: [{ vpc_id: "vpc-a" }] }]], bad: { zone_id: "ZPUB", vpc_id: "vpc-b" }, good: { zone_id: "ZP2", vpc_id: "vpc-b" } },
  { id: "s3_bucket.bucket.name_rules", bad: { bucket: "My_Bucket" }, good: { bucket: "my-bucket" } },
  { id: "s3_bucket.bucket.already_exists", applied: [["aws_s3_bucket", { id: "taken-bucket", bucket: "taken-bucket" }]], bad: { id: "b2", bucket: "taken-bucket" }, good: { id: "b2", bucket: "free-bucket" } },
  { id: "s3_bucket_sse.kms_key.requires_kms", bad: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "AES256", kms_master_key_id: "k" }] }] }, good: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms", kms_master_key_id: "k" }] }] } },
  { id: "s3_bucket_policy.policy.principal", bad: { policy: policy({ Effect: "Deny", Action: "s3:*", Resource: "*" }) }, good: { policy: policy({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }) } },
  { id: "s3_bucket_lifecycle.expiration.days.positive", bad: { rule: [{ expiration: [{ days: 0 }] }] }, good: { rule: [{ expiration: [{ days: 1 }] }] } },
  { id: "s3_bucket_lifecycle.noncurrent_expiration.days.positive", bad: { rule: [{ noncurrent_version_expiration: [{ noncurrent_days: 0 }] }] }, good: { rule: [{ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }] } },
  { id: "s3_bucket_logging.target_bucket.self", bad: { bucket: "b", target_bucket: "b" }, good: { bucket: "b", target_bucket: "logs" } },
];

function sampleOf(t: CtyType, name: string): Value {
  if (typeof t === "string") return t === "number" ? 1 : t === "bool" ? true : /cidr/.test(name) ? (/ipv6/.test(name) ? "2600:1f14::/56" : "10.0.0.0/16") : "x";
  const [kind, inner] = t;
  if (kind === "list" || kind === "set") return [sampleOf(inner as CtyType, name)];
  if (kind === "map") return { k: sampleOf(inner as CtyType, name) };
  return {};
}

/** A configuration holding the given (path, value) pairs; ANY takes a value of the schema's type. */
function build(block: BlockSchema, pairs: Array<[string, unknown]>): Obj {
  const root: Obj = {};
  for (const [p, v] of pairs) {
    const parts = p.split(".");
    let o = root;
    let b: BlockSchema | undefined = block;
    parts.forEach((part, i) => {
      const nb = b?.block_types[part];
      if (i === parts.length - 1) {
        o[part] = v === ANY ? (nb ? (nb.nesting_mode === "single" ? {} : [{}]) : sampleOf(b?.attributes[part]?.type ?? "string", part)) : (v as Value);
        return;
      }
      if (!o[part]) o[part] = nb?.nesting_mode === "single" ? {} : [{}];
      const next = o[part] as Value;
      o = (Array.isArray(next) ? next[0] : next) as Obj;
      b = nb?.block;
    });
  }
  return root;
}

function ledgerOf(applied: Applied[] = []): Ledger {
  const l = new Ledger(structuredClone(WORLD));
  for (const [type, values, account] of applied) l.record(type, values, String(values.region ?? "us-west-2"), account ?? ACCOUNT);
  return l;
}

/** Some attribute the diagnostic's path names appears in its text: the message names the argument. */
function namesArgument(d: Diagnostic): boolean {
  const names = (d.attribute?.steps ?? []).flatMap((s) => ("attribute_name" in s ? [s.attribute_name] : []));
  return names.length > 0 && names.some((n) => `${d.summary} ${d.detail}`.includes(n));
}

describe("provider rules, one by one", () => {
  let schema: ProviderSchema;
  beforeAll(async () => {
    schema = JSON.parse(fs.readFileSync((await ensureOfflineBuild()).schemaFile, "utf8")) as ProviderSchema;
  });
  const blockOf = (type: string): BlockSchema => {
    const b = type.startsWith("data.") ? schema.data_source_schemas[type.slice(5)]?.block : schema.resource_schemas[type]?.block;
    if (!b) throw new Error(`the stand-in's schema has no ${type}`);
    return b;
  };
  const run = (rule: Rule, type: string, o: Obj, applied?: Applied[]) => rule.check(o, { type, block: blockOf(type), region: "us-west-2", account: ACCOUNT, partition: "aws", ledger: ledgerOf(applied), prior: null });
  const byId = new Map(RULES.map((r) => [r.id, r]));

  it("every rule has a case (generic ones from their sample, the others written above), ids are unique", () => {
    expect(byId.size).toBe(RULES.length);
    const cased = new Set(CASES.map((c) => c.id));
    expect(RULES.filter((r) => !r.sample && !cased.has(r.id)).map((r) => r.id)).toEqual([]);
    expect(CASES.filter((c) => !byId.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it.each(RULES.filter((r) => r.sample).map((r) => [r.id, r] as const))("%s: refuses its breaking sample, accepts its respecting one", (_id, rule) => {
    for (const type of rule.types) {
      const block = blockOf(type);
      const bad = run(rule, type, build(block, rule.sample!.bad));
      expect(bad.length).toBeGreaterThan(0);
      expect(bad.every((d) => d.severity === "ERROR" && namesArgument(d))).toBe(true);
      expect(run(rule, type, build(block, rule.sample!.good))).toEqual([]);
    }
  });

  it.each(CASES.map((c) => [c.id, c] as const))("%s: refuses the breaking case, accepts the respecting one", (_id, c) => {
    const rule = byId.get(c.id)!;
    const type = c.type ?? rule.types[0];
    const bad = run(rule, type, c.bad, c.applied);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((d) => d.severity === "ERROR" && namesArgument(d))).toBe(true);
    expect(run(rule, type, c.good, c.goodApplied ?? c.applied)).toEqual([]);
  });

  it("the README's coverage table is the registry's (npm run docs:offline-rules)", () => {
    const readme = fs.readFileSync(path.join(repoRoot(), "testing/offline-aws/README.md"), "utf8");
    expect(readme).toContain(BEGIN);
    expect(readme).toContain(END);
    expect(readmeWithRules(readme)).toBe(readme);
    expect(rulesSection()).toContain(`${RULES.length} of ${RULES.length + SKIPPED.length}`);
  });

  it("enforces at least 90% of the applicable rules", () => {
    expect(RULES.length / (RULES.length + SKIPPED.length)).toBeGreaterThanOrEqual(0.9);
  });
});

interface Diag { severity: string; summary: string; detail: string; address?: string }

describeWithTerraform("provider rules through real terraform (one init, each step)", () => {
  jest.setTimeout(120_000);
  const world = "testing/worlds/lab.json";
  let env: Record<string, string>;
  let dir: string;
  const WEB_RTB = "rtb-0a1b2c3d4e5f60001";

  beforeAll(async () => {
    env = (await prepareOfflineTerraform({ world })).env;
    dir = tempStackDir("rules");
    writeJsonStack(dir, {});
    expect(runTerraform(dir, ["init", "-input=false"], { env, world }).code).toBe(0);
  });

  const tf = (args: string[]) => runTerraform(dir, args, { env, world });
  /** Terraform wraps diagnostics at 80 columns. */
  const flat = (s: string) => s.replace(/\s+/g, " ");

  it("validate: many broken resources in one run, each refused naming its argument; their fixed twins pass", () => {
    writeJsonStack(dir, {
      resource: {
        aws_cloudwatch_log_group: { g: { name: "flow-logs", retention_in_days: 42 } },
        aws_flow_log: { f: { vpc_id: "vpc-1", traffic_type: "ALL", max_aggregation_interval: 300, log_destination: "not-an-arn" } },
        aws_iam_role: { r: { name: "r".repeat(65), assume_role_policy: "{not json" } },
        aws_route53_record: { c: { zone_id: "Z1", name: "x", type: "CNAMEX", ttl: 300 } },
        aws_s3_bucket: { b: { bucket: "b".repeat(64) } },
      },
    });
    const r = tf(["validate", "-json"]);
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnostics: Diag[] };
    expect(out.valid).toBe(false);
    const details = out.diagnostics.map((d) => d.detail).join("\n");
    for (const want of [/retention_in_days to be one of/, /max_aggregation_interval to be one of \[60 600\]/, /"log_destination" \(not-an-arn\)/, /length of name to be in the range \(1 - 64\)/, /"assume_role_policy" contains an invalid JSON policy/, /expected type to be one of .*got CNAMEX/, /"ttl": all of `ttl,records` must be specified/, /length of bucket to be in the range \(0 - 63\)/]) {
      expect(details).toMatch(want);
    }
    writeJsonStack(dir, {
      resource: {
        aws_cloudwatch_log_group: { g: { name: "flow-logs", retention_in_days: 30 } },
        aws_flow_log: { f: { vpc_id: "vpc-1", traffic_type: "ALL", max_aggregation_interval: 60, log_destination: "arn:aws:logs:us-west-2:123456789012:log-group:flow-logs", iam_role_arn: "arn:aws:iam::123456789012:role/flow-log-role" } },
        aws_iam_role: { r: { name: "flow-log-role", assume_role_policy: "{}" } },
        aws_route53_record: { c: { zone_id: "Z1", name: "x", type: "CNAME", ttl: 300, records: ["y.example.com"] } },
        aws_s3_bucket: { b: { bucket: "my-state-bucket" } },
      },
    });
    const ok = tf(["validate", "-json"]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true });
  });

  it("plan: a region outside the provider's partition is refused at plan (CustomizeDiff), not at validate", () => {
    writeJsonStack(dir, { resource: { aws_cloudwatch_log_group: { g: { name: "g", region: "cn-north-1" } } } });
    expect(tf(["validate"]).code).toBe(0);
    const plan = tf(["plan", "-input=false", "-lock=false"]);
    expect(plan.code).not.toBe(0);
    expect(flat(plan.stderr)).toMatch(/region: partition \(aws-cn\) for per-resource Region \(cn-north-1\)/);
    writeJsonStack(dir, { resource: { aws_cloudwatch_log_group: { g: { name: "g", region: "us-east-1" } } } });
    expect(tf(["plan", "-input=false", "-lock=false"]).code).toBe(0);
  });

  it("apply: a second route to one destination and an overlapping peering plan fine and are refused at apply", () => {
    const api = "vpc-0a1b2c3d4e5f60002";
    const web = "vpc-0a1b2c3d4e5f60001";
    const body = (second: string, peer: string) => ({
      resource: {
        aws_vpc_peering_connection: { p: { vpc_id: api, peer_vpc_id: peer, auto_accept: true } },
        aws_route: {
          one: { route_table_id: WEB_RTB, destination_cidr_block: "10.1.0.0/16", vpc_peering_connection_id: "${aws_vpc_peering_connection.p.id}" },
          two: { route_table_id: WEB_RTB, destination_cidr_block: second, vpc_peering_connection_id: "${aws_vpc_peering_connection.p.id}" },
        },
      },
    });
    writeJsonStack(dir, body("10.1.0.0/16", api));
    expect(tf(["plan", "-input=false", "-lock=false"]).code).toBe(0);
    const apply = tf(["apply", "-input=false", "-lock=false", "-auto-approve"]);
    expect(apply.code).not.toBe(0);
    expect(flat(apply.stderr)).toMatch(/peer_vpc_id: InvalidParameterValue: a VPC peering connection cannot be created between VPC vpc-0a1b2c3d4e5f60002 and itself/);
    fs.rmSync(path.join(dir, "terraform.tfstate"), { force: true });
    writeJsonStack(dir, body("10.1.0.0/16", web));
    const dup = tf(["apply", "-input=false", "-lock=false", "-auto-approve"]);
    expect(dup.code).not.toBe(0);
    expect(flat(dup.stderr)).toMatch(/destination_cidr_block: RouteAlreadyExists: the route identified by 10\.1\.0\.0\/16 already exists in rtb-0a1b2c3d4e5f60001/);
    fs.rmSync(path.join(dir, "terraform.tfstate"), { force: true });
    writeJsonStack(dir, body("10.1.128.0/17", web));
    const fine = tf(["apply", "-input=false", "-lock=false", "-auto-approve"]);
    expect(fine.stderr).toBe("");
    expect(fine.code).toBe(0);
  });
});

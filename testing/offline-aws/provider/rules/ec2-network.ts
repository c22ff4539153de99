// VPCs, subnets, extra blocks, security groups and their rules, network ACL rules.
import { cidrRange, cidrsOverlap, cidrWithin } from "../cidr";
import { conflictsRule, customRule, enumRule, error, exactlyOneRule, intBetweenRule, isPresent, requiredWithRule, str, strLenRule, valueRule } from "./check";
import { vpcFacts } from "./ledger";
import type { Obj, Rule, Skipped } from "./types";

const VPC = "internal/service/ec2/vpc_.go";
const SUBNET = "internal/service/ec2/vpc_subnet.go";
const ASSOC = "internal/service/ec2/vpc_ipv4_cidr_block_association.go";
const SG = "internal/service/ec2/vpc_security_group.go";
const DEFAULT_SG = "internal/service/ec2/vpc_default_security_group.go";
const SG_INGRESS = "internal/service/ec2/vpc_security_group_ingress_rule.go";
const SG_RULE = "internal/service/ec2/vpc_security_group_rule.go";
const NACL_RULE = "internal/service/ec2/vpc_network_acl_rule.go";
const AWS_VPC = "AWS VPC CIDR block docs (CreateVpc / CreateSubnet / AssociateVpcCidrBlock errors); passed through by ";

const prefixProblem = (c: string) => {
  const r = cidrRange(c);
  return r && r.family === 4 && (r.bits < 16 || r.bits > 28) ? `/${r.bits} is outside the allowed /16 to /28` : undefined;
};
const rfc1918 = (c: string) => (["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].find((r) => cidrWithin(c, r)));
const protocolAll = (p: unknown) => p === "-1" || p === "all" || p === -1;
const portsNeeded = (p: unknown) => ["tcp", "udp", "6", "17"].includes(String(p).toLowerCase());

export const rules: Rule[] = [
  enumRule({ id: "vpc.instance_tenancy.enum", type: "aws_vpc", source: VPC, summary: "instance_tenancy: default or dedicated" }, "instance_tenancy", ["default", "dedicated"]),
  intBetweenRule({ id: "vpc.ipv4_netmask_length.range", type: "aws_vpc", source: VPC, summary: "ipv4_netmask_length: 16 to 28" }, "ipv4_netmask_length", 16, 28),
  conflictsRule({ id: "vpc.ipv4_netmask_length.conflicts", type: "aws_vpc", source: VPC, summary: "ipv4_netmask_length conflicts with cidr_block" }, "ipv4_netmask_length", ["cidr_block"]),
  requiredWithRule({ id: "vpc.ipv4_netmask_length.requires_pool", type: "aws_vpc", source: VPC, summary: "ipv4_netmask_length needs ipv4_ipam_pool_id" }, "ipv4_netmask_length", ["ipv4_ipam_pool_id"]),
  conflictsRule({ id: "vpc.ipv6_cidr_block.conflicts", type: "aws_vpc", source: VPC, summary: "ipv6_cidr_block conflicts with ipv6_netmask_length" }, "ipv6_cidr_block", ["ipv6_netmask_length"]),
  valueRule({ id: "vpc.cidr_block.prefix", type: "aws_vpc", step: "apply", source: AWS_VPC + VPC, summary: "An IPv4 block is /16 to /28 (InvalidVpc.Range)" }, "cidr_block", (v) => (typeof v === "string" && prefixProblem(v) ? `cidr_block: InvalidVpc.Range: the CIDR ${v} is invalid: ${prefixProblem(v)}` : undefined)),

  conflictsRule({ id: "subnet.availability_zone.conflicts", type: "aws_subnet", source: SUBNET, summary: "availability_zone conflicts with availability_zone_id" }, "availability_zone", ["availability_zone_id"]),
  valueRule({ id: "subnet.cidr_block.prefix", type: "aws_subnet", step: "apply", source: AWS_VPC + SUBNET, summary: "A subnet's IPv4 block is /16 to /28 (InvalidSubnet.Range)" }, "cidr_block", (v) => (typeof v === "string" && prefixProblem(v) ? `cidr_block: InvalidSubnet.Range: the CIDR ${v} is invalid: ${prefixProblem(v)}` : undefined)),
  customRule({ id: "subnet.cidr_block.in_vpc", step: "apply", type: "aws_subnet", source: AWS_VPC + SUBNET, summary: "A subnet's block lies within one of its VPC's blocks (InvalidSubnet.Range)", onCreateOnly: true }, (o, ctx) => {
    const c = str(o.cidr_block);
    const vpc = typeof o.vpc_id === "string" && ctx.ledger ? vpcFacts(ctx.ledger, o.vpc_id) : undefined;
    if (!c || !vpc || vpc.ipv4.length === 0 || vpc.ipv4.some((b) => cidrWithin(c, b))) return [];
    return [error("EC2 refused the subnet", `cidr_block: InvalidSubnet.Range: the CIDR ${c} is not within the blocks of ${vpc.id} (${vpc.ipv4.join(", ")}).`, ["cidr_block"])];
  }),
  customRule({ id: "subnet.cidr_block.conflict", step: "apply", type: "aws_subnet", source: AWS_VPC + SUBNET, summary: "Subnets of one VPC do not overlap (InvalidSubnet.Conflict)", onCreateOnly: true }, (o, ctx) => {
    const c = str(o.cidr_block);
    if (!c || typeof o.vpc_id !== "string" || !ctx.ledger) return [];
    const others = [...ctx.ledger.worldRecords("subnets").filter((s) => s.vpc_id === o.vpc_id).map((s) => String(s.cidr_block ?? "")), ...ctx.ledger.of("aws_subnet").filter((s) => s.values.vpc_id === o.vpc_id && s.values.id !== o.id).map((s) => String(s.values.cidr_block ?? ""))];
    const clash = others.find((x) => x && cidrsOverlap(x, c));
    return clash ? [error("EC2 refused the subnet", `cidr_block: InvalidSubnet.Conflict: the CIDR ${c} conflicts with another subnet of ${o.vpc_id} (${clash}).`, ["cidr_block"])] : [];
  }),
  customRule({ id: "subnet.availability_zone.region", step: "apply", type: "aws_subnet", source: AWS_VPC + SUBNET, summary: "A subnet's availability zone is in its VPC's region", onCreateOnly: true }, (o, ctx) => {
    const az = str(o.availability_zone);
    const region = str(o.region) || ctx.region;
    return az && !az.startsWith(region) ? [error("EC2 refused the subnet", `availability_zone: InvalidParameterValue: Value (${az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones of ${region}.`, ["availability_zone"])] : [];
  }),

  conflictsRule({ id: "cidr_association.cidr_block.conflicts", type: "aws_vpc_ipv4_cidr_block_association", source: ASSOC, summary: "cidr_block conflicts with ipv4_netmask_length" }, "cidr_block", ["ipv4_netmask_length"]),
  intBetweenRule({ id: "cidr_association.ipv4_netmask_length.range", type: "aws_vpc_ipv4_cidr_block_association", source: ASSOC, summary: "ipv4_netmask_length: 16 to 28" }, "ipv4_netmask_length", 16, 28),
  valueRule({ id: "cidr_association.cidr_block.prefix", type: "aws_vpc_ipv4_cidr_block_association", step: "apply", source: AWS_VPC + ASSOC, summary: "An extra block is /16 to /28" }, "cidr_block", (v) => (typeof v === "string" && prefixProblem(v) ? `cidr_block: InvalidVpc.Range: the CIDR ${v} is invalid: ${prefixProblem(v)}` : undefined)),
  customRule({ id: "cidr_association.cidr_block.restricted", step: "apply", type: "aws_vpc_ipv4_cidr_block_association", source: AWS_VPC + ASSOC, summary: "An extra block neither overlaps the VPC's blocks nor comes from another RFC 1918 range than the primary's", onCreateOnly: true }, (o, ctx) => {
    const c = str(o.cidr_block);
    const vpc = typeof o.vpc_id === "string" && ctx.ledger ? vpcFacts(ctx.ledger, o.vpc_id) : undefined;
    if (!c || !vpc || vpc.ipv4.length === 0) return [];
    const clash = vpc.ipv4.find((b) => b !== c && cidrsOverlap(b, c)) ?? vpc.ipv4.find((b) => b === c && ctx.ledger!.of("aws_vpc_ipv4_cidr_block_association").filter((a) => a.values.cidr_block === c && a.values.vpc_id === o.vpc_id && a.values.id !== o.id).length > 0);
    if (clash) return [error("EC2 refused the block", `cidr_block: InvalidVpc.Range: ${c} overlaps ${clash}, already a block of ${vpc.id}.`, ["cidr_block"])];
    const primary = vpc.ipv4[0];
    const a = rfc1918(primary);
    const b = rfc1918(c);
    return a && b && a !== b ? [error("EC2 refused the block", `cidr_block: InvalidVpc.Range: ${c} is in ${b}, but the primary block ${primary} is in ${a}; a VPC's RFC 1918 blocks come from one range.`, ["cidr_block"])] : [];
  }),
  customRule({ id: "cidr_association.quota", step: "apply", type: "aws_vpc_ipv4_cidr_block_association", source: AWS_VPC + ASSOC + " (quota: 5 IPv4 blocks per VPC by default)", summary: "At most 5 IPv4 blocks per VPC (default quota)", onCreateOnly: true }, (o, ctx) => {
    const vpc = typeof o.vpc_id === "string" && ctx.ledger ? vpcFacts(ctx.ledger, o.vpc_id) : undefined;
    return vpc && vpc.ipv4.filter((b) => b !== o.cidr_block).length >= 5 ? [error("EC2 refused the block", `cidr_block: CidrLimitExceeded: ${vpc.id} already has ${vpc.ipv4.length} IPv4 blocks, the default quota.`, ["cidr_block"])] : [];
  }),

  customRule({ id: "default_security_group.vpc_id.exists", step: "apply", type: "aws_default_security_group", source: "EC2 DescribeSecurityGroups (no default group for the VPC); " + DEFAULT_SG, summary: "The VPC whose default group is adopted must exist", onCreateOnly: true }, (o, ctx) => {
    const id = str(o.vpc_id);
    return id && ctx.ledger && !vpcFacts(ctx.ledger, id) ? [error("reading the default security group", `vpc_id: InvalidVpcID.NotFound: VPC ${id} does not exist, so it has no default security group to adopt.`, ["vpc_id"])] : [];
  }),
  strLenRule({ id: "security_group.name.length", type: "aws_security_group", source: SG, summary: "name: at most 255 characters" }, "name", 0, 255),
  strLenRule({ id: "security_group.name_prefix.length", type: "aws_security_group", source: SG, summary: "name_prefix: at most 100 characters" }, "name_prefix", 0, 100),
  conflictsRule({ id: "security_group.name.conflicts", type: "aws_security_group", source: SG, summary: "name conflicts with name_prefix" }, "name", ["name_prefix"]),
  strLenRule({ id: "security_group.description.length", type: "aws_security_group", source: SG, summary: "description: at most 255 characters" }, "description", 0, 255),
  valueRule({ id: "security_group.name.sg_prefix", type: "aws_security_group", step: "apply", source: "EC2 CreateSecurityGroup API (InvalidParameterValue); passed through by " + SG, summary: "name may not start with sg-" }, "name", (v) => (typeof v === "string" && /^sg-/i.test(v) ? `InvalidParameterValue: group names may not start with "sg-" (${v}).` : undefined)),
  customRule({ id: "security_group.name.duplicate", step: "apply", type: "aws_security_group", source: "EC2 CreateSecurityGroup API (InvalidGroup.Duplicate); passed through by " + SG, summary: "A group name is used once per VPC", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.name !== "string" || !ctx.ledger) return [];
    const clash = ctx.ledger.of("aws_security_group").some((g) => g.values.name === o.name && g.values.vpc_id === o.vpc_id && g.values.id !== o.id) || ctx.ledger.ownWorldRecords("security_groups").some((g) => g.name === o.name && g.vpc_id === o.vpc_id);
    return clash ? [error("EC2 refused the security group", `name: InvalidGroup.Duplicate: the security group '${o.name}' already exists for VPC '${String(o.vpc_id)}'.`, ["name"])] : [];
  }),

  exactlyOneRule({ id: "sg_ingress_rule.source.exactly_one", type: "aws_vpc_security_group_ingress_rule", source: SG_INGRESS, summary: "Exactly one of cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id" }, ["cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"]),
  intBetweenRule({ id: "sg_ingress_rule.from_port.range", type: "aws_vpc_security_group_ingress_rule", source: SG_INGRESS, summary: "from_port: -1 to 65535" }, "from_port", -1, 65535),
  intBetweenRule({ id: "sg_ingress_rule.to_port.range", type: "aws_vpc_security_group_ingress_rule", source: SG_INGRESS, summary: "to_port: -1 to 65535" }, "to_port", -1, 65535),
  customRule({ id: "sg_ingress_rule.ports.required", step: "apply", type: "aws_vpc_security_group_ingress_rule", source: "EC2 AuthorizeSecurityGroupIngress API (InvalidParameterValue); passed through by " + SG_INGRESS, summary: "tcp/udp rules name from_port and to_port", onCreateOnly: true }, (o) =>
    portsNeeded(o.ip_protocol) && (o.from_port === null || o.to_port === null) ? [error("EC2 refused the rule", `from_port: InvalidParameterValue: an ${String(o.ip_protocol)} rule needs from_port and to_port.`, ["from_port"])] : []),
  customRule({ id: "sg_ingress_rule.duplicate", step: "apply", type: "aws_vpc_security_group_ingress_rule", source: "EC2 AuthorizeSecurityGroupIngress API (InvalidPermission.Duplicate); passed through by " + SG_INGRESS, summary: "No second identical rule in a group", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger) return [];
    const key = (x: Obj) => ["security_group_id", "ip_protocol", "from_port", "to_port", "cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"].map((k) => String(x[k] ?? "")).join("|");
    const clash = ctx.ledger.of("aws_vpc_security_group_ingress_rule").some((r) => r.values.id !== o.id && key(r.values) === key(o));
    return clash ? [error("EC2 refused the rule", `security_group_id: InvalidPermission.Duplicate: the same rule already exists in ${String(o.security_group_id)}.`, ["security_group_id"])] : [];
  }),

  enumRule({ id: "sg_rule.type.enum", type: "aws_security_group_rule", source: SG_RULE, summary: "type: ingress or egress" }, "type", ["ingress", "egress"]),
  exactlyOneRule({ id: "sg_rule.source.exactly_one", type: "aws_security_group_rule", source: SG_RULE, summary: "Exactly one of cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, self, source_security_group_id" }, ["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "self", "source_security_group_id"]),
  intBetweenRule({ id: "sg_rule.from_port.range", type: "aws_security_group_rule", source: SG_RULE, summary: "from_port: -1 to 65535" }, "from_port", -1, 65535),
  intBetweenRule({ id: "sg_rule.to_port.range", type: "aws_security_group_rule", source: SG_RULE, summary: "to_port: -1 to 65535" }, "to_port", -1, 65535),
  customRule({ id: "sg_rule.all_protocols.ports", step: "apply", type: "aws_security_group_rule", source: SG_RULE + " (Create: from_port and to_port must be 0 with protocol -1)", summary: "With protocol -1 (all), from_port and to_port are 0", onCreateOnly: true }, (o) =>
    protocolAll(o.protocol) && ((typeof o.from_port === "number" && o.from_port !== 0) || (typeof o.to_port === "number" && o.to_port !== 0))
      ? [error("Invalid security group rule", `from_port: from_port (${String(o.from_port)}) and to_port (${String(o.to_port)}) must both be 0 to use the 'ALL' "-1" protocol!`, ["from_port"])]
      : []),

  intBetweenRule({ id: "nacl_rule.rule_number.range", type: "aws_network_acl_rule", step: "apply", source: "EC2 CreateNetworkAclEntry API (InvalidParameterValue); passed through by " + NACL_RULE, summary: "rule_number: 1 to 32766" }, "rule_number", 1, 32766),
  enumRule({ id: "nacl_rule.rule_action.enum", type: "aws_network_acl_rule", source: NACL_RULE, summary: "rule_action: allow or deny" }, "rule_action", ["allow", "deny"], { ignoreCase: true }),
  exactlyOneRule({ id: "nacl_rule.cidr.exactly_one", type: "aws_network_acl_rule", source: NACL_RULE, summary: "Exactly one of cidr_block, ipv6_cidr_block" }, ["cidr_block", "ipv6_cidr_block"]),
  customRule({ id: "nacl_rule.ports.required", step: "apply", type: "aws_network_acl_rule", source: "EC2 CreateNetworkAclEntry API (InvalidParameterValue); passed through by " + NACL_RULE, summary: "tcp/udp entries name from_port and to_port", onCreateOnly: true }, (o) =>
    portsNeeded(o.protocol) && (!isPresent(o.from_port) || !isPresent(o.to_port)) ? [error("EC2 refused the ACL entry", `from_port: InvalidParameterValue: a ${String(o.protocol)} entry needs a port range (from_port and to_port).`, ["from_port"])] : []),
  customRule({ id: "nacl_rule.rule_number.duplicate", step: "apply", type: "aws_network_acl_rule", source: "EC2 CreateNetworkAclEntry API (NetworkAclEntryAlreadyExists); passed through by " + NACL_RULE, summary: "One entry per rule number and direction in an ACL", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger) return [];
    const clash = ctx.ledger.of("aws_network_acl_rule").some((r) => r.values.id !== o.id && r.values.network_acl_id === o.network_acl_id && r.values.rule_number === o.rule_number && !!r.values.egress === !!o.egress);
    return clash ? [error("EC2 refused the ACL entry", `rule_number: NetworkAclEntryAlreadyExists: the ${o.egress ? "egress" : "ingress"} entry ${String(o.rule_number)} already exists in ${String(o.network_acl_id)}.`, ["rule_number"])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "sg_ingress_rule.referenced_group.cross_region", step: "apply", types: ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule"], source: SG_INGRESS, summary: "A rule may not reference a security group of an inter-region peer VPC", why: "the stand-in does not know which VPC a referenced group (made elsewhere) belongs to" },
  { id: "vpc.ipv6.ipam", step: "validate", types: ["aws_vpc"], source: VPC, summary: "ipv6_ipam_pool_id / ipv6_netmask_length / assign_generated_ipv6_cidr_block combinations", why: "IPAM pools are outside the project; the combination rules depend on pool state" },
];

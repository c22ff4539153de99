import { DataAwsRouteTables } from "@cdktf/provider-aws/lib/data-aws-route-tables";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import type { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Op, ref, TerraformLocal, TerraformOutput, TerraformResource, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { local, tf, variable } from "./general-module";
import { VALUE_RECORD_TYPES } from "../core/dns";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, DEFAULT_RECORD_TTL, FLOW_LOG_TRAFFIC_TYPES, ID, LOG_RETENTION_DAYS, NAMES, RECORD_TTL } from "../core/limits";
import type { FlowLogTrafficType } from "../core/limits";
import { FlowLogDestination } from "../constructs/flow-logs/destination";
import { FlowLogs } from "../constructs/flow-logs/flow-logs";
import { ReadableAddressStack } from "../constructs/readable-address-stack";
import { PrivateHostedZone } from "../constructs/dns/private-zone";
import { onlyWhen } from "../constructs/plan-time-condition";
import { addPlanTimeRoutes } from "../constructs/routing/route-target";
import { VpcPeering, type PlanTimeLocation } from "../constructs/routing/vpc-peering";
import { ExistingVpc } from "../constructs/vpc/existing-vpc";
import type { IPeerableVpc } from "../constructs/vpc/peerable-vpc";
import type { ProviderSide } from "../app/tunables";
import { shareWhenColocated } from "./module-stack";

// The general Terraform module for one peered pair (terraform/vpc-peering): nothing is known at
// synth time, so every decision that depends on the two sides (same account? same region? which
// route tables?) is a Terraform expression evaluated at plan time, and repeated resources use
// for_each with keys the caller controls or that are known at plan time.

const SIDES: readonly ProviderSide[] = ["requester", "accepter"];
const other = (side: ProviderSide): ProviderSide => (side === "requester" ? "accepter" : "requester");
/** `type.name` of a resource, for raw expressions. */
const address = (r: TerraformResource) => `${r.terraformResourceType}.${r.friendlyUniqueId}`;
/** The one instance of a resource that has one instance or none (for_each), or null. */
const oneOf = (address: string, attribute: string) => `one([for r in ${address} : r.${attribute}])`;

// The record types, log group names and TTLs the config accepts: one rule each, in core/.
const RECORD_TYPES = VALUE_RECORD_TYPES;

/** The stack `npm run synth:pair-module` turns into terraform/vpc-peering. */
export class PeeringPairModule extends ReadableAddressStack {
// eslint-disable-next-line max-lines-per-function -- the general pair module's variables in file order (most of its length), then the constructs that use them
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const providers = Object.fromEntries(SIDES.map((side) => [side, new AwsProvider(this, `provider-${side}`, { alias: side })])) as Record<ProviderSide, AwsProvider>;

    // Inputs ---------------------------------------------------------------------------------
    variable(this, "name", {
      type: "string",
      description: "Name tag of the peering connection; also the prefix of the names of created flow-log roles",
      validation: [{ condition: tf("length(var.name) >= 1 && length(var.name) <= 255"), errorMessage: "name must be 1 to 255 characters." }],
    });
    for (const side of SIDES) {
      variable(this, `${side}_vpc_id`, {
        type: "string",
        description: `Id of the ${side} VPC (read through aws.${side})`,
        validation: [{ condition: tf(ID.vpc.terraformCondition(`var.${side}_vpc_id`)), errorMessage: `${side}_vpc_id must be ${ID.vpc.expected}.` }],
      });
    }
    for (const side of SIDES) {
      variable(this, `${side}_route_table_ids`, {
        type: "list(string)",
        default: null,
        description:
          `Route tables of the ${side} VPC that get routes to the ${other(side)} VPC. Default (null): every route table of the VPC, the main table included, found at plan time. ` +
          "Pass ids when the VPC is created in the same plan (its tables cannot be listed before apply); they are keyed by position, so append new ones at the end.",
        validation: [{
          condition: tf(`var.${side}_route_table_ids == null || alltrue([for id in var.${side}_route_table_ids == null ? [] : var.${side}_route_table_ids : ${ID.routeTable.terraformCondition("id")}])`),
          errorMessage: `${side}_route_table_ids must hold route table ids, each ${ID.routeTable.expected}.`,
        }],
      });
    }
    for (const side of SIDES) {
      variable(this, `${side}_cidr_blocks`, {
        type: "list(string)",
        default: null,
        description:
          `Blocks of the ${side} VPC that the ${other(side)} VPC's route tables route to (IPv4 or IPv6). Default (null): the ${side} VPC's primary IPv4 block. ` +
          "List secondary or IPv6 blocks here to route them too, or a part of the VPC to route only that.",
        validation: [{
          condition: tf(`var.${side}_cidr_blocks == null || alltrue([for c in coalesce(var.${side}_cidr_blocks, []) : can(cidrhost(c, 0))])`),
          errorMessage: `${side}_cidr_blocks must hold CIDR blocks such as 10.0.0.0/16.`,
        }],
      });
    }
    for (const side of SIDES) {
      variable(this, `${side}_allow_remote_vpc_dns_resolution`, {
        type: "bool",
        default: false,
        nullable: false,
        description: `Let the ${side} VPC resolve the ${other(side)} VPC's public DNS hostnames to private IP addresses (the VPC needs DNS support and hostnames on)`,
      });
    }
    variable(this, "tags", { type: "map(string)", default: {}, nullable: false, description: "Tags for every resource that takes them" });
    variable(this, "flow_logs", {
      type: "object({ log_group_name = string, retention_in_days = optional(number), traffic_type = optional(string), kms_key_arn = optional(string), accepter_kms_key_arn = optional(string), iam_role_arn = optional(string), accepter_iam_role_arn = optional(string) })",
      default: null,
      description:
        "Flow logs for both VPCs into CloudWatch Logs (null: none). One log group named log_group_name in each side's account and region (one in all when both sides share them), " +
        `kept retention_in_days (default ${DEFAULT_FLOW_LOG_RETENTION_DAYS}; 0 = forever). traffic_type ALL (default), ACCEPT or REJECT. ` +
        "kms_key_arn: an existing KMS key for the requester's group (accepter_kms_key_arn for the accepter's own group); default: a customer-managed key (rotation on) is created per group, usable by CloudWatch Logs for that group only. " +
        "iam_role_arn: an existing delivery role for the requester's account (and accepter_iam_role_arn for the accepter's, when it is another account); default: a role is created per account.",
      validation: [
        { condition: tf(`var.flow_logs == null || contains(${JSON.stringify(FLOW_LOG_TRAFFIC_TYPES)}, coalesce(try(var.flow_logs.traffic_type, null), "ALL"))`), errorMessage: "flow_logs.traffic_type must be ALL, ACCEPT or REJECT." },
        {
          condition: tf(`var.flow_logs == null || contains(${JSON.stringify([0, ...(LOG_RETENTION_DAYS.allowed ?? [])])}, coalesce(try(var.flow_logs.retention_in_days, null), ${DEFAULT_FLOW_LOG_RETENTION_DAYS}))`),
          errorMessage: `flow_logs.retention_in_days must be 0 (forever) or one of CloudWatch Logs' values: ${(LOG_RETENTION_DAYS.allowed ?? []).join(", ")}.`,
        },
        {
          condition: tf(`var.flow_logs == null || (${NAMES.logGroup.terraformCondition("var.flow_logs.log_group_name")} && !can(regex("^aws/", var.flow_logs.log_group_name)))`),
          errorMessage: `flow_logs.log_group_name must be ${NAMES.logGroup.expected}, not starting with aws/ (CloudWatch Logs reserves it).`,
        },
      ],
    });
    variable(this, "private_zone", {
      type: "object({ name = string, comment = optional(string), records = optional(map(object({ name = string, type = string, ttl = optional(number), records = list(string) }))) })",
      default: null,
      description:
        "A private hosted zone in the requester's account, associated with both VPCs (null: none). A VPC in another account is associated through an authorization by the zone's account. " +
        `records: by a key of your choosing, {name (relative to the zone or absolute), type, ttl (default ${DEFAULT_RECORD_TTL}), records}.`,
      validation: [
        {
          condition: tf(`var.private_zone == null || alltrue([for r in values(coalesce(try(var.private_zone.records, null), {})) : contains(${JSON.stringify(RECORD_TYPES)}, r.type)])`),
          errorMessage: `private_zone.records[*].type must be one of ${RECORD_TYPES.join(", ")}.`,
        },
        {
          condition: tf(`var.private_zone == null || alltrue([for r in values(coalesce(try(var.private_zone.records, null), {})) : r.ttl == null || (${RECORD_TTL.terraformCondition("coalesce(r.ttl, 0)")})])`),
          errorMessage: `private_zone.records[*].ttl must be ${RECORD_TTL.expected}.`,
        },
      ],
    });

    // The connection: acceptance decided at plan time from the two providers -----------------
    const sides = Object.fromEntries(SIDES.map((side) => [side, ExistingVpc.fromPlanTimeId(this, `${side}-vpc`, { key: side, vpcId: tf(`var.${side}_vpc_id`), provider: providers[side] })])) as Record<ProviderSide, IPeerableVpc>;
    const dns = (side: ProviderSide) => (this.node.findChild(`${side}_allow_remote_vpc_dns_resolution`) as TerraformVariable).booleanValue;
    const peering = new VpcPeering(this, "peering", {
      name: (this.node.findChild("name") as TerraformVariable).stringValue,
      requester: sides.requester,
      accepter: sides.accepter,
      allowRemoteVpcDnsResolution: { requester: dns("requester"), accepter: dns("accepter") },
      locateSidesAtPlanTime: true,
      accepterInstanceKey: "this",
      tags: (this.node.findChild("tags") as TerraformVariable).value as Record<string, string>,
      sideTags: { requester: { Side: "Requester" }, accepter: { Side: "Accepter" } },
    });
    const located = peering.locatedSides!;
    // Addresses of the hand-written module (0.3).
    peering.connection!.moveFromId("aws_vpc_peering_connection.this");
    peering.accepterResource!.moveFromId("aws_vpc_peering_connection_accepter.accepter");
    peering.requesterOptions!.moveFromId("aws_vpc_peering_connection_options.requester_options");
    peering.accepterOptions!.moveFromId("aws_vpc_peering_connection_options.accepter_options");

    // The two VPCs' blocks and route tables, read through each side's provider ------------------
    for (const side of SIDES) {
      new DataAwsVpc(this, `${side}_vpc`, { id: tf(`var.${side}_vpc_id`), provider: providers[side] });
      const found = new DataAwsRouteTables(this, `${side}_route_tables`, { vpcId: tf(`var.${side}_vpc_id`), provider: providers[side] });
      onlyWhen(found, ref(`var.${side}_route_table_ids == null`, this), { key: "discovered" });
    }
    const sameAccount = local(this, "same_account", Op.eq(located.requester.accountId, located.accepter.accountId));
    local(this, "tags", tf(`merge(var.tags, { Name = var.name })`));
    for (const side of SIDES) {
      local(this, `${side}_route_tables`, tf(
        `merge({ for i, id in var.${side}_route_table_ids == null ? [] : var.${side}_route_table_ids : tostring(i) => id }, { for id in flatten([for d in data.aws_route_tables.${side}_route_tables : d.ids]) : id => id })`,
      ));
      local(this, `${side}_destinations`, tf(
        `var.${side}_cidr_blocks != null ? tomap({ for i, c in var.${side}_cidr_blocks : tostring(i) => c }) : tomap({ primary = data.aws_vpc.${side}_vpc.cidr_block })`,
      ));
    }

    // Routes: every chosen table of a side × every destination block of the other side, to the
    // connection once active (the peering's target waits for the accepter when there is one).
    for (const side of SIDES) {
      addPlanTimeRoutes(this, `${side}_routes`, {
        routeTables: tf(`local.${side}_route_tables`),
        destinations: tf(`local.${other(side)}_destinations`),
        target: peering,
        provider: providers[side],
      });
    }

    const logs = this.flowLogs(providers, located, sameAccount);
    const zone = this.privateZone(providers, located);
    this.outputs(peering, zone, logs);
  }

  /**
   * A FlowLogs per side, each through its side's provider, into a group of its own unless both
   * sides share an account and region, with a delivery role of its own unless they share an
   * account (shareWhenColocated, module mode's rule). Keys and roles are created unless the
   * caller gives their ARNs. Addresses moved from the hand-written module's.
   */
  private flowLogs(providers: Record<ProviderSide, AwsProvider>, located: Readonly<Record<ProviderSide, PlanTimeLocation>>, sameAccount: TerraformLocal): Record<ProviderSide, FlowLogs> {
    const flowLogsOn = local(this, "flow_logs_on", tf("var.flow_logs != null"));
    const input = (attribute: string) => Token.asString(ref(`try(var.flow_logs.${attribute}, null)`, this));
    const name = (this.node.findChild("name") as TerraformVariable).stringValue;
    const tags = (this.node.findChild("local-tags") as TerraformLocal).asStringMap;
    // accepter_iam_role_arn counts only when the accepter is another account: in one account the
    // requester's role (given or created) serves both sides, as the variable's description says.
    const given: Record<ProviderSide, { key: string; role: string }> = {
      requester: { key: input("kms_key_arn"), role: input("iam_role_arn") },
      accepter: { key: input("accepter_kms_key_arn"), role: Token.asString(ref(`(local.${sameAccount.friendlyUniqueId} ? null : try(var.flow_logs.accepter_iam_role_arn, null))`, this)) },
    };
    const logs = Object.fromEntries(SIDES.map((side) => {
      const destination = FlowLogDestination.toCloudWatchLogs(
        {
          name: Token.asString(ref("var.flow_logs.log_group_name", this)),
          retentionInDays: Token.asNumber(ref(`coalesce(var.flow_logs.retention_in_days, ${DEFAULT_FLOW_LOG_RETENTION_DAYS})`, this)),
          kmsKeyId: given[side].key,
          createKmsKeyUnlessGiven: true,
        },
        // One role serves the account's groups in every region.
        { name: `${name}-flow-logs`, arn: given[side].role, createUnlessArnGiven: true, anyRegion: true },
      );
      const made = new FlowLogs(this, `flow_logs_${side}`, {
        vpcs: { [side]: tf(`var.${side}_vpc_id`) },
        names: { [side]: `${name}-${side}` },
        destination,
        trafficType: Token.asString(ref(`coalesce(var.flow_logs.traffic_type, "ALL")`, this)) as FlowLogTrafficType,
        tags,
        provider: providers[side],
      });
      onlyWhen(made, flowLogsOn.asBoolean);
      return [side, made];
    })) as Record<ProviderSide, FlowLogs>;
    shareWhenColocated(this, providers, logs.requester, logs.accepter, { key: "this", located });
    for (const side of SIDES) {
      const made = logs[side].cloudWatchLogs;
      const moves: [TerraformResource | undefined, string][] = [
        [made.logGroup, `aws_cloudwatch_log_group.flow_logs_${side}`],
        [made.key, `aws_kms_key.flow_logs_${side}_key`],
        [made.role, `aws_iam_role.flow_logs_${side}_role`],
        [made.rolePolicy, `aws_iam_role_policy.flow_logs_${side}_role_policy`],
        [logs[side].flowLogs[side], `aws_flow_log.flow_logs_${side}_vpc`],
      ];
      for (const [resource, from] of moves) if (resource && address(resource) !== from) resource.moveFromId(from);
    }
    return logs;
  }

  /**
   * The zone in the requester's account; the accepter VPC joins it, with an authorization across
   * accounts. Addresses moved from the hand-written module's (`aws_route53_zone.private`, ...).
   */
  private privateZone(providers: Record<ProviderSide, AwsProvider>, located: Readonly<Record<ProviderSide, PlanTimeLocation>>): PrivateHostedZone {
    const zoneOn = local(this, "zone_on", tf("var.private_zone != null"));
    const zone = new PrivateHostedZone(this, "private", {
      zoneName: tf("var.private_zone.name"),
      comment: tf("try(var.private_zone.comment, null)"),
      vpc: { vpcId: tf("var.requester_vpc_id"), region: located.requester.region, provider: providers.requester, key: "requester" },
      tags: tf("local.tags") as unknown as Record<string, string>,
      provider: providers.requester,
    });
    onlyWhen(zone, zoneOn.asBoolean);
    zone.addVpc({ vpcId: tf("var.accepter_vpc_id"), region: located.accepter.region, provider: providers.accepter, key: "accepter" });
    const authorization = zone.node.findChild("association-accepter-authorization") as Route53VpcAssociationAuthorization;
    // One account: the zone's account may associate its own VPC without an authorization.
    onlyWhen(authorization, Op.not((this.node.findChild("local-same_account") as TerraformLocal).asBoolean));
    const records = zone.addRecordsFrom("records", tf("coalesce(try(var.private_zone.records, null), {})"));
    zone.zone.moveFromId("aws_route53_zone.private");
    authorization.moveFromId("aws_route53_vpc_association_authorization.accepter_vpc_authorization");
    (zone.node.findChild("association-accepter") as Route53ZoneAssociation).moveFromId("aws_route53_zone_association.accepter_vpc_association");
    records.moveFromId("aws_route53_record.records");
    this.records = records;
    return zone;
  }

  private records?: Route53Record;

  private outputs(peering: VpcPeering, zone: PrivateHostedZone, logs: Record<ProviderSide, FlowLogs>): void {
    const out = (name: string, value: string, description: string) =>
      new TerraformOutput(this, `output-${name}`, { value: tf(value), description }).overrideLogicalId(name);
    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, `output-${name}`, { value, description }).overrideLogicalId(name);
    const connection = address(peering.connection!);
    out("connection_id", `${connection}.id`, "Id of the VPC peering connection (pcx-...)");
    out("accept_status", `coalesce(${oneOf(address(peering.accepterResource!), "accept_status")}, ${connection}.accept_status)`, "Status of the connection: active once accepted");
    const located = peering.locatedSides!;
    output("requester_account_id", located.requester.accountId, "Account of the requester VPC");
    output("accepter_account_id", located.accepter.accountId, "Account of the accepter VPC");
    output("requester_region", located.requester.region, "Region of the requester VPC");
    output("accepter_region", located.accepter.region, "Region of the accepter VPC");
    out("requester_route_table_ids", "values(local.requester_route_tables)", "Requester route tables that got routes to the accepter");
    out("accepter_route_table_ids", "values(local.accepter_route_tables)", "Accepter route tables that got routes to the requester");
    out("requester_route_ids", "{ for k, r in aws_route.requester_routes : k => r.id }", "Routes in the requester's tables, by \"<table key>/<destination key>\"");
    out("accepter_route_ids", "{ for k, r in aws_route.accepter_routes : k => r.id }", "Routes in the accepter's tables, by \"<table key>/<destination key>\"");
    new TerraformOutput(this, "output-private_zone_id", { value: zone.zoneId, description: "Id of the private hosted zone, or null" }).overrideLogicalId("private_zone_id");
    out("record_fqdns", `{ for k, r in aws_route53_record.${this.records?.friendlyUniqueId} : k => r.fqdn }`, "Names of the zone's records, by their key in private_zone.records");
    // References to conditioned resources read one([for r in ...]) once onlyWhen rewrites them.
    out("flow_log_ids", `{ ${SIDES.map((side) => `${side} = ${address(logs[side].flowLogs[side])}.id`).join(", ")} }`, "Flow log of each VPC, or nulls");
    out("flow_log_group_arns", `compact([${SIDES.map((side) => `${address(logs[side].cloudWatchLogs.logGroup!)}.arn`).join(", ")}])`, "Log groups the module created (one, or one per side when their account or region differs)");
  }
}


/** What terraform/vpc-peering/README.md says above its terraform-docs tables. */
export const PAIR_MODULE_README = {
  intro: [
    [
      "One VPC peering connection between two VPCs in any two accounts or regions, with routes, each",
      "side's DNS option, optional flow logs for both VPCs and an optional private hosted zone shared",
      "by both. Generated by `npm run synth:pair-module` from this project's code: do not edit; a test",
      "regenerates it and fails on any difference.",
    ].join("\n"),
    [
      "- **Providers.** Pass `aws.requester` and `aws.accepter`: the same provider twice for one account",
      "  and region, or two providers for two. Account and region come from the providers (caller",
      "  identity and region data sources). In one account and region the request is auto-accepted;",
      "  otherwise the connection names `peer_owner_id`/`peer_region` and `aws_vpc_peering_connection_accepter`",
      "  accepts it through `aws.accepter`. Each side's DNS option, routes and flow log use that side's",
      "  provider.",
      "- **Route tables.** By default every route table of each VPC (the main table included) is found",
      "  at plan time and keyed by its id. When a VPC is created in the same plan, pass",
      "  `<side>_route_table_ids` (keyed by position: append, do not reorder).",
      "- **Addresses** are plain names with `for_each` keys: `aws_route.requester_routes[\"rtb-0abc/primary\"]`,",
      "  `aws_vpc_peering_connection.peering_connection`, ready for `import` and `moved` blocks.",
    ].join("\n"),
  ],
  exampleBody: (aliases: readonly string[]) => [
    "  providers = {",
    ...aliases.map((alias) => `    ${alias} = ${alias === "aws.requester" ? "aws" : "aws.peer # another account or region; or aws again"}`),
    "  }",
    '  name            = "app-to-shared"',
    '  requester_vpc_id = "vpc-0a1b2c3d4e5f60708"',
    '  accepter_vpc_id  = "vpc-0f0e0d0c0b0a09080"',
    "  requester_allow_remote_vpc_dns_resolution = true",
    "  accepter_allow_remote_vpc_dns_resolution  = true",
    '  flow_logs    = { log_group_name = "peering-flow-logs", retention_in_days = 90 }',
    '  private_zone = { name = "shared.internal", records = { api = { name = "api", type = "CNAME", records = ["internal-api-123.us-west-2.elb.amazonaws.com"] } } }',
  ],
};

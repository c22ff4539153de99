import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayRouteTablePropagation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ref, TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import { local, tf, variable } from "./general-module";
import { ID, QUOTAS, TRANSIT_GATEWAY_ASN } from "../core/limits";
import { TRANSIT_ASN_EXPECTED, TRANSIT_ATTACHED_VPC, TRANSIT_KNOWN_TABLE, TRANSIT_TARGET, transitAsnCondition, transitDestinationsExpression } from "../core/transit";
import { onlyWhen } from "../constructs/plan-time-condition";
import { ReadableAddressStack } from "../constructs/readable-address-stack";
import { addPlanTimeRoutes, type IRouteTarget } from "../constructs/routing/route-target";
import { attachmentSubnetChecks } from "../constructs/transit/transit-gateway-attachment";

// The general Terraform module for a transit gateway and the VPCs attached to it
// (terraform/transit-gateway), for callers who write HCL and know nothing of this project's
// config. Which VPCs, tables and routes exist is known only at plan time: repeated resources use
// for_each over the caller's maps (keys the caller chooses), the created gateway exists only when
// asked (onlyWhen), the VPC routes are addPlanTimeRoutes over each VPC's tables × destinations,
// and the rules come from core/ and the constructs: which blocks a VPC routes to the gateway
// (transitDestinationsExpression, the rule of transitDestinations), the private ASN ranges, the
// route table quota, the known-table and attached-VPC rules (TRANSIT_KNOWN_TABLE,
// TRANSIT_ATTACHED_VPC), and the attachment's subnet checks (one per zone, in the VPC).

/** A string-map argument given as an expression. */
const tagsOf = (expression: string) => tf(expression) as unknown as Record<string, string>;

const VPCS_TYPE = "map(object({ vpc_id = string, subnet_ids = list(string), route_table = string, propagate_to = optional(list(string), []), route_table_ids = optional(list(string), []), destination_cidrs = optional(list(string)) }))";

/** The stack `npm run synth:transit-gateway-module` turns into terraform/transit-gateway. */
export class TransitGatewayModule extends ReadableAddressStack {
  // eslint-disable-next-line max-lines-per-function -- the module's inputs, resources and outputs in file order
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Only gives resources their provider type: the writer drops provider blocks, so the caller's default aws provider is used.
    new AwsProvider(this, "aws", {});

    // Inputs ---------------------------------------------------------------------------------
    variable(this, "name", {
      type: "string",
      description: "Name of the gateway: its Name tag, and the prefix of its route tables' and attachments' Name tags (<name>-<table>, <name>-<vpc key>)",
      validation: [{ condition: tf("length(var.name) >= 1 && length(var.name) <= 255"), errorMessage: "name must be 1 to 255 characters." }],
    });
    variable(this, "create_transit_gateway", { type: "bool", default: true, nullable: false, description: "Create the gateway (true), or use the existing one transit_gateway_id names (false)" });
    variable(this, "transit_gateway_id", {
      type: "string",
      default: null,
      description: "Id of an existing transit gateway (create_transit_gateway = false) to add the route tables and attachments to. Turn its default route table association and propagation off: this module associates and propagates every attachment itself",
      validation: [{ condition: tf(`var.transit_gateway_id == null || ${ID.transitGateway.terraformCondition("coalesce(var.transit_gateway_id, \"\")")}`), errorMessage: `transit_gateway_id must be ${ID.transitGateway.expected}.` }],
    });
    variable(this, "amazon_side_asn", {
      type: "number",
      default: TRANSIT_GATEWAY_ASN.default,
      nullable: false,
      description: "Created gateway: private ASN of the Amazon side",
      validation: [{ condition: tf(transitAsnCondition("var.amazon_side_asn")), errorMessage: `amazon_side_asn must be ${TRANSIT_ASN_EXPECTED}.` }],
    });
    variable(this, "route_tables", {
      type: "list(string)",
      nullable: false,
      description: "Names of the gateway's route tables (Name tag <name>-<table>). The gateway's default association and propagation are off: an attachment's traffic is looked up in the table it names (vpcs[*].route_table), and the tables in its propagate_to learn its VPC's block",
      validation: [
        { condition: tf("length(var.route_tables) >= 1"), errorMessage: "route_tables: declare at least one route table: every attachment is associated with one." },
        { condition: tf("length(distinct(var.route_tables)) == length(var.route_tables)"), errorMessage: "route_tables: give each route table its own name." },
        { condition: tf(`length(var.route_tables) <= ${QUOTAS.transitGatewayRouteTables.default}`), errorMessage: `route_tables: more than the ${QUOTAS.transitGatewayRouteTables.default} route tables a transit gateway has by default; merge tables that route alike, or raise the quota in Service Quotas first.` },
      ],
    });
    variable(this, "vpcs", {
      type: VPCS_TYPE,
      default: {},
      nullable: false,
      description:
        "VPCs to attach, by a key of your choosing (it names the attachment and its for_each instances). vpc_id; subnet_ids: one subnet per availability zone (checked at plan time: one per zone, all in the VPC); " +
        "route_table: the gateway route table its traffic is looked up in; propagate_to: the gateway route tables that learn its block; " +
        "route_table_ids: the VPC's route tables that get routes to the gateway (default none); destination_cidrs: the blocks those routes are for " +
        "(default: what its gateway route table leads to another VPC: the blocks of the VPCs propagating to it and its static routes to other VPCs, not its own block)",
      validation: [
        { condition: tf(`alltrue([for k, v in var.vpcs : ${ID.vpc.terraformCondition("v.vpc_id")} && length(v.subnet_ids) >= 1])`), errorMessage: `vpcs: each vpc_id must be ${ID.vpc.expected}, and each VPC needs subnet_ids (one subnet per availability zone).` },
        { condition: tf("alltrue([for k, v in var.vpcs : length(distinct(v.subnet_ids)) == length(v.subnet_ids)])"), errorMessage: "vpcs: a subnet is listed twice in subnet_ids; remove the duplicate." },
      ],
    });
    variable(this, "static_routes", {
      type: "map(map(string))",
      default: {},
      nullable: false,
      description: "Static routes by route table name: destination CIDR => key of the attached VPC (in vpcs) the traffic goes to. A static route wins over a propagated one for the same prefix",
    });
    variable(this, "blackholes", {
      type: "map(list(string))",
      default: {},
      nullable: false,
      description: "Blackholes by route table name: destination CIDRs whose traffic the table drops (isolation, e.g. dev's block in prod's table)",
    });
    variable(this, "tags", { type: "map(string)", default: {}, nullable: false, description: "Tags for every resource that takes them" });

    // The gateway: created, or the caller's ------------------------------------------------
    const create = local(this, "create", tf("var.create_transit_gateway"));
    const gateway = new Ec2TransitGateway(this, "this", {
      description: "${var.name}, routed by its own route tables",
      amazonSideAsn: tf("var.amazon_side_asn") as unknown as number,
      defaultRouteTableAssociation: "disable",
      defaultRouteTablePropagation: "disable",
      autoAcceptSharedAttachments: "disable",
      dnsSupport: "enable",
      tags: tagsOf("merge(var.tags, { Name = var.name })"),
    });
    onlyWhen(gateway, create.asBoolean);
    local(this, "transit_gateway_id", tf(`coalesce(var.transit_gateway_id, ${"aws_ec2_transit_gateway.this.id"})`));

    // Route tables, attachments, associations, propagations, static routes ----------------------
    const tables = new Ec2TransitGatewayRouteTable(this, "tables", {
      transitGatewayId: tf("local.transit_gateway_id"),
      tags: tagsOf(`merge(var.tags, { Name = "\${var.name}-\${each.key}" })`),
      // Checked here, where it is used: the gateway's own resource has no instance without it.
      lifecycle: { precondition: [{ condition: tf("var.create_transit_gateway || var.transit_gateway_id != null"), errorMessage: "Give transit_gateway_id when create_transit_gateway is false." }] },
    });
    tables.addOverride("for_each", tf("toset(var.route_tables)"));
    const subnets = new DataAwsSubnet(this, "attachment_subnets", { id: tf("each.value.subnet_id") });
    subnets.addOverride("for_each", tf(`{ for s in flatten([for k, v in var.vpcs : [for id in v.subnet_ids : { key = "\${k}/\${id}", subnet_id = id }]]) : s.key => s }`));
    const subnetsOf = (attribute: string) => Token.asString(ref(`[for id in each.value.subnet_ids : data.aws_subnet.attachment_subnets["\${each.key}/\${id}"].${attribute}]`));
    const attachments = new Ec2TransitGatewayVpcAttachment(this, "attachments", {
      transitGatewayId: tf("local.transit_gateway_id"),
      vpcId: tf("each.value.vpc_id"),
      subnetIds: tf("each.value.subnet_ids") as unknown as string[],
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      dnsSupport: "enable",
      tags: tagsOf(`merge(var.tags, { Name = "\${var.name}-\${each.key}" })`),
      lifecycle: {
        precondition: [
          ...attachmentSubnetChecks({ vpc: tf("each.key"), gateway: tf("var.name"), subnets: tf(`join(", ", each.value.subnet_ids)`), zones: subnetsOf("availability_zone"), subnetVpcIds: subnetsOf("vpc_id"), vpcId: Token.asString(ref("each.value.vpc_id")) }),
          {
            condition: tf(`${TRANSIT_KNOWN_TABLE.condition("each.value.route_table", "var.route_tables")} && ${TRANSIT_KNOWN_TABLE.allCondition("each.value.propagate_to", "var.route_tables")}`),
            errorMessage: `vpcs["\${each.key}"]: route_table and propagate_to must name ${TRANSIT_KNOWN_TABLE.expected('${join(", ", var.route_tables)}')}.`,
          },
        ] as never,
      },
    });
    attachments.addOverride("for_each", tf("var.vpcs"));
    const association = new Ec2TransitGatewayRouteTableAssociation(this, "associations", {
      transitGatewayAttachmentId: tf("aws_ec2_transit_gateway_vpc_attachment.attachments[each.key].id"),
      transitGatewayRouteTableId: tf("aws_ec2_transit_gateway_route_table.tables[each.value.route_table].id"),
    });
    association.addOverride("for_each", tf("var.vpcs"));
    const propagation = new Ec2TransitGatewayRouteTablePropagation(this, "propagations", {
      transitGatewayAttachmentId: tf("aws_ec2_transit_gateway_vpc_attachment.attachments[each.value.vpc].id"),
      transitGatewayRouteTableId: tf("aws_ec2_transit_gateway_route_table.tables[each.value.table].id"),
    });
    propagation.addOverride("for_each", tf(`{ for p in flatten([for k, v in var.vpcs : [for t in v.propagate_to : { key = "\${k}/\${t}", vpc = k, table = t }]]) : p.key => p }`));
    const routes = new Ec2TransitGatewayRoute(this, "routes", {
      destinationCidrBlock: tf("each.value.destination"),
      transitGatewayRouteTableId: tf("aws_ec2_transit_gateway_route_table.tables[each.value.table].id"),
      transitGatewayAttachmentId: tf("aws_ec2_transit_gateway_vpc_attachment.attachments[each.value.vpc].id"),
      lifecycle: { precondition: [{ condition: tf(`${TRANSIT_ATTACHED_VPC.condition("each.value.vpc", "keys(var.vpcs)")} && ${TRANSIT_KNOWN_TABLE.condition("each.value.table", "var.route_tables")}`), errorMessage: `static_routes["\${each.value.table}"]["\${each.value.destination}"]: the table must be in route_tables and the VPC a key of vpcs (\${join(", ", keys(var.vpcs))}).` }] as never },
    });
    routes.addOverride("for_each", tf(`{ for r in flatten([for t, m in var.static_routes : [for d, v in m : { key = "\${t}/\${d}", table = t, destination = d, vpc = v }]]) : r.key => r }`));
    const blackholes = new Ec2TransitGatewayRoute(this, "blackhole_routes", {
      destinationCidrBlock: tf("each.value.destination"),
      transitGatewayRouteTableId: tf("aws_ec2_transit_gateway_route_table.tables[each.value.table].id"),
      blackhole: true,
    });
    blackholes.addOverride("for_each", tf(`{ for r in flatten([for t, ds in var.blackholes : [for d in ds : { key = "\${t}/\${d}", table = t, destination = d }]]) : r.key => r }`));

    // VPC routes: each VPC's listed tables × the blocks its gateway table leads to --------------
    const vpcLookups = new DataAwsVpc(this, "attached_vpcs", { id: tf("each.value.vpc_id") });
    vpcLookups.addOverride("for_each", tf("var.vpcs"));
    local(this, "vpc_blocks", tf("{ for k, v in data.aws_vpc.attached_vpcs : k => [v.cidr_block] }"));
    const led = transitDestinationsExpression({ attachments: "var.vpcs", blocks: "local.vpc_blocks", staticRoutes: "var.static_routes" }, "k");
    local(this, "vpc_destinations", tf(`{ for k, v in var.vpcs : k => v.destination_cidrs != null ? v.destination_cidrs : ${led} }`));
    // The gateway as the routes' target, read from the VPC's own attachment so its routes wait for it.
    const target: IRouteTarget = {
      routeTarget: { kind: TRANSIT_TARGET, name: "this" },
      routeArguments: () => ({ transitGatewayId: tf("aws_ec2_transit_gateway_vpc_attachment.attachments[each.value.group].transit_gateway_id") }),
    };
    addPlanTimeRoutes(this, "vpc_routes", {
      groups: tf(`{ for k, v in var.vpcs : k => { route_tables = { for i, id in v.route_table_ids : tostring(i) => id }, destinations = { for d in local.vpc_destinations[k] : d => d } } }`),
      target,
    });

    // Outputs ----------------------------------------------------------------------------------
    const out = (name: string, value: string, description: string) =>
      new TerraformOutput(this, `output-${name}`, { value: tf(value), description }).overrideLogicalId(name);
    out("transit_gateway_id", "local.transit_gateway_id", "Id of the transit gateway (created, or transit_gateway_id)");
    out("transit_gateway_arn", "one([for g in aws_ec2_transit_gateway.this : g.arn])", "ARN of the created gateway (for a RAM share), or null");
    out("route_table_ids", "{ for name, t in aws_ec2_transit_gateway_route_table.tables : name => t.id }", "Id of each gateway route table, by name");
    out("attachment_ids", "{ for k, a in aws_ec2_transit_gateway_vpc_attachment.attachments : k => a.id }", "Id of each VPC's attachment, by its key in vpcs");
    out("vpc_destinations", "local.vpc_destinations", "The blocks each VPC's route tables route to the gateway, by its key in vpcs");
    out("vpc_route_ids", "{ for k, r in aws_route.vpc_routes : k => r.id }", "Routes in the VPCs' tables, by \"<vpc key>/<table position>/<destination>\"");
  }
}

/** What terraform/transit-gateway/README.md says above its terraform-docs tables. */
export const TRANSIT_GATEWAY_MODULE_README = {
  intro: [
    [
      "A transit gateway (created, or an existing one), its route tables, the VPCs attached to it with their",
      "associations and propagations, static and blackhole routes, and the attached VPCs' routes to the",
      "gateway. Generated by `npm run synth:transit-gateway-module` from this project's code: do not edit;",
      "a test regenerates it and fails on any difference.",
    ].join("\n"),
    [
      "- **Provider.** The caller's default `aws` provider (one account and region, like",
      "  terraform-aws-modules/transit-gateway). The gateway's default route table association and",
      "  propagation are off: every attachment is associated with the table it names and propagates to",
      "  the tables it lists, so only the tables declared here route.",
      "- **VPCs** are a map by a key of your choosing; the key names the attachment (`aws_ec2_transit_gateway_vpc_attachment.attachments[\"prod\"]`)",
      "  and appears in every output. Subnets: one per availability zone, checked at plan time (two in one",
      "  zone, or a subnet of another VPC, stop the plan naming them).",
      "- **VPC routes.** Each VPC's `route_table_ids` get a route to the gateway for every block its gateway",
      "  route table leads to another VPC (propagated there, or a static route), the rule this project's",
      "  config mode uses; `destination_cidrs` replaces that list. Blocks are read from the VPCs at plan",
      "  time, so the VPCs must exist (or pass `destination_cidrs`).",
      "- **Addresses** are plain names with `for_each` keys, ready for `import` and `moved` blocks.",
    ].join("\n"),
  ],
  exampleBody: () => [
    '  name            = "core"',
    "  amazon_side_asn = 64600",
    '  route_tables    = ["spokes", "shared"]',
    "  vpcs = {",
    '    shared = { vpc_id = "vpc-0a1b2c3d4e5f60030", subnet_ids = ["subnet-0a1b2c3d4e5f60301", "subnet-0a1b2c3d4e5f60302"], route_table = "shared", propagate_to = ["spokes"], route_table_ids = ["rtb-0a1b2c3d4e5f60030"] }',
    '    prod   = { vpc_id = "vpc-0a1b2c3d4e5f60031", subnet_ids = ["subnet-0a1b2c3d4e5f60311", "subnet-0a1b2c3d4e5f60312"], route_table = "spokes", propagate_to = ["shared"], route_table_ids = ["rtb-0a1b2c3d4e5f60031"] }',
    '    dev    = { vpc_id = "vpc-0a1b2c3d4e5f60032", subnet_ids = ["subnet-0a1b2c3d4e5f60321", "subnet-0a1b2c3d4e5f60322"], route_table = "spokes", propagate_to = ["shared"], route_table_ids = ["rtb-0a1b2c3d4e5f60032"] }',
    "  }",
    '  blackholes = { spokes = ["10.31.0.0/16", "10.32.0.0/16"] }',
    '  tags       = { Environment = "prod" }',
  ],
};

import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayRouteTablePropagation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Ec2TransitGatewayVpcAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter";
import { Fn, Op, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ID } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import type { RouteTargetRef } from "../../core/routes";
import { TRANSIT_TARGET, transitVpcRoutes, type TransitAttachmentSpec } from "../../core/transit";
import { type IRouteTarget, type RouteTargetArguments, type RouteTimeouts, addRoute } from "../routing/route-target";
import { RoutingRegistry } from "../routing/routing-registry";
import { type IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import type { TransitGateway } from "./transit-gateway";
import type { TransitGatewayRouteTable } from "./transit-gateway-route-table";

export interface TransitGatewayAttachmentOptions {
  /** Subnets for the attachment, one per availability zone: ids (`subnet-...`) or Name tags in the VPC. */
  readonly subnets: readonly string[];
  /** The TGW route table the VPC's traffic is looked up in (its association). */
  readonly routeTable: TransitGatewayRouteTable;
  /** TGW route tables that learn the VPC's blocks. @default none */
  readonly propagateTo?: readonly TransitGatewayRouteTable[];
  /**
   * Route the VPC's route tables to the gateway for every block its TGW route table leads to.
   * @default true
   */
  readonly addVpcRoutes?: boolean;
  /** How long Terraform waits for each VPC route. @default the provider's */
  readonly routeTimeouts?: RouteTimeouts;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface TransitGatewayAttachmentProps extends TransitGatewayAttachmentOptions {
  readonly transitGateway: TransitGateway;
  readonly vpc: IPeerableVpc;
}

/**
 * A VPC attached to a transit gateway: the attachment (default association and propagation off),
 * for a VPC of another account made through that account's provider after the gateway's RAM
 * share reached it, and accepted by the gateway's account (`accepter`),
 * its association and propagations, and the VPC's routes to the gateway. It is the routes'
 * `IRouteTarget` (`transit_gateway_id`, read from the attachment so routes wait for it), so they
 * are checked with the stack's peering routes (one route per destination in a table, the quota).
 * The attachment's subnets are looked up for their zone and VPC: a subnet of another VPC, or two
 * in one zone, fail the plan naming them. Made by `TransitGateway.attachVpc`.
 */
export class TransitGatewayAttachment extends Construct implements IRouteTarget {
  readonly vpc: IPeerableVpc;
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  /** The attachment's id; for another account's VPC, read from the acceptance, so what uses it waits for it. */
  readonly transitGatewayAttachmentId: string;
  /** The gateway account's acceptance of an attachment made from another account (RAM-shared gateway). */
  readonly accepter?: Ec2TransitGatewayVpcAttachmentAccepter;
  /** Whether the VPC is in another account than the gateway (attached through the gateway's RAM share). */
  readonly crossAccount: boolean;
  readonly routeTarget: RouteTargetRef;
  private subnetLookups: DataAwsSubnet[] = [];

  constructor(scope: Construct, id: string, private readonly props: TransitGatewayAttachmentProps) {
    super(scope, id);
    const { vpc, transitGateway: tgw } = props;
    this.vpc = vpc;
    this.routeTarget = { kind: TRANSIT_TARGET, name: tgw.name };
    const owner = { region: tgw.region, provider: tgw.provider };
    // Another account's VPC: the gateway is shared with its account (RAM), the attachment is made
    // there, and the gateway's account accepts it; the default association/propagation switches
    // then belong to the accepter (the VPC's account cannot see the gateway's tables).
    this.crossAccount = vpc.accountId !== undefined && vpc.accountId !== tgw.accountId && vpc.external !== true;
    const name = `${tgw.name}-${vpc.key}`;
    if (this.crossAccount) tgw.shareWith(vpc.accountId!, vpc.provider);
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, "attachment", {
      transitGatewayId: tgw.transitGatewayId,
      vpcId: vpc.vpcId,
      subnetIds: this.subnetIds(this.crossAccount ? vpc.provider : tgw.provider),
      ...(this.crossAccount ? {} : { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }),
      dnsSupport: "enable",
      tags: { ...props.tags, Name: name },
      lifecycle: this.subnetLookups.length > 0 ? { precondition: this.subnetChecks() } : undefined,
      dependsOn: this.crossAccount ? tgw.share!.dependablesFor(vpc.accountId!) : undefined,
      region: tgw.region,
      provider: this.crossAccount ? vpc.provider : tgw.provider,
    });
    this.accepter = this.crossAccount
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, "accepter", { transitGatewayAttachmentId: this.attachment.id, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false, tags: { ...props.tags, Name: name }, ...owner })
      : undefined;
    // The association, propagations and VPC routes wait for the acceptance when there is one.
    this.transitGatewayAttachmentId = this.accepter?.id ?? this.attachment.id;
    new Ec2TransitGatewayRouteTableAssociation(this, "association", { transitGatewayAttachmentId: this.transitGatewayAttachmentId, transitGatewayRouteTableId: props.routeTable.transitGatewayRouteTableId, ...owner });
    for (const table of props.propagateTo ?? []) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${constructIdPart(table.name)}`, { transitGatewayAttachmentId: this.transitGatewayAttachmentId, transitGatewayRouteTableId: table.transitGatewayRouteTableId, ...owner });
    }
  }

  /** Whether the VPC's routes are still to be made (`TransitGateway.routeVpcs` not called since it was attached). */
  get awaitingVpcRoutes(): boolean {
    return (this.props.addVpcRoutes ?? true) && !this.routed;
  }

  private routed = false;

  /** `transit_gateway_id` from the attachment, so a VPC route waits for its VPC's attachment. */
  routeArguments(): RouteTargetArguments {
    return { transitGatewayId: (this.accepter ?? this.attachment).transitGatewayId };
  }

  /** The attachment as the core rules see it. */
  spec(where: string): TransitAttachmentSpec {
    const side = vpcSideSpec(this.vpc);
    return {
      where,
      vpc: { key: this.vpc.key, identity: side.identity, ipv4: this.vpc.cidrBlocks, ipv6: this.vpc.ipv6CidrBlocks, routeTables: side.routeTables, knownSubnets: this.vpc.createdSubnets, account: this.vpc.accountId, region: this.vpc.region, external: this.vpc.external },
      subnets: this.props.subnets,
      routeTable: this.props.routeTable.name,
      propagateTo: (this.props.propagateTo ?? []).map((t) => t.name),
    };
  }

  /**
   * The VPC's routes to the gateway, one per route table and block its TGW route table leads to
   * (other attached VPCs' blocks, static routes; not blackholes). Call once every attachment and
   * route of the gateway is declared; `TransitGateway.routeVpcs` does it for all attachments.
   */
  addVpcRoutes(): void {
    if (!this.awaitingVpcRoutes) return;
    this.routed = true;
    const plans = transitVpcRoutes(this.props.transitGateway.spec(""), this.spec(""));
    const built = new Map(plans.map((plan) => [plan, addRoute(this, `route-${plan.id}`, this.vpc, plan, this, { timeouts: this.props.routeTimeouts })] as const));
    RoutingRegistry.of(this).registerRoutes({ set: { where: this.node.path, routes: plans }, construct: this, routeConstruct: (plan) => built.get(plan) });
  }

  /** Subnet ids: a created subnet by its Name tag, else looked up (by id, or by Name tag in the VPC) for its zone and VPC. */
  private subnetIds(provider: TerraformProvider | undefined): string[] {
    const { vpc, subnets } = this.props;
    return subnets.map((s, i) => {
      const created = vpc.createdSubnets?.find((c) => c.name === s);
      if (created) return created.subnetId;
      const lookup = new DataAwsSubnet(this, `subnet-${constructIdPart(s, String(i))}`, {
        ...(ID.subnet.pattern.test(s) ? { id: s } : { vpcId: vpc.vpcId, filter: [{ name: "tag:Name", values: [s] }] }),
        region: this.props.transitGateway.region,
        provider,
      });
      this.subnetLookups.push(lookup);
      return lookup.id;
    });
  }

  /** Plan-time checks of looked-up subnets: all in the attached VPC, one per availability zone. */
  private subnetChecks() {
    const { vpc, subnets, transitGateway: tgw } = this.props;
    return attachmentSubnetChecks({
      vpc: vpc.key,
      gateway: tgw.name,
      subnets: subnets.join(", "),
      zones: this.subnetLookups.map((s) => s.availabilityZone),
      subnetVpcIds: this.subnetLookups.map((s) => s.vpcId),
      vpcId: vpc.vpcId,
    });
  }
}

/** An attachment's subnets as plan-time values: lists of tokens, or one list-valued expression each (a module's for_each). */
export interface AttachmentSubnetFacts {
  /** The attached VPC's key or name, for the message. */
  readonly vpc: string;
  /** The gateway's name, for the message. */
  readonly gateway: string;
  /** The subnets as the caller gave them, for the message. */
  readonly subnets: string;
  /** Each subnet's availability zone. */
  readonly zones: readonly string[] | string;
  /** Each subnet's VPC id. */
  readonly subnetVpcIds: readonly string[] | string;
  readonly vpcId: string;
}

/**
 * The plan-time rules of an attachment's subnets (preconditions of the attachment): one subnet
 * per availability zone, every subnet in the attached VPC. One definition for the construct and
 * the general module (terraform/transit-gateway).
 */
export function attachmentSubnetChecks(facts: AttachmentSubnetFacts): { condition: unknown; errorMessage: string }[] {
  const { vpc, gateway, subnets, zones, subnetVpcIds, vpcId } = facts;
  const count = typeof zones === "string" ? Fn.lengthOf(zones) : zones.length;
  const inVpc = typeof subnetVpcIds === "string" ? Op.eq(Fn.toset(subnetVpcIds), Fn.toset([vpcId])) : Fn.alltrue(subnetVpcIds.map((v) => Op.eq(v, vpcId)));
  return [
    {
      condition: Op.eq(Fn.lengthOf(Fn.distinct(zones as string[])), count),
      errorMessage: `The subnets of ${vpc}'s attachment to transit gateway ${gateway} (${subnets}) are in ${Fn.join(", ", zones as string[])}: an attachment takes one subnet per availability zone; list one subnet of each zone.`,
    },
    {
      condition: inVpc,
      errorMessage: `A subnet of ${vpc}'s attachment to transit gateway ${gateway} (${subnets}) is in ${Fn.join(", ", subnetVpcIds as string[])}, not in ${vpc} (${vpcId}): list subnets of the attached VPC.`,
    },
  ];
}

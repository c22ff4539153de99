import { DataAwsEc2TransitGateway } from "@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Op, ref, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";
import { error, formatProblem } from "../../core/problems";
import { transitGatewayProblems, transitRouteTableEntries, type TransitGatewaySpec } from "../../core/transit";
import type { TransitGatewayFact } from "../../core/facts";
import { recordFact } from "../facts";
import type { IPeerableVpc } from "../vpc/peerable-vpc";
import { TransitGatewayAttachment, type TransitGatewayAttachmentOptions } from "./transit-gateway-attachment";
import { TransitGatewayPeering, type TransitGatewayPeeringOptions } from "./transit-gateway-peering";
import { TransitGatewayRouteTable } from "./transit-gateway-route-table";
import { TransitGatewayShare, type TransitGatewayGrant, type TransitGatewaySharing } from "./transit-gateway-share";

/** An existing transit gateway: by id, or by tags (exactly one must match). */
export type TransitGatewayLookup = { readonly id: string } | { readonly tags: Readonly<Record<string, string>> };

export interface TransitGatewayProps {
  /** Short name used in construct ids, Name tags, messages and the report, e.g. `core`. */
  readonly name: string;
  /** Private ASN of the Amazon side (64512-65534 or 4200000000-4294967294). @default 64512 (AWS's) */
  readonly amazonSideAsn?: number;
  /** @default "<name>, routed by its own route tables" */
  readonly description?: string;
  /** Region of the gateway when it differs from the provider's. @default the provider's */
  readonly region?: string;
  /** @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /**
   * 12-digit id of the gateway's account, when it is not the default provider's: a VPC whose
   * `accountId` differs is attached through a RAM share. @default the default provider's account
   */
  readonly accountId?: string;
  /** How VPCs of other accounts get the gateway (RAM share by invitation, or within an Organization). @default "invitation" */
  readonly sharing?: TransitGatewaySharing;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Transit Gateway and what routes through it: route tables (`addRouteTable`), VPC attachments
 * (`attachVpc`, each associated with one table and propagating to others) and static or
 * blackhole routes. A created gateway has AWS's default route table association and propagation
 * off, so only the tables declared here route. `TransitGateway.fromLookup` uses an existing one.
 * The whole gateway is checked at synth (node.addValidation) by the rule config validation uses
 * (core/transit.ts): one attachment per VPC, known tables, conflicts in a table, quotas.
 */
export class TransitGateway extends Construct {
  /** Uses an existing transit gateway (by id or tags); this stack adds route tables and attachments to it. */
  static fromLookup(scope: Construct, id: string, props: Omit<TransitGatewayProps, "amazonSideAsn" | "description"> & { readonly lookup: TransitGatewayLookup }): TransitGateway {
    return new TransitGateway(scope, id, props, props.lookup);
  }

  readonly name: string;
  readonly transitGatewayId: string;
  /** The gateway's ARN, which its RAM share names. */
  readonly transitGatewayArn: string;
  readonly accountId?: string;
  readonly gateway?: Ec2TransitGateway;
  readonly lookup?: DataAwsEc2TransitGateway;
  readonly region?: string;
  readonly provider?: TerraformProvider;
  private readonly tables: TransitGatewayRouteTable[] = [];
  private readonly attachments: TransitGatewayAttachment[] = [];
  private ramShare?: TransitGatewayShare;
  private readonly peeringLinks: TransitGatewayPeering[] = [];

  constructor(scope: Construct, id: string, private readonly props: TransitGatewayProps, existing?: TransitGatewayLookup) {
    super(scope, id);
    this.name = props.name;
    this.region = props.region;
    this.provider = props.provider;
    this.accountId = props.accountId;
    const placement = { region: props.region, provider: props.provider };
    if (existing) {
      this.lookup = new DataAwsEc2TransitGateway(this, "gateway", {
        ...("id" in existing ? { id: existing.id } : { filter: Object.entries(existing.tags).map(([k, v]) => ({ name: `tag:${k}`, values: [v] })) }),
        ...placement,
      });
      this.transitGatewayId = this.lookup.id;
      this.transitGatewayArn = this.lookup.arn;
    } else {
      this.gateway = new Ec2TransitGateway(this, "gateway", {
        description: props.description ?? `${props.name}, routed by its own route tables`,
        amazonSideAsn: props.amazonSideAsn,
        defaultRouteTableAssociation: "disable",
        defaultRouteTablePropagation: "disable",
        autoAcceptSharedAttachments: "disable",
        dnsSupport: "enable",
        tags: { ...props.tags, Name: props.name },
        ...placement,
      });
      this.transitGatewayId = this.gateway.id;
      this.transitGatewayArn = this.gateway.arn;
    }
    this.node.addValidation({ validate: () => [...transitGatewayProblems(this.spec("")), ...this.unrouted()].map(formatProblem) });
    this.changed();
  }

  /** Rewrites the gateway's fact for the report; its tables and attachments call it when they change. */
  changed(): void {
    recordFact(this.gateway ?? this.lookup!, { transitGateway: this.fact() });
  }

  /** A TGW route table of this gateway. */
  addRouteTable(name: string): TransitGatewayRouteTable {
    const base = `route-table-${constructIdPart(name)}`;
    const id = this.node.tryFindChild(base) ? `${base}-${this.tables.length}` : base;
    const table = new TransitGatewayRouteTable(this, id, { transitGateway: this, name, tags: this.props.tags });
    this.tables.push(table);
    this.changed();
    return table;
  }

  /**
   * Attaches a VPC (one subnet per availability zone), associates it with `routeTable`,
   * propagates its blocks to `propagateTo`, and routes its route tables to the gateway for every
   * block `routeTable` leads to (computed at synth, once every attachment is known).
   */
  attachVpc(vpc: IPeerableVpc, options: TransitGatewayAttachmentOptions): TransitGatewayAttachment {
    const base = `attachment-${constructIdPart(vpc.key)}`;
    // A second attachment of one VPC gets an id of its own, so the validation can name it.
    const id = this.node.tryFindChild(base) ? `${base}-${this.attachments.length}` : base;
    const attachment = new TransitGatewayAttachment(this, id, { ...options, vpc, transitGateway: this });
    this.attachments.push(attachment);
    this.changed();
    return attachment;
  }

  /**
   * Shares the gateway with another account through RAM (one share per gateway, made on first
   * use; a principal association per account, accepted through `provider` when sharing by
   * invitation). `attachVpc` calls it for a VPC of another account.
   */
  shareWith(accountId: string, provider?: TerraformProvider): TransitGatewayGrant {
    if (!this.ramShare && this.lookup) {
      // Attachments from other accounts are accepted here, explicitly: one auto-accepted would be refused a second acceptance.
      this.lookup.lifecycle = { postcondition: [{ condition: Op.eq(ref("self.auto_accept_shared_attachments"), "disable"), errorMessage: `Transit gateway ${this.name} (\${self.id}) accepts shared attachments automatically (auto_accept_shared_attachments = \${self.auto_accept_shared_attachments}): this stack accepts the attachments of other accounts itself; turn auto-accept off on the gateway, or attach those VPCs from a stack of their own.` }] };
    }
    this.ramShare ??= new TransitGatewayShare(this, "share", { transitGateway: this, sharing: this.props.sharing, tags: this.props.tags });
    return this.ramShare.addAccount(accountId, provider);
  }

  /** The RAM share, once the gateway is shared with another account. */
  get share(): TransitGatewayShare | undefined {
    return this.ramShare;
  }

  /**
   * Peers this gateway with another (usually of another region, whose `region` must be given):
   * the peering attachment here, its acceptance there, an association with `routeTable` here and
   * `peerRouteTable` there, and static routes on both sides (made by `routeVpcs` of each gateway).
   */
  peerWith(peer: TransitGateway, options: TransitGatewayPeeringOptions): TransitGatewayPeering {
    if (this.peeringLinks.some((p) => p.otherThan(this) === peer)) throw new Error(`TransitGateway ${this.name}: already peered with ${peer.name}; AWS allows one peering per pair of gateways`);
    const peering = new TransitGatewayPeering(this, `peering-${constructIdPart(peer.name)}`, { ...options, transitGateway: this, peer });
    this.peeringLinks.push(peering);
    peer.peeringLinks.push(peering);
    this.changed();
    peer.changed();
    return peering;
  }

  /** The attachment of the VPC with this key, if attached. */
  attachmentOf(vpcKey: string): TransitGatewayAttachment | undefined {
    return this.attachments.find((a) => a.vpc.key === vpcKey);
  }

  /**
   * Routes each attached VPC's route tables to the gateway for every block its TGW route table
   * leads to. Call it after the last attachment and static route; attachments made later need
   * another call.
   */
  routeVpcs(): this {
    for (const p of this.peeringLinks) p.addRoutes(this);
    for (const a of this.attachments) a.addVpcRoutes();
    this.changed();
    return this;
  }

  private unrouted() {
    return [
      ...this.attachments.filter((a) => a.awaitingVpcRoutes).map((a) => error(`attachments.${a.vpc.key}`, `${a.vpc.key}'s route tables have no routes to transit gateway ${this.name} yet: call routeVpcs() on the gateway after the last attachVpc and route, or attach it with addVpcRoutes: false`)),
      ...this.peeringLinks.filter((p) => p.awaitingRoutes(this)).map((p) => error(`peerings.${p.otherThan(this).name}`, `the route tables of transit gateway ${this.name} have no routes to its peer ${p.otherThan(this).name} yet: call routeVpcs() on the gateway after the last attachment of both gateways`)),
    ];
  }

  /** The gateway as the core rules see it, with its sides of TGW peerings; `where` prefixes every problem's path. */
  spec(where: string): TransitGatewaySpec {
    const prefix = where ? `${where}.` : "";
    return { ...this.attachedSpec(where), peerings: this.peeringLinks.map((p) => p.sideOf(this, `${prefix}peerings.${p.otherThan(this).name}`)) };
  }

  /** The gateway without its peerings: its tables and attachments. */
  attachedSpec(where: string): TransitGatewaySpec {
    const prefix = where ? `${where}.` : "";
    return {
      where,
      name: this.name,
      amazonSideAsn: this.props.amazonSideAsn,
      region: this.region,
      account: this.accountId,
      routeTables: this.tables.map((t) => t.spec(`${prefix}routeTables.${t.name}`)),
      attachments: this.attachments.map((a) => a.spec(`${prefix}attachments.${a.vpc.key}`)),
    };
  }

  /** What the report needs: each table's routes (propagated and static) and each attachment's table. */
  private fact(): TransitGatewayFact {
    const spec = this.spec("");
    const entries = transitRouteTableEntries(spec);
    const peerings = (spec.peerings ?? []).map((p) => ({ peer: p.peer, routeTable: p.routeTable }));
    return {
      name: this.name,
      routeTables: spec.routeTables.map((t) => ({ name: t.name, routes: (entries.get(t.name) ?? []).map((e) => ({ destination: e.destination, origin: e.origin, ...(e.vpc !== undefined ? { vpc: e.vpc } : {}), ...(e.peer !== undefined ? { peer: e.peer } : {}), blackhole: e.blackhole })) })),
      attachments: spec.attachments.map((a) => ({ vpc: a.vpc.key, routeTable: a.routeTable, propagateTo: [...a.propagateTo] })),
      // Only when peered, so a gateway without peerings reads as before.
      ...(peerings.length > 0 ? { peerings } : {}),
    };
  }

}

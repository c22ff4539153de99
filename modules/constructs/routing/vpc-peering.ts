import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { IResolvable, Tokenization } from "cdktf";
import { Construct } from "constructs";
import { ExistingVpc, ExistingVpcProps, IPeerableVpc } from "../vpc/existing-vpc";
import { PeerSecurityRules, PeerSecurityRulesProps } from "./peer-security-rules";
import { peerFacingBlocks, peeringRoutes, RoutePlan, sameRegion } from "../../app/plan";

export type PeeringSide = IPeerableVpc | ExistingVpcProps;

/** A flag known at synth time, or a Terraform expression (e.g. a module variable) known at plan time. */
export type DnsFlag = boolean | IResolvable;

export interface VpcPeeringProps {
  /** Name tag of the peering connection. */
  readonly name: string;
  /** The VPC that requests the peering: a looked-up/created VPC, or props to look one up. */
  readonly requester: PeeringSide;
  /** The VPC that accepts it. */
  readonly accepter: PeeringSide;
  /**
   * Let each side resolve the other's private DNS hostnames to private IPs.
   * `true` sets both sides. @default false for both
   */
  readonly allowRemoteVpcDnsResolution?: DnsFlag | { readonly requester?: DnsFlag; readonly accepter?: DnsFlag };
  /** Security-group / network-ACL rules between the two. @default none */
  readonly securityRules?: Omit<PeerSecurityRulesProps, "requester" | "accepter" | "defaultRegion">;
  /**
   * Region of the provider(s): decides, for sides with no `region`, whether the peering is
   * inter-region and what `peer_region` is. @default looked up (data aws_region) when needed
   */
  readonly defaultRegion?: string;
  /** Extra tags on the connection. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

function isPeerable(side: PeeringSide): side is IPeerableVpc {
  return "routeTableIds" in side;
}

/**
 * A peering connection between two VPCs, accepted, with each side's DNS option and a route in
 * every listed route table of each side to the peer's blocks.
 *
 * - Same account, same region: the requester auto-accepts; one options resource sets both sides.
 * - Another region (`region` differs): the requester sets `peer_region`; an accepter resource with
 *   the v6 `region` argument accepts, on the same provider.
 * - Another account (`accountId` differs): the requester sets `peer_owner_id`; the accepter
 *   resource runs on the accepter's provider. Both can combine.
 * In the last two cases each side sets its own DNS option, after acceptance, through its own
 * provider and region; routes and options reference the accepter so they wait for it.
 */
export class VpcPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  /** Set when the peering crosses accounts or regions. */
  readonly accepterResource?: VpcPeeringConnectionAccepterA;
  /** Same-account, same-region DNS options (both sides). */
  readonly options?: VpcPeeringConnectionOptions;
  readonly requesterOptions?: VpcPeeringConnectionOptions;
  readonly accepterOptions?: VpcPeeringConnectionOptions;
  readonly routes: readonly Route[];
  readonly securityRules?: PeerSecurityRules;
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
  /** The routes planned, with table keys and destinations. */
  readonly routePlan: readonly RoutePlan[];

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const flag = (value: DnsFlag | undefined): DnsFlag => (Tokenization.isResolvable(value) ? value : !!value);
    const option = props.allowRemoteVpcDnsResolution;
    const dns =
      typeof option === "object" && !Tokenization.isResolvable(option)
        ? { requester: flag(option.requester), accepter: flag(option.accepter) }
        : { requester: flag(option), accepter: flag(option) };
    // An expression may turn out true at plan time, so it counts as on here.
    const anyDns = dns.requester !== false || dns.accepter !== false;
    const resolve = (side: PeeringSide, role: string): IPeerableVpc =>
      isPeerable(side) ? side : new ExistingVpc(this, role, { ...side, requireDns: side.requireDns || anyDns });
    const requester = (this.requester = resolve(props.requester, "requester"));
    const accepter = (this.accepter = resolve(props.accepter, "accepter"));

    this.crossAccount = requester.accountId !== accepter.accountId;
    this.crossRegion = !sameRegion(requester.region, accepter.region, props.defaultRegion);
    if (this.crossAccount && requester.provider === accepter.provider) {
      throw new Error(`VpcPeering ${id}: ${accepter.key} is in another account than ${requester.key} and needs its own provider (with that account's credentials) to accept`);
    }

    const tags = { ...props.tags, Name: props.name };
    const peerOwnerId = this.crossAccount
      ? (accepter.accountId ?? new DataAwsCallerIdentity(this, "accepter-account", { provider: accepter.provider }).accountId)
      : undefined;
    const peerRegion = this.crossRegion
      ? (accepter.region ?? props.defaultRegion ?? new DataAwsRegion(this, "accepter-region", { provider: accepter.provider }).region)
      : undefined;

    this.connection = new VpcPeeringConnection(this, "connection", {
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      ...(this.crossAccount || this.crossRegion ? { peerOwnerId, peerRegion } : { autoAccept: true }),
      region: requester.region,
      provider: requester.provider,
      tags,
    });

    let peeringId = this.connection.id;
    if (this.crossAccount || this.crossRegion) {
      this.accepterResource = new VpcPeeringConnectionAccepterA(this, "accepter", {
        vpcPeeringConnectionId: this.connection.id,
        autoAccept: true,
        region: accepter.region,
        provider: accepter.provider,
        tags,
      });
      // The accepter's id is the connection's id, but referencing it orders everything after acceptance.
      peeringId = this.accepterResource.vpcPeeringConnectionId;
    }

    // DNS options live in their own resources: they can only be set once the connection is
    // active, and setting them inline on the connection as well would make the two fight.
    if (anyDns && !this.accepterResource) {
      this.options = new VpcPeeringConnectionOptions(this, "options", {
        vpcPeeringConnectionId: this.connection.id,
        region: requester.region,
        provider: requester.provider,
        requester: { allowRemoteVpcDnsResolution: dns.requester },
        accepter: { allowRemoteVpcDnsResolution: dns.accepter },
      });
    } else if (anyDns) {
      if (dns.requester !== false) {
        this.requesterOptions = new VpcPeeringConnectionOptions(this, "requester-options", {
          vpcPeeringConnectionId: peeringId,
          region: requester.region,
          provider: requester.provider,
          requester: { allowRemoteVpcDnsResolution: dns.requester },
        });
      }
      if (dns.accepter !== false) {
        this.accepterOptions = new VpcPeeringConnectionOptions(this, "accepter-options", {
          vpcPeeringConnectionId: peeringId,
          region: accepter.region,
          provider: accepter.provider,
          accepter: { allowRemoteVpcDnsResolution: dns.accepter },
        });
      }
    }

    const sides = { requester, accepter };
    const peerSide = (vpc: IPeerableVpc) => {
      const blocks = peerFacingBlocks(vpc.cidrBlocks, vpc.ipv6CidrBlocks, vpc.routeTo);
      return { routeTables: Object.keys(vpc.routeTableIds), cidrBlocks: blocks.ipv4, ipv6CidrBlocks: blocks.ipv6 };
    };
    this.routePlan = peeringRoutes(peerSide(requester), peerSide(accepter));
    this.routes = this.routePlan.map((route) => {
      const vpc = sides[route.side];
      return new Route(this, `route-${route.side}-${route.id}`, {
        routeTableId: vpc.routeTableIds[route.routeTable],
        ...(route.family === 4 ? { destinationCidrBlock: route.destination } : { destinationIpv6CidrBlock: route.destination }),
        vpcPeeringConnectionId: peeringId,
        region: vpc.region,
        provider: vpc.provider,
      });
    });

    if (props.securityRules) {
      this.securityRules = new PeerSecurityRules(this, "security", {
        ...props.securityRules,
        requester,
        accepter,
        defaultRegion: props.defaultRegion,
      });
    }
  }

  get connectionId(): string {
    return this.connection.id;
  }
}

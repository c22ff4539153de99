import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { IResolvable, Tokenization } from "cdktf";
import { Construct } from "constructs";
import { ExistingVpc, ExistingVpcProps, IPeerableVpc } from "./existing-vpc";
import { peeringRoutes, RoutePlan } from "./planning/topology";

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
  /** Extra tags on the connection. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

function isPeerable(side: PeeringSide): side is IPeerableVpc {
  return "routeTableIds" in side;
}

/**
 * A same-account, same-region peering connection, accepted, with the DNS options of both sides
 * and a route in every listed route table of each side to every block of the other.
 */
export class VpcPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  readonly options?: VpcPeeringConnectionOptions;
  readonly routes: readonly Route[];
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
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
    this.requester = resolve(props.requester, "requester");
    this.accepter = resolve(props.accepter, "accepter");

    this.connection = new VpcPeeringConnection(this, "connection", {
      vpcId: this.requester.vpcId,
      peerVpcId: this.accepter.vpcId,
      autoAccept: true,
      provider: this.requester.provider,
      tags: { ...props.tags, Name: props.name },
    });

    // DNS options live in their own resource: they can only be set once the connection is
    // active, and setting them inline on the connection as well would make the two fight.
    if (anyDns) {
      this.options = new VpcPeeringConnectionOptions(this, "options", {
        vpcPeeringConnectionId: this.connection.id,
        provider: this.requester.provider,
        requester: { allowRemoteVpcDnsResolution: dns.requester },
        accepter: { allowRemoteVpcDnsResolution: dns.accepter },
      });
    }

    const sides = { requester: this.requester, accepter: this.accepter };
    const peerSide = (vpc: IPeerableVpc) => ({
      routeTables: Object.keys(vpc.routeTableIds),
      cidrBlocks: vpc.cidrBlocks,
      ipv6CidrBlocks: vpc.ipv6CidrBlocks,
    });
    this.routePlan = peeringRoutes(peerSide(this.requester), peerSide(this.accepter));
    this.routes = this.routePlan.map((route) => {
      const vpc = sides[route.side];
      return new Route(this, `route-${route.side}-${route.id}`, {
        routeTableId: vpc.routeTableIds[route.routeTable],
        ...(route.family === 4 ? { destinationCidrBlock: route.destination } : { destinationIpv6CidrBlock: route.destination }),
        vpcPeeringConnectionId: this.connection.id,
        provider: vpc.provider,
      });
    });
  }

  get connectionId(): string {
    return this.connection.id;
  }
}

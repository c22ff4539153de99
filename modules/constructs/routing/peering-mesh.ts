import { Construct } from "constructs";
import type { IPeerableVpc } from "../vpc/peerable-vpc";
import { MeshTopology, meshPairs, meshPeeringName } from "../../core/mesh";
import { VpcPeering, VpcPeeringProps } from "./vpc-peering";

export interface PeeringMeshProps {
  /** The VPCs by key; key order decides which side requests (the earlier one). */
  readonly vpcs: Readonly<Record<string, IPeerableVpc>>;
  /**
   * `full`: every pair; `{ hub }`: the hub with each spoke only, hub requesting; or explicit
   * pairs of keys.
   */
  readonly topology: "full" | { readonly hub: string } | { readonly pairs: ReadonlyArray<readonly [string, string]> };
  /** Peering Name tag; `{requester}` and `{accepter}` become the keys. @default "{requester}-{accepter}" */
  readonly namePattern?: string;
  /** Applied to every peering. @default false */
  readonly allowRemoteVpcDnsResolution?: VpcPeeringProps["allowRemoteVpcDnsResolution"];
  /** Applied to every peering (network-ACL rule numbers are shared across the stack). @default none */
  readonly securityRules?: VpcPeeringProps["securityRules"];
  /** See VpcPeeringProps.defaultRegion. */
  readonly defaultRegion?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Peerings among many VPCs from one map and a topology.
 *
 * Peering is not transitive: traffic never crosses a VPC to reach a third one. In hub-and-spoke
 * (hub A, spokes B and C) B and C each reach A, but B and C get no connection and no routes to
 * each other; if they must talk, peer them too (or use a transit gateway).
 */
export class PeeringMesh extends Construct {
  /** By peering name. */
  readonly peerings: Readonly<Record<string, VpcPeering>>;

  constructor(scope: Construct, id: string, props: PeeringMeshProps) {
    super(scope, id);
    const keys = Object.keys(props.vpcs);
    const pairs =
      typeof props.topology === "object" && "pairs" in props.topology
        ? props.topology.pairs.map(([requester, accepter]) => ({ requester, accepter }))
        : meshPairs(keys, props.topology === "full" ? { kind: "full" } : ({ kind: "hub-and-spoke", hub: props.topology.hub } satisfies MeshTopology));
    for (const { requester, accepter } of pairs) {
      for (const key of [requester, accepter]) {
        if (!props.vpcs[key]) throw new Error(`PeeringMesh ${id}: unknown VPC key "${key}": use one of ${keys.join(", ")}`);
      }
    }
    if (typeof props.topology === "object" && "hub" in props.topology && !props.vpcs[props.topology.hub]) {
      throw new Error(`PeeringMesh ${id}: hub "${props.topology.hub}" is not a key of 'vpcs'`);
    }
    const peerings: Record<string, VpcPeering> = {};
    for (const pair of pairs) {
      const name = meshPeeringName(props.namePattern ?? "{requester}-{accepter}", pair);
      if (peerings[name]) throw new Error(`PeeringMesh ${id}: two peerings are named "${name}": use a namePattern with {requester} and {accepter}`);
      peerings[name] = new VpcPeering(this, name, {
        name,
        requester: props.vpcs[pair.requester],
        accepter: props.vpcs[pair.accepter],
        allowRemoteVpcDnsResolution: props.allowRemoteVpcDnsResolution,
        securityRules: props.securityRules,
        defaultRegion: props.defaultRegion,
        tags: props.tags,
      });
    }
    this.peerings = peerings;
  }
}

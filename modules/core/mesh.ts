// Pure planning: the peerings a topology implies. VPC peering is not transitive, so a pair gets
// a connection (and routes) only when the topology names it: in hub-and-spoke the spokes never
// reach each other through the hub.

export type MeshTopology = { readonly kind: "full" } | { readonly kind: "hub-and-spoke"; readonly hub: string };

export interface MeshPair {
  readonly requester: string;
  readonly accepter: string;
}

/**
 * The pairs of a topology over `keys`, in a stable order. Full mesh: every unordered pair once,
 * the earlier key requesting (n(n-1)/2 pairs). Hub-and-spoke: the hub requests one per spoke.
 */
export function meshPairs(keys: readonly string[], topology: MeshTopology): MeshPair[] {
  const pairs: MeshPair[] = [];
  if (topology.kind === "full") {
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) pairs.push({ requester: keys[i], accepter: keys[j] });
    }
  } else {
    for (const key of keys) if (key !== topology.hub) pairs.push({ requester: topology.hub, accepter: key });
  }
  return pairs;
}

export function meshPeeringName(pattern: string, pair: MeshPair): string {
  return pattern.replaceAll("{requester}", pair.requester).replaceAll("{accepter}", pair.accepter);
}



import type { ProviderSide } from "./tunables";

// Where a stack's flow logs live, decided once: a flow log lives in its VPC's account and region.
// Root stacks group the VPCs by account and region (each group on that account's provider, with
// the v6 region argument); a module groups them by the caller's provider side, and its binding
// decides what the two sides share. Subnets and network interfaces are in the default account
// and region. Each group gets its own FlowLogs construct (and log group) under `id`.

/** Where a group of flow logs lives. */
export interface FlowLogPlace {
  /** Account key; unset for the default provider's account. */
  readonly account?: string;
  /** Region when it is not the stack's. */
  readonly region?: string;
  readonly side: ProviderSide;
}

export interface FlowLogPlacement extends FlowLogPlace {
  /** Construct id of the group's FlowLogs: `flow-logs` for the default place. */
  readonly id: string;
  /** VPC keys logged there, in config order. */
  readonly keys: readonly string[];
}

export const samePlace = (a: FlowLogPlace, b: FlowLogPlace): boolean => a.account === b.account && a.region === b.region && a.side === b.side;

const HOME: FlowLogPlace = { side: "requester" };

/**
 * The groups, the default place first (it keeps the id "flow-logs", and so its resource
 * addresses); the default place exists whenever subnets or interfaces are logged.
 */
export function flowLogPlacements(input: {
  readonly vpcKeys: readonly string[];
  readonly withSubnetsOrInterfaces: boolean;
  readonly defaultRegion: string;
  readonly placeOf: (key: string) => FlowLogPlace;
  /** Name the other groups by provider side (module; a side's second group and on add their region) instead of account and region (a config account's still by account). */
  readonly idBySide: boolean;
}): FlowLogPlacement[] {
  const placements: (FlowLogPlace & { keys: string[] })[] = [];
  for (const key of input.vpcKeys) {
    const where = input.placeOf(key);
    const found = placements.find((p) => samePlace(p, where));
    if (found) found.keys.push(key);
    else placements.push({ ...where, keys: [key] });
  }
  if (input.withSubnetsOrInterfaces && !placements.some((p) => samePlace(p, HOME))) placements.push({ ...HOME, keys: [] });
  placements.sort((a, b) => Number(samePlace(b, HOME)) - Number(samePlace(a, HOME)));
  // By side, a side's first group keeps `flow-logs-<side>` (its addresses stay when a VPC of it is
  // given its own region); a side's further groups add their region.
  const sideNamed = new Set<ProviderSide>();
  const bySide = (p: FlowLogPlace) => (sideNamed.has(p.side) ? `${p.side}-${p.region ?? input.defaultRegion}` : (sideNamed.add(p.side), p.side));
  return placements.map((p, i) => {
    if (i === 0 && input.idBySide && p.account === undefined) sideNamed.add(p.side);
    return {
      ...p,
      id: i === 0 ? "flow-logs" : `flow-logs-${input.idBySide && p.account === undefined ? bySide(p) : `${p.account ?? "default"}-${p.region ?? input.defaultRegion}`}`,
    };
  });
}

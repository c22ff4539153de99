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
  /** Name the other groups by provider side (module) instead of account and region (a config account's still by account). */
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
  return placements.map((p, i) => ({
    ...p,
    id: i === 0 ? "flow-logs" : `flow-logs-${input.idBySide && p.account === undefined ? p.side : `${p.account ?? "default"}-${p.region ?? input.defaultRegion}`}`,
  }));
}

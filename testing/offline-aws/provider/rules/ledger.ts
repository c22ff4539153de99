// What the apply-step rules judge against: what the world says already exists, and what this
// provider configuration has applied so far (one Terraform run: Terraform opens one connection,
// or starts one provider process, per provider configuration and command). Objects created in a
// run are also remembered process-wide by id, so that a provider configuration for another
// region or account (an accepter, an options resource) can look up the connection it names; ids
// are derived from the configuration, so the same configuration always names the same facts.
import type { Value } from "../cty";
import type { World, WorldRecord } from "../world";
import type { Obj } from "./types";

export interface Applied {
  type: string;
  values: Obj;
  region: string;
  account: string;
}

const byId = new Map<string, Applied>();

/** An object created in this process by any provider configuration, by type and id. */
export function appliedById(type: string, id: string): Applied | undefined {
  return byId.get(`${type}:${id}`);
}

export class Ledger {
  readonly applied: Applied[] = [];
  constructor(public world: World, readonly baseWorld: World = world) {}

  record(type: string, values: Value, region: string, account: string): void {
    if (values === null || typeof values !== "object" || Array.isArray(values)) return;
    const v = values as Obj;
    const id = typeof v.id === "string" ? v.id : undefined;
    const at = id === undefined ? -1 : this.applied.findIndex((a) => a.type === type && a.values.id === id);
    const entry = { type, values: v, region, account };
    if (at >= 0) this.applied[at] = entry;
    else this.applied.push(entry);
    if (id) byId.set(`${type}:${id}`, entry);
  }

  forget(type: string, values: Value): void {
    const id = values && typeof values === "object" && !Array.isArray(values) ? (values as Obj).id : undefined;
    const at = this.applied.findIndex((a) => a.type === type && a.values.id === id);
    if (at >= 0) this.applied.splice(at, 1);
  }

  /** Objects of a type applied by this provider configuration. */
  of(type: string): Applied[] {
    return this.applied.filter((a) => a.type === type);
  }

  /** An object created in this process by any provider configuration. */
  lookup(type: string, id: string): Applied | undefined {
    return this.applied.find((a) => a.type === type && a.values.id === id) ?? byId.get(`${type}:${id}`);
  }

  /** Objects of a type applied in this process by any provider configuration (any account or region). */
  everywhere(type: string): Applied[] {
    const own = this.of(type);
    const others = [...byId.values()].filter((a) => a.type === type && !own.some((o) => o.values.id === a.values.id));
    return [...own, ...others];
  }

  /** Records of a world collection, in this account and every other account of the world. */
  worldRecords(collection: string): Array<WorldRecord & { account_id: string }> {
    const base = this.baseWorld;
    const own = ((base[collection] ?? []) as WorldRecord[]).map((r) => ({ ...r, account_id: String(r.owner_id ?? base.account_id) }));
    const others = Object.entries(base.accounts ?? {}).flatMap(([acct, w]) => (((w as Record<string, unknown>)[collection] ?? []) as WorldRecord[]).map((r) => ({ ...r, account_id: String(r.owner_id ?? acct) })));
    return [...own, ...others];
  }

  /** Records of a world collection in the account this provider configuration acts in. */
  ownWorldRecords(collection: string): WorldRecord[] {
    return (this.world[collection] ?? []) as WorldRecord[];
  }
}

export interface VpcFacts {
  id: string;
  region?: string;
  account?: string;
  ipv4: string[];
  ipv6: string[];
}

/** A VPC's blocks, from the world (any account) or from what was applied (aws_vpc plus block associations). */
export function vpcFacts(ledger: Ledger, id: string): VpcFacts | undefined {
  const rec = ledger.worldRecords("vpcs").find((v) => v.id === id);
  let facts: VpcFacts | undefined;
  if (rec) {
    const assoc = ((rec.cidr_block_associations ?? []) as Array<{ cidr_block?: string }>).map((a) => a.cidr_block).filter((c): c is string => !!c);
    const ipv6 = [rec.ipv6_cidr_block, ...((rec.ipv6_cidr_blocks ?? []) as string[])].filter((c): c is string => typeof c === "string" && c !== "");
    facts = { id, region: typeof rec.region === "string" ? rec.region : undefined, account: rec.account_id, ipv4: unique([String(rec.cidr_block ?? ""), ...assoc].filter(Boolean)), ipv6 };
  } else {
    const made = ledger.lookup("aws_vpc", id);
    if (!made) return undefined;
    const v = made.values;
    facts = { id, region: typeof v.region === "string" ? v.region : made.region, account: made.account, ipv4: typeof v.cidr_block === "string" ? [v.cidr_block] : [], ipv6: typeof v.ipv6_cidr_block === "string" && v.ipv6_cidr_block ? [v.ipv6_cidr_block] : [] };
  }
  for (const a of ledger.of("aws_vpc_ipv4_cidr_block_association")) if (a.values.vpc_id === id && typeof a.values.cidr_block === "string") facts.ipv4 = unique([...facts.ipv4, a.values.cidr_block]);
  for (const a of ledger.of("aws_vpc_ipv6_cidr_block_association")) if (a.values.vpc_id === id && typeof a.values.ipv6_cidr_block === "string") facts.ipv6 = unique([...facts.ipv6, a.values.ipv6_cidr_block]);
  return facts;
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

export interface PeeringFacts {
  id: string;
  requesterVpc: string;
  accepterVpc: string;
  requesterRegion: string;
  accepterRegion: string;
  requesterAccount: string;
  accepterAccount: string;
  status: string;
  /** Options were set inline on the connection resource (requester or accepter blocks). */
  inlineOptions: boolean;
}

/** A peering connection, from what was applied or from the world's vpc_peering_connections. */
export function peeringFacts(ledger: Ledger, id: string): PeeringFacts | undefined {
  const made = ledger.lookup("aws_vpc_peering_connection", id);
  if (made) {
    const v = made.values;
    const accepted = ledger.lookup("aws_vpc_peering_connection_accepter", id);
    return {
      id, requesterVpc: String(v.vpc_id), accepterVpc: String(v.peer_vpc_id), requesterRegion: typeof v.region === "string" ? v.region : made.region,
      accepterRegion: typeof v.peer_region === "string" && v.peer_region ? v.peer_region : typeof v.region === "string" ? v.region : made.region,
      requesterAccount: made.account, accepterAccount: typeof v.peer_owner_id === "string" && v.peer_owner_id ? v.peer_owner_id : made.account,
      status: accepted ? "active" : String(v.accept_status ?? "pending-acceptance"), inlineOptions: hasOptions(v.requester) || hasOptions(v.accepter),
    };
  }
  const rec = ledger.worldRecords("vpc_peering_connections").find((c) => c.id === id);
  if (!rec) return undefined;
  const vpc = (vid: unknown) => (typeof vid === "string" ? vpcFacts(ledger, vid) : undefined);
  const req = vpc(rec.vpc_id);
  const acc = vpc(rec.peer_vpc_id);
  return {
    id, requesterVpc: String(rec.vpc_id), accepterVpc: String(rec.peer_vpc_id),
    requesterRegion: String(rec.region ?? req?.region ?? ledger.baseWorld.default_region), accepterRegion: String(rec.peer_region ?? acc?.region ?? rec.region ?? ledger.baseWorld.default_region),
    // The VPCs' owners decide (a world record's owner fields may disagree with where its VPCs are).
    requesterAccount: String(req?.account ?? rec.owner_id ?? rec.account_id), accepterAccount: String(acc?.account ?? rec.peer_owner_id ?? rec.account_id),
    status: String(rec.status ?? rec.accept_status ?? "active"), inlineOptions: false,
  };
}

/** Whether an options block (list of at most one) asks for something. */
export function hasOptions(v: Value | undefined): boolean {
  return Array.isArray(v) && v.length > 0 && !!v[0] && typeof v[0] === "object";
}

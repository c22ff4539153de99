import type { AccountConfig, CreateVpcConfig, RouteTableRef, SecurityRulesConfig, TopologyConfig, VpcConfig } from "./config/schema";
import { expandPeerings } from "../core/mesh";

// Pure planning: turns a validated config into the list of things to build. No cdktf here.

export type Lookup = { readonly id: string } | { readonly name: string };

export interface RouteTablePlan {
  /** Stable key: the Name tag or id as written in the config. */
  readonly key: string;
  readonly lookup: Lookup;
}

export interface VpcPlan {
  readonly key: string;
  readonly lookup: Lookup;
  readonly region: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTables: readonly RouteTablePlan[];
  /** Subnets (id or Name tag) whose route tables get routes too. */
  readonly subnets: readonly string[];
  /** A private zone or a peering DNS option needs enableDnsSupport and enableDnsHostnames. */
  readonly requiresDns: boolean;
  /** Set when the stack creates the VPC instead of looking it up. */
  readonly create?: CreateVpcConfig;
  /** Key in `accounts`; unset for the default provider's account. */
  readonly account?: string;
  readonly routeTo?: VpcConfig["routeTo"];
  readonly securityGroups: readonly string[];
  readonly networkAcl?: { readonly id: string; readonly ruleNumberBase: number };
}

export interface PeeringPlan {
  readonly name: string;
  readonly requester: string;
  readonly accepter: string;
  readonly allowRemoteVpcDnsResolution: { readonly requester: boolean; readonly accepter: boolean };
  readonly securityRules?: SecurityRulesConfig;
  readonly tags: Readonly<Record<string, string>>;
}

export interface PeerSide {
  readonly routeTables: readonly string[];
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks?: readonly string[];
}

export interface RoutePlan {
  /** Construct id derived from table and destination, so it survives list reordering. */
  readonly id: string;
  readonly side: "requester" | "accepter";
  readonly routeTable: string;
  readonly destination: string;
  readonly family: 4 | 6;
}

/**
 * The blocks of a VPC its peers route to: `include` (default all blocks) minus `exclude`.
 * Validation has checked that each entry lies inside the VPC's blocks.
 */
export function peerFacingBlocks(
  ipv4: readonly string[],
  ipv6: readonly string[],
  routeTo?: { readonly include?: readonly string[]; readonly exclude?: readonly string[] },
): { ipv4: string[]; ipv6: string[] } {
  if (!routeTo) return { ipv4: [...ipv4], ipv6: [...ipv6] };
  const exclude = new Set(routeTo.exclude ?? []);
  const all = routeTo.include ?? [...ipv4, ...ipv6];
  const kept = all.filter((c) => !exclude.has(c));
  return { ipv4: kept.filter((c) => !c.includes(":")), ipv6: kept.filter((c) => c.includes(":")) };
}

/** Regions compare with an unset region meaning the provider's (`defaultRegion`, when known). */
export function sameRegion(a: string | undefined, b: string | undefined, defaultRegion?: string): boolean {
  return (a ?? defaultRegion) === (b ?? defaultRegion);
}

export function vpcCidrBlocks(vpc: Pick<VpcConfig, "cidr" | "secondaryCidrs" | "ipv6Cidrs">): string[] {
  return [vpc.cidr, ...vpc.secondaryCidrs, ...vpc.ipv6Cidrs];
}

/** `rtb-...` is an id; any other string is a Name tag. */
export function routeTableLookup(ref: RouteTableRef): RouteTablePlan {
  if (typeof ref === "string") {
    return /^rtb-[0-9a-f]+$/.test(ref) ? { key: ref, lookup: { id: ref } } : { key: ref, lookup: { name: ref } };
  }
  return "id" in ref ? { key: ref.id, lookup: { id: ref.id } } : { key: ref.name, lookup: { name: ref.name } };
}

export function constructIdPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Every route both sides need: each listed table of one side gets a route to each block of the other. */
export function peeringRoutes(requester: PeerSide, accepter: PeerSide): RoutePlan[] {
  const routes: RoutePlan[] = [];
  const add = (side: RoutePlan["side"], from: PeerSide, to: PeerSide) => {
    const destinations = [
      ...to.cidrBlocks.map((d) => ({ d, family: 4 as const })),
      ...(to.ipv6CidrBlocks ?? []).map((d) => ({ d, family: 6 as const })),
    ];
    for (const table of from.routeTables) {
      for (const { d, family } of destinations) {
        routes.push({ id: `${constructIdPart(table)}-to-${constructIdPart(d)}`, side, routeTable: table, destination: d, family });
      }
    }
  };
  add("requester", requester, accepter);
  add("accepter", accepter, requester);
  return routes;
}

export function dnsOption(value: TopologyConfig["peerings"][number]["allowRemoteVpcDnsResolution"]) {
  return typeof value === "boolean" ? { requester: value, accepter: value } : value;
}

export interface TopologyPlan {
  readonly vpcs: Readonly<Record<string, VpcPlan>>;
  readonly peerings: readonly PeeringPlan[];
  /** Accounts some VPC lives in: each gets its own provider. */
  readonly accounts: Readonly<Record<string, AccountConfig>>;
  /** VPC keys with a flow log, in config order. */
  readonly flowLogVpcs: readonly string[];
}

export function planTopology(config: TopologyConfig): TopologyPlan {
  const needsDns = new Set<string>();
  const peerings = expandPeerings(config).map(({ peering: p }): PeeringPlan => {
    const dns = dnsOption(p.allowRemoteVpcDnsResolution);
    if (dns.requester || dns.accepter) {
      needsDns.add(p.requester);
      needsDns.add(p.accepter);
    }
    return { name: p.name, requester: p.requester, accepter: p.accepter, allowRemoteVpcDnsResolution: dns, securityRules: p.securityRules, tags: p.tags };
  });
  for (const zone of config.privateZones) [zone.vpc, ...zone.additionalVpcs].forEach((k) => needsDns.add(k));

  const vpcs: Record<string, VpcPlan> = {};
  const accounts: Record<string, AccountConfig> = {};
  for (const [key, vpc] of Object.entries(config.vpcs)) {
    vpcs[key] = {
      key,
      lookup: vpc.id !== undefined ? { id: vpc.id } : { name: vpc.name ?? key },
      region: vpc.region ?? config.region,
      cidrBlocks: [vpc.cidr, ...vpc.secondaryCidrs],
      ipv6CidrBlocks: vpc.ipv6Cidrs,
      routeTables: vpc.routeTables.map(routeTableLookup),
      subnets: vpc.subnets,
      requiresDns: needsDns.has(key),
      create: vpc.create,
      account: vpc.account,
      routeTo: vpc.routeTo,
      securityGroups: vpc.securityGroups,
      networkAcl: vpc.networkAcl,
    };
    if (vpc.account && config.accounts[vpc.account]) accounts[vpc.account] = config.accounts[vpc.account];
  }
  return { vpcs, peerings, accounts, flowLogVpcs: config.flowLogs ? (config.flowLogs.vpcs ?? Object.keys(config.vpcs)) : [] };
}

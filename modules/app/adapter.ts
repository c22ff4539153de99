import { meshPairs, meshPeeringName, MeshTopology } from "../core/mesh";
import { vpcIdentityOf, withRouteTables, type PeeringSpec, type VpcSideSpec } from "../core/peering";
import { discoveredKey, routeTableLookup, type RouteTableSpec } from "../core/routes";
import type { AccountConfig, CreateVpcConfig, EndpointConfig, TransitGatewayConfig, MeshConfig, PeeringConfig, SecurityRulesConfig, TopologyConfig, VpcConfig } from "./config/schema";

// The one adapter from a validated config to what the constructs and the checks take: the
// resolved topology PeeringStack builds from (each VPC, peering and account with every default
// and normalization applied once: resolveTopology), and the plain specs (core/peering.ts) that
// validation plans routes and rules with, through the same planner the constructs use. The
// routes and rules themselves are core's PeeringPlan, made by planPeering.

export type Lookup = { readonly id: string } | { readonly name: string };
/** How an existing VPC is found: by id, Name tag, or any tags. */
export type VpcLookup = Lookup | { readonly tags: Readonly<Record<string, string>> };

export interface ResolvedRouteTable {
  /** Stable key: the Name tag or id as written in the config. */
  readonly key: string;
  readonly lookup: Lookup;
}

export interface ResolvedVpc {
  readonly key: string;
  readonly lookup: VpcLookup;
  readonly region: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTables: readonly ResolvedRouteTable[];
  /** Subnets (id or Name tag) whose route tables get routes too. */
  readonly subnets: readonly string[];
  /** A private zone or a peering DNS option needs enableDnsSupport and enableDnsHostnames. */
  readonly requiresDns: boolean;
  /** Set when the stack creates the VPC instead of looking it up. */
  readonly create?: CreateVpcConfig;
  /** Key in `accounts`; unset for the default provider's account. */
  readonly account?: string;
  /** A VPC of an account the stack does not manage. */
  readonly external?: { readonly accountId: string };
  /** Route tables found at plan time instead of listed. */
  readonly discoverRouteTables?: VpcConfig["discoverRouteTables"];
  readonly routeTo?: VpcConfig["routeTo"];
  readonly securityGroups: readonly string[];
  readonly networkAcl?: { readonly id: string; readonly ruleNumberBase: number };
}

export interface ResolvedPeering {
  readonly name: string;
  readonly requester: string;
  readonly accepter: string;
  readonly allowRemoteVpcDnsResolution: { readonly requester: boolean; readonly accepter: boolean };
  readonly securityRules?: SecurityRulesConfig;
  readonly tags: Readonly<Record<string, string>>;
  /** The external requester's request to accept. */
  readonly connection?: PeeringConfig["connection"];
  /** The external accepter has accepted. */
  readonly accepted?: boolean;
  readonly timeouts?: PeeringConfig["timeouts"];
  readonly routeTimeouts?: PeeringConfig["routeTimeouts"];
  readonly routeTables?: PeeringConfig["routeTables"];
}

export function vpcCidrBlocks(vpc: Pick<VpcConfig, "cidr" | "secondaryCidrs" | "ipv6Cidrs">): string[] {
  return [vpc.cidr, ...vpc.secondaryCidrs, ...vpc.ipv6Cidrs];
}

/** A peering to build and the config path that asked for it (quoted in validation errors). */
export interface ConfiguredPeering {
  readonly peering: PeeringConfig;
  readonly path: string;
}

export function meshTopology(mesh: Pick<MeshConfig, "topology" | "hub">): MeshTopology {
  return mesh.topology === "full" ? { kind: "full" } : { kind: "hub-and-spoke", hub: mesh.hub ?? "" };
}

/** Explicit `peerings` first, then those the `mesh` implies: from here on all peerings are alike. */
export function expandPeerings(config: Pick<TopologyConfig, "peerings" | "mesh" | "vpcs">): ConfiguredPeering[] {
  const planned: ConfiguredPeering[] = config.peerings.map((peering, i) => ({ peering, path: `peerings[${i}]` }));
  const mesh = config.mesh;
  if (!mesh) return planned;
  const keys = mesh.vpcs ?? managedVpcKeys(config);
  for (const pair of meshPairs(keys, meshTopology(mesh))) {
    const name = meshPeeringName(mesh.namePattern, pair);
    planned.push({
      path: `mesh (peering ${name})`,
      peering: {
        name,
        ...pair,
        allowRemoteVpcDnsResolution: mesh.allowRemoteVpcDnsResolution,
        securityRules: mesh.securityRules,
        tags: mesh.tags,
        timeouts: mesh.timeouts,
        routeTimeouts: mesh.routeTimeouts,
      },
    });
  }
  return planned;
}

type VpcEntry = TopologyConfig["vpcs"][string];

/** What makes two config entries one VPC (core vpcIdentityOf, the rule the constructs use too). */
export function vpcIdentity(config: TopologyConfig, key: string): string {
  const vpc = config.vpcs[key];
  return vpcIdentityOf({ id: vpc.id, name: vpc.name, tags: vpc.matchTags, account: vpc.account, region: vpc.region ?? config.region }, `vpcs.${key}`);
}

/**
 * The route tables that get a VPC's peer routes, with the config path that lists each. A created
 * VPC has its one table; subnets stand for their (unknown) associated table.
 */
export function vpcRouteTables(config: TopologyConfig, vpcKey: string): (RouteTableSpec & { path: string })[] {
  const vpc: VpcEntry = config.vpcs[vpcKey];
  const identity = vpcIdentity(config, vpcKey);
  const label = (key: string) => `${key} (vpcs.${vpcKey})`;
  if (vpc.create) {
    const name = vpc.create.routeTableName ?? `${vpcKey}-rtb`;
    return [{ key: name, identity: `${identity}/${name}`, label: label(name), path: `vpcs.${vpcKey}.create` }];
  }
  if (vpc.discoverRouteTables !== undefined) {
    const key = discoveredKey(vpc.discoverRouteTables);
    return [{ key, identity: `${identity}/${key}`, label: label(key), path: `vpcs.${vpcKey}.discoverRouteTables`, discovered: vpc.discoverRouteTables }];
  }
  return [
    ...vpc.routeTables.map((ref, i) => {
      const { key, lookup } = routeTableLookup(ref);
      return { key, identity: "id" in lookup ? lookup.id : `${identity}/${lookup.name}`, label: label(key), path: `vpcs.${vpcKey}.routeTables[${i}]` };
    }),
    ...vpc.subnets.map((subnet, i) => {
      const key = `the table of subnet ${subnet}`;
      return { key, identity: `${identity}/subnet:${subnet}`, label: label(key), path: `vpcs.${vpcKey}.subnets[${i}]` };
    }),
  ];
}

/** One VPC of the config as a plannable side. */
export function vpcSideSpec(config: TopologyConfig, key: string): VpcSideSpec {
  const vpc = config.vpcs[key];
  return {
    key,
    identity: vpcIdentity(config, key),
    where: `vpcs.${key}`,
    region: vpc.region ?? config.region,
    account: vpc.external ? `external:${vpc.external.accountId}` : vpc.account,
    ipv4: [vpc.cidr, ...vpc.secondaryCidrs],
    ipv6: vpc.ipv6Cidrs,
    routeTo: vpc.routeTo,
    routeTables: vpcRouteTables(config, key),
    securityGroups: vpc.securityGroups,
    networkAcl: vpc.networkAcl,
  };
}

/** A configured peering (both keys known) as the spec the planner and the checks take. */
export function peeringSpec(config: TopologyConfig, { peering, path }: ConfiguredPeering): PeeringSpec {
  return {
    name: peering.name,
    where: path,
    requester: withRouteTables(vpcSideSpec(config, peering.requester), peering.routeTables?.requester),
    accepter: withRouteTables(vpcSideSpec(config, peering.accepter), peering.routeTables?.accepter),
    securityRules: peering.securityRules,
  };
}

/** A peering's DNS option as each side's flag: `true` means both sides (the one normalization). */
export function dnsOption(value: TopologyConfig["peerings"][number]["allowRemoteVpcDnsResolution"]): { readonly requester: boolean; readonly accepter: boolean } {
  return typeof value === "boolean" ? { requester: value, accepter: value } : value;
}

export interface ResolvedTopology {
  readonly vpcs: Readonly<Record<string, ResolvedVpc>>;
  readonly peerings: readonly ResolvedPeering[];
  /** Accounts some VPC lives in: each gets its own provider. */
  readonly accounts: Readonly<Record<string, AccountConfig>>;
  /** VPC keys with a flow log, in config order. */
  readonly flowLogVpcs: readonly string[];
  /** VPC endpoints, in config order. */
  readonly endpoints: readonly EndpointConfig[];
  /** Transit gateways, in config order. */
  readonly transitGateways: readonly TransitGatewayConfig[];
}

/** The validated config resolved once: mesh expanded, DNS options normalized, DNS needs decided, lookups chosen. */
export function resolveTopology(config: TopologyConfig): ResolvedTopology {
  const needsDns = new Set<string>();
  const peerings = expandPeerings(config).map(({ peering: p }): ResolvedPeering => {
    const dns = dnsOption(p.allowRemoteVpcDnsResolution);
    if (dns.requester || dns.accepter) {
      needsDns.add(p.requester);
      needsDns.add(p.accepter);
    }
    return { name: p.name, requester: p.requester, accepter: p.accepter, allowRemoteVpcDnsResolution: dns, securityRules: p.securityRules, tags: p.tags, connection: p.connection, accepted: p.accepted, timeouts: p.timeouts, routeTimeouts: p.routeTimeouts, routeTables: p.routeTables };
  });
  for (const zone of config.privateZones) [zone.vpc, ...zone.additionalVpcs].forEach((k) => needsDns.add(k));
  // A centralized endpoint's private zone is associated with its hub and every spoke.
  for (const e of config.endpoints) if ((e.sharedWith ?? []).length > 0) [e.vpc, ...(e.sharedWith ?? [])].forEach((k) => needsDns.add(k));

  const vpcs: Record<string, ResolvedVpc> = {};
  const accounts: Record<string, AccountConfig> = {};
  for (const [key, vpc] of Object.entries(config.vpcs)) {
    vpcs[key] = {
      key,
      lookup: vpc.id !== undefined ? { id: vpc.id } : vpc.matchTags !== undefined ? { tags: vpc.matchTags } : { name: vpc.name ?? key },
      region: vpc.region ?? config.region,
      cidrBlocks: [vpc.cidr, ...vpc.secondaryCidrs],
      ipv6CidrBlocks: vpc.ipv6Cidrs,
      routeTables: vpc.routeTables.map(routeTableLookup),
      subnets: vpc.subnets,
      requiresDns: needsDns.has(key),
      create: vpc.create,
      account: vpc.account,
      external: vpc.external,
      discoverRouteTables: vpc.discoverRouteTables,
      routeTo: vpc.routeTo,
      securityGroups: vpc.securityGroups,
      networkAcl: vpc.networkAcl,
    };
    if (vpc.account && Object.hasOwn(config.accounts, vpc.account)) accounts[vpc.account] = config.accounts[vpc.account];
  }
  return { vpcs, peerings, accounts, flowLogVpcs: loggedVpcKeys(config), endpoints: config.endpoints, transitGateways: config.transitGateways };
}

/** Keys of the VPCs that get a flow log: flowLogs.vpcs, else every VPC the stack manages. */
export function loggedVpcKeys(config: Pick<TopologyConfig, "vpcs" | "flowLogs">): string[] {
  return config.flowLogs ? (config.flowLogs.vpcs ?? managedVpcKeys(config)) : [];
}

/** Keys of the VPCs the stack manages (every VPC but external ones): what meshes and flow logs default to. */
export function managedVpcKeys(config: Pick<TopologyConfig, "vpcs">): string[] {
  return Object.keys(config.vpcs).filter((key) => config.vpcs[key].external === undefined);
}

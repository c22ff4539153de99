// The facts the constructs write into Terraform JSON for readers that come after synthesis (the
// reachability report, the diagram), and how those readers get them back. Both directions live
// here so they cannot drift apart: __tests__/report/contract.test.ts round-trips every example.
// No cdktf: constructs put the values in place (modules/constructs/facts.ts).
import type { EndpointType } from "./endpoints";
import type { RouteTargetRef } from "./routes";

/** The key under the stack's top-level `"//"` (a Terraform JSON comment) that holds the facts. */
export const FACT_KEY = "vpc_peering";

/**
 * The shape of the facts block. Raise it when a reader of the old shape would read the new one
 * wrong (a field renamed, its meaning changed); adding an optional field does not need it.
 */
export const FACTS_VERSION = 1;

/** JSON whose facts block this release cannot read: written by another release, or by hand. */
export class FactsVersionError extends Error {}

/** What a resource is in the topology, beyond what its arguments say. */
export interface ResourceFact {
  /** Key of the VPC this resource is (a looked-up or created VPC), or protects (a peer rule). */
  readonly vpc?: string;
  /** Name of the peering this resource belongs to. */
  readonly peering?: string;
  /** A VPC's security groups that peers' rules may reference (from its own config). */
  readonly securityGroups?: readonly string[];
  /** Where a route sends traffic (a peering, or any other target kind). */
  readonly routeTarget?: RouteTargetRef;
  /** What a VPC endpoint (`aws_vpc_endpoint`) serves, and to whom. */
  readonly endpoint?: EndpointFact;
  /** A transit gateway (created or looked up): its route tables' routes and its attachments. */
  readonly transitGateway?: TransitGatewayFact;
  /**
   * A peering with a VPC of another account (`ExternalVpc`): the keys of both ends (the accepter
   * resource of an accept-only peering names neither VPC when it accepts by id), and whether the
   * config states that the other account accepted (request-only).
   */
  readonly external?: { readonly requester: string; readonly accepter: string; readonly accepted: boolean };
  /**
   * A looked-up VPC as the config declares it: its blocks (IPv4 primary first) and whether DNS
   * support and hostnames must be on. Its postconditions hold it to this at plan time; the JSON
   * has nothing else to say about a VPC that is only read.
   */
  readonly declared?: DeclaredVpcFact;
  /** A VPC's account id, when its construct was given one (`accountId`); otherwise its provider's. */
  readonly account?: string;
  /**
   * A resource made once per table of a set found at plan time (`for_each` over a
   * `data.aws_route_tables`): that data source's address, the table the report puts it in.
   */
  readonly routeTableSet?: string;
}

export interface DeclaredVpcFact {
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  readonly dnsRequired: boolean;
}

/**
 * A transit gateway as the report follows traffic through it: what each TGW route table holds
 * (propagated blocks and static routes, blackholes included) and which table each attached VPC's
 * traffic is looked up in (its association).
 */
export interface TransitGatewayFact {
  readonly name: string;
  readonly routeTables: readonly {
    readonly name: string;
    readonly routes: readonly { readonly destination: string; readonly origin: "propagated" | "static"; readonly vpc?: string; readonly peer?: string; readonly blackhole: boolean }[];
  }[];
  readonly attachments: readonly { readonly vpc: string; readonly routeTable: string; readonly propagateTo: readonly string[] }[];
  /** TGW peerings: the peered gateway's name and the table the peering attachment is associated with on this side (where traffic from the peer is looked up). @default none */
  readonly peerings?: readonly { readonly peer: string; readonly routeTable: string }[];
}

/** A VPC of an account this stack does not manage, as the config states it: nothing of it is in the JSON but its id. */
export interface ExternalVpcFact {
  readonly key: string;
  readonly id: string;
  readonly account: string;
  /** undefined: the default provider's region. */
  readonly region?: string;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

/** The key under the facts that holds the ExternalVpcFacts, by VPC key. */
export const EXTERNAL_FACT_KEY = "externalVpcs";

/** The external VPCs a synthesized stack states (empty when none). */
export function readExternalVpcs(stackJson: Readonly<Record<string, unknown>>): ExternalVpcFact[] {
  const index = factsBlock(stackJson)?.[EXTERNAL_FACT_KEY] as Record<string, Record<string, unknown>> | undefined;
  return Object.entries(index ?? {}).flatMap(([key, f]) => typeof f?.id === "string" && typeof f.account === "string"
    ? [{ key, id: f.id, account: f.account, region: typeof f.region === "string" ? f.region : undefined, ipv4: strings(f.ipv4), ipv6: strings(f.ipv6) }]
    : []);
}

/** A VPC endpoint as the report needs it: the resource's arguments do not say which VPC key it is in or which spokes share it. */
export interface EndpointFact {
  readonly type: EndpointType;
  /** Short service name, e.g. `s3`. */
  readonly service: string;
  /** Key of the endpoint's VPC. */
  readonly vpc: string;
  /** Interface: the port its security group admits. */
  readonly port?: number;
  /** Interface, centralized: keys of the VPCs whose private zone for the service aliases it. */
  readonly sharedWith?: readonly string[];
}

/** Everything a stack states for its readers; written by `writeFacts`, read by the `read*` functions below. */
export interface StackFactsInput {
  /** By Terraform address (`data.aws_vpc.x`, `aws_route.y`). */
  readonly resources: Iterable<readonly [string, ResourceFact]>;
  readonly externals?: Iterable<ExternalVpcFact>;
  readonly split?: SplitFact;
}

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The value of `"//"."vpc_peering"`: the version of its shape, then the facts. */
export function writeFacts(input: StackFactsInput): Record<string, unknown> {
  const resources: Record<string, ResourceFact> = {};
  for (const [address, fact] of input.resources) resources[address] = defined(fact);
  const externals = [...(input.externals ?? [])];
  return {
    version: FACTS_VERSION,
    resources,
    ...(externals.length > 0 ? { [EXTERNAL_FACT_KEY]: Object.fromEntries(externals.map(({ key, ...f }) => [key, defined(f)])) } : {}),
    ...(input.split ? { [SPLIT_FACT_KEY]: { topology: input.split.topology, stacks: [...input.split.stacks] } } : {}),
  };
}

/**
 * The facts block of a synthesized stack, or undefined when it has none (JSON this project did
 * not write). A block of another version is refused: read as this one, it would give a wrong
 * report rather than none.
 */
export function factsBlock(stackJson: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const comment = stackJson["//"] as Record<string, unknown> | undefined;
  const block = comment?.[FACT_KEY] as Record<string, unknown> | undefined;
  if (block === undefined) return undefined;
  const version = block.version;
  if (version !== FACTS_VERSION) {
    const newer = typeof version === "number" && version > FACTS_VERSION;
    throw new FactsVersionError(
      newer
        ? `its facts block ("//".${FACT_KEY}) has version ${version}, newer than this release reads (${FACTS_VERSION}): read it with the release that synthesized it, or upgrade vpc-peering-cdktf`
        : `its facts block ("//".${FACT_KEY}) has ${version === undefined ? "no version" : `version ${JSON.stringify(version)}`}, written by an older release (this one reads version ${FACTS_VERSION}): synthesize the stack again with this release`,
    );
  }
  return block;
}

/** Which topology a stack of a split belongs to, and all the stacks of that split (`split` in the config). */
export interface SplitFact {
  readonly topology: string;
  readonly stacks: readonly string[];
}

/** The key under the facts of a stack of a split that holds its SplitFact. */
export const SPLIT_FACT_KEY = "split";

/** The SplitFact of a synthesized stack, or undefined for a stack that is a whole topology. */
export function readSplitFact(stackJson: Readonly<Record<string, unknown>>): SplitFact | undefined {
  const split = factsBlock(stackJson)?.[SPLIT_FACT_KEY] as { topology?: unknown; stacks?: unknown } | undefined;
  if (!split || typeof split.topology !== "string" || !Array.isArray(split.stacks)) return undefined;
  return { topology: split.topology, stacks: split.stacks.filter((s): s is string => typeof s === "string") };
}

/** The facts of a synthesized stack by address (empty when no construct wrote any). */
export function readFacts(stackJson: Readonly<Record<string, unknown>>): Map<string, ResourceFact> {
  const index = (factsBlock(stackJson)?.resources ?? {}) as Record<string, Record<string, unknown>>;
  return new Map(
    Object.entries(index).map(([address, f]) => [
      address,
      {
        vpc: typeof f.vpc === "string" ? f.vpc : undefined,
        peering: typeof f.peering === "string" ? f.peering : undefined,
        securityGroups: Array.isArray(f.securityGroups) ? f.securityGroups.filter((g): g is string => typeof g === "string") : undefined,
        routeTarget: routeTargetOf(f.routeTarget),
        endpoint: endpointOf(f.endpoint),
        transitGateway: transitGatewayOf(f.transitGateway),
        external: externalOf(f.external),
        declared: declaredOf(f.declared),
        account: typeof f.account === "string" ? f.account : undefined,
        routeTableSet: typeof f.routeTableSet === "string" ? f.routeTableSet : undefined,
      },
    ]),
  );
}

function declaredOf(value: unknown): DeclaredVpcFact | undefined {
  const d = value as { ipv4?: unknown; ipv6?: unknown; dnsRequired?: unknown } | null | undefined;
  return d && Array.isArray(d.ipv4) ? { ipv4: strings(d.ipv4), ipv6: strings(d.ipv6), dnsRequired: d.dnsRequired === true } : undefined;
}

function externalOf(value: unknown): ResourceFact["external"] {
  const e = value as { requester?: unknown; accepter?: unknown; accepted?: unknown } | null | undefined;
  return e && typeof e.requester === "string" && typeof e.accepter === "string" ? { requester: e.requester, accepter: e.accepter, accepted: e.accepted === true } : undefined;
}

function endpointOf(value: unknown): EndpointFact | undefined {
  const e = value as { type?: unknown; service?: unknown; vpc?: unknown; port?: unknown; sharedWith?: unknown } | null | undefined;
  if (!e || (e.type !== "gateway" && e.type !== "interface") || typeof e.service !== "string" || typeof e.vpc !== "string") return undefined;
  return {
    type: e.type,
    service: e.service,
    vpc: e.vpc,
    port: typeof e.port === "number" ? e.port : undefined,
    sharedWith: Array.isArray(e.sharedWith) ? e.sharedWith.filter((k): k is string => typeof k === "string") : undefined,
  };
}

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const objects = (v: unknown) => (Array.isArray(v) ? v.filter((o): o is Record<string, unknown> => typeof o === "object" && o !== null) : []);

function transitGatewayOf(value: unknown): TransitGatewayFact | undefined {
  const t = value as { name?: unknown; routeTables?: unknown; attachments?: unknown } | null | undefined;
  if (!t || typeof t.name !== "string") return undefined;
  return {
    name: t.name,
    routeTables: objects(t.routeTables).filter((r) => typeof r.name === "string").map((r) => ({
      name: r.name as string,
      routes: objects(r.routes).filter((e) => typeof e.destination === "string").map((e) => ({
        destination: e.destination as string,
        origin: e.origin === "static" ? "static" as const : "propagated" as const,
        ...(typeof e.vpc === "string" ? { vpc: e.vpc } : {}),
        ...(typeof e.peer === "string" ? { peer: e.peer } : {}),
        blackhole: e.blackhole === true,
      })),
    })),
    attachments: objects(t.attachments).filter((a) => typeof a.vpc === "string" && typeof a.routeTable === "string").map((a) => ({ vpc: a.vpc as string, routeTable: a.routeTable as string, propagateTo: strings(a.propagateTo) })),
    ...(Array.isArray((t as { peerings?: unknown }).peerings) ? { peerings: objects((t as { peerings?: unknown }).peerings).filter((p) => typeof p.peer === "string" && typeof p.routeTable === "string").map((p) => ({ peer: p.peer as string, routeTable: p.routeTable as string })) } : {}),
  };
}

function routeTargetOf(value: unknown): RouteTargetRef | undefined {
  const t = value as { kind?: unknown; name?: unknown } | null | undefined;
  return t && typeof t.kind === "string" && typeof t.name === "string" ? { kind: t.kind, name: t.name } : undefined;
}

export interface Postcondition {
  readonly condition: string;
  readonly errorMessage: string;
}

export interface LookedUpVpcFacts {
  /** How messages name the VPC, e.g. `VPC "web-vpc"`. */
  readonly label: string;
  /** Where it is declared, e.g. `vpcs.web`. */
  readonly where: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** DNS support and hostnames must be on (a private zone or a peering DNS option). */
  readonly requireDns: boolean;
  /**
   * The module variable the VPC is passed in (module mode), e.g. `vpc_names["web"]`: messages then
   * tell the module's user to pass the right VPC there, since they have no config to edit.
   * @default none: messages name the config field
   */
  readonly passedAs?: string;
}

/**
 * The postconditions of a looked-up VPC: the plan fails, naming the field to fix, when the real
 * VPC's blocks or DNS settings differ from what the config says.
 */
export function vpcPostconditions(vpc: LookedUpVpcFacts): Postcondition[] {
  const { label, passedAs } = vpc;
  const where = passedAs ?? vpc.where;
  const [primary, ...secondary] = vpc.cidrBlocks;
  const fix = (configFix: string, moduleFix: string) => (passedAs ? moduleFix : configFix);
  const generated = `the module was generated from a config (${vpc.where}) that`;
  return [
    {
      condition: `\${self.cidr_block == "${primary}"}`,
      errorMessage: fix(
        `${label} (${where}) has primary CIDR \${self.cidr_block}, but the config declares ${primary}: correct ${where}.cidr or point ${where} at the right VPC.`,
        `${label} (${where}) has primary CIDR \${self.cidr_block}, but ${generated} declares ${primary}: pass the right VPC in ${where}, or regenerate the module.`,
      ),
    },
    ...secondary.map((cidr) => ({
      condition: `\${contains(self.cidr_block_associations[*].cidr_block, "${cidr}")}`,
      errorMessage: fix(
        `${label} (${where}) has no CIDR block ${cidr}: associate it with the VPC or remove it from ${where}.secondaryCidrs.`,
        `${label} (${where}) has no CIDR block ${cidr}, which ${generated} routes: associate it with the VPC, pass the right VPC in ${where}, or regenerate the module.`,
      ),
    })),
    ...(vpc.ipv6CidrBlocks.length > 0
      ? [{
          condition: `\${self.ipv6_cidr_block == "${vpc.ipv6CidrBlocks[0]}"}`,
          errorMessage: fix(
            `${label} (${where}) has IPv6 block \${self.ipv6_cidr_block == "" ? "(none)" : self.ipv6_cidr_block}, but the config declares ${vpc.ipv6CidrBlocks[0]}: correct ${where}.ipv6Cidrs.`,
            `${label} (${where}) has IPv6 block \${self.ipv6_cidr_block == "" ? "(none)" : self.ipv6_cidr_block}, but ${generated} declares ${vpc.ipv6CidrBlocks[0]}: pass the right VPC in ${where}, or regenerate the module.`,
          ),
        }]
      : []),
    ...(vpc.requireDns
      ? [
          {
            condition: DNS_SUPPORT,
            errorMessage: `${label} (${where}) has DNS resolution (enableDnsSupport) off; a private hosted zone and peering DNS resolution need it: turn it on for the VPC.`,
          },
          {
            condition: DNS_HOSTNAMES,
            errorMessage: `${label} (${where}) has DNS hostnames (enableDnsHostnames) off; a private hosted zone and peering DNS resolution need it: turn it on for the VPC.`,
          },
        ]
      : []),
  ];
}

const DNS_SUPPORT = "${self.enable_dns_support}";
const DNS_HOSTNAMES = "${self.enable_dns_hostnames}";

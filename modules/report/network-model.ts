import { discoveredKey, type RouteTargetRef } from "../core/routes";
import { FactsVersionError, readExternalVpcs, readFacts, ResourceFact, type TransitGatewayFact } from "../core/facts";

// Reads a synthesized Terraform JSON stack (cdk.tf.json) into a plain network model: VPCs, route
// tables, peerings, routes, security-group and network-ACL rules, private zones and records.
// Resources are read from their arguments. What the arguments cannot say (a looked-up VPC's
// declared blocks and DNS needs, VPC keys, which tables a for_each over found tables covers,
// route targets, transit gateways) comes from the versioned facts block, read through
// core/facts.ts, the module that defines how the constructs write it.

type Attrs = Record<string, unknown>;
export type TerraformJson = {
  "//"?: Record<string, unknown>;
  resource?: Record<string, Record<string, Attrs>>;
  data?: Record<string, Record<string, Attrs>>;
  provider?: Record<string, Attrs[]>;
};

export interface VpcNode {
  /** Terraform address, e.g. `data.aws_vpc.vpc-web_vpc`. */
  readonly ref: string;
  /** Short name for people: the config key when the construct path shows it (`vpc-web` → `web`). */
  readonly label: string;
  readonly region?: string;
  /** Account id of the provider the VPC is read or created with; undefined: the default provider's (not in the JSON). */
  readonly account?: string;
  readonly created: boolean;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** undefined: not known from the JSON (looked up without a DNS postcondition). */
  readonly dnsSupport?: boolean;
  readonly dnsHostnames?: boolean;
  /** Its security groups, as its construct recorded them. */
  readonly securityGroups: readonly string[];
  /**
   * A VPC of an account this stack does not manage (ExternalVpc): its blocks are what the config
   * states; its route tables, security groups and ACLs are that account's, unknown here.
   */
  readonly external?: boolean;
}

export interface RouteTableNode {
  readonly ref: string;
  readonly label: string;
  readonly vpc: string;
  /**
   * Whether any subnet uses the table. A created table with no subnet association (and not the
   * main table) routes nothing: its routes decide no traffic.
   */
  readonly inUse: boolean;
}

export interface PeeringNode {
  readonly ref: string;
  readonly label: string;
  /** The peering's name as recorded by its construct (its Name tag, or its construct id). */
  readonly name: string;
  readonly requester: string;
  readonly accepter: string;
  readonly accepted: boolean;
  /** allow_remote_vpc_dns_resolution set by each side. */
  readonly dns: { readonly requester: boolean; readonly accepter: boolean };
}

export interface RouteEdge {
  /** Terraform address of the route (`aws_route.x`), or of the table when the route is inline. */
  readonly address: string;
  readonly table: string;
  readonly destination: string;
  /** Peering connection address, when the route targets one. */
  readonly peering?: string;
  /** Any other target, as its construct recorded it (a gateway, an endpoint, a Transit Gateway). */
  readonly target?: RouteTargetRef;
}

export interface SgRule {
  /** Terraform address, e.g. `aws_vpc_security_group_ingress_rule.x`. */
  readonly address: string;
  /** VPC the protected group is in, when it can be told. */
  readonly vpc?: string;
  readonly group: string;
  /** tcp, udp, icmp, icmpv6 or -1. */
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly source: { readonly cidr: string } | { readonly group: string };
  /** Name of the peering whose security rules made it, as its construct recorded it. */
  readonly peering?: string;
}

export interface NaclRule {
  /** Terraform address, e.g. `aws_network_acl_rule.x`. */
  readonly address: string;
  readonly vpc?: string;
  readonly acl: string;
  readonly number: number;
  readonly egress: boolean;
  /** IANA number as text, `-1` for all. */
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidr: string;
  readonly allow: boolean;
  /** Name of the peering whose security rules made it. */
  readonly peering?: string;
}

export interface ZoneNode {
  readonly ref: string;
  readonly name: string;
  readonly vpcs: readonly string[];
}

/** What a record's value points at when it is not a literal: a load balancer or a VPC endpoint. */
export interface RecordTargetNode {
  readonly kind: "load balancer" | "VPC endpoint";
  /** Terraform address of the data source or resource, e.g. `data.aws_lb.x`. */
  readonly ref: string;
  /** Its name (load balancer) or id (endpoint), as the stack looks it up. */
  readonly name: string;
}

export interface RecordNode {
  /** Terraform address, e.g. `aws_route53_record.x`. */
  readonly address: string;
  readonly zone: string;
  readonly fqdn: string;
  readonly type: string;
  /** Literal values (IPs, names); references are kept as written. */
  readonly values: readonly string[];
  /** An alias record (A/AAAA answered with its target's addresses). */
  readonly alias: boolean;
  /** The load balancer or endpoint a value (CNAME) or alias refers to. */
  readonly target?: RecordTargetNode;
}

/** A VPC endpoint the stack makes, as its construct recorded it (EndpointFact) and its resources say. */
export interface EndpointNode {
  /** Terraform address, e.g. `aws_vpc_endpoint.endpoint-shared-ssm_endpoint`. */
  readonly ref: string;
  readonly type: "gateway" | "interface";
  readonly service: string;
  /** The endpoint's VPC (its address). */
  readonly vpc: string;
  /** Gateway: the route tables associated with it (addresses; a discovered set stands for its tables). */
  readonly routeTables: readonly string[];
  /** Interface: its security group's ingress rules (not a VPC's groups: they admit traffic to the endpoint only). */
  readonly ingress: readonly SgRule[];
  /** Interface: the port its construct admits. */
  readonly port?: number;
  /** Interface: AWS's private DNS for the service's default name inside its VPC. */
  readonly privateDns: boolean;
  /** Interface, centralized: the VPCs (addresses) that share it. */
  readonly sharedWith: readonly string[];
}

export interface NetworkModel {
  readonly stack: string;
  readonly vpcs: readonly VpcNode[];
  readonly routeTables: readonly RouteTableNode[];
  readonly peerings: readonly PeeringNode[];
  readonly routes: readonly RouteEdge[];
  readonly sgRules: readonly SgRule[];
  readonly naclRules: readonly NaclRule[];
  readonly zones: readonly ZoneNode[];
  readonly records: readonly RecordNode[];
  /** VPC endpoints (absent from models made by hand before endpoints existed). */
  readonly endpoints?: readonly EndpointNode[];
  /** Transit gateways the stack makes or uses, as their constructs recorded them (TransitGatewayFact). */
  readonly transitGateways?: readonly TransitGatewayFact[];
}

const REF = /^\$\{((?:data\.)?[a-z0-9_]+\.[^.}\s]+)\.[a-z_]+\}$/;
/** `${data.aws_vpc.x.id}` → `data.aws_vpc.x`; anything else (a literal id, an expression) → undefined. */
export function refOf(value: unknown): string | undefined {
  return typeof value === "string" ? REF.exec(value)?.[1] : undefined;
}

/** The table a route or an association is in: the found set it is made once per table of (a fact), or a table's address. */
function tableOf(attrs: Attrs, fact: ResourceFact): string | undefined {
  return fact.routeTableSet ?? refOf(attrs.route_table_id);
}

const block = (v: unknown): Attrs | undefined => (Array.isArray(v) ? (v[0] as Attrs | undefined) : (v as Attrs | undefined));
const list = <T = string>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : typeof v === "string" && v !== "" && !isNaN(Number(v)) ? Number(v) : fallback);
const tagName = (a: Attrs) => (a.tags as Record<string, string> | undefined)?.Name;

function entries(section: Record<string, Record<string, Attrs>> | undefined, type: string, prefix: string) {
  return Object.entries(section?.[type] ?? {}).map(([name, attrs]) => ({ ref: `${prefix}${type}.${name}`, attrs }));
}

// eslint-disable-next-line max-lines-per-function -- one pass over the JSON, family by family (VPCs, tables, peerings, routes, rules, zones): each family's reading is a few lines and they share the lookups at the top
export function readNetworkModel(tf: TerraformJson, stack = "stack"): NetworkModel {
  let facts: ReturnType<typeof readFacts>;
  try {
    facts = readFacts(tf as Record<string, unknown>);
  } catch (e) {
    throw e instanceof FactsVersionError ? new FactsVersionError(`stack ${stack}: ${e.message}`) : e;
  }
  const factOf = (ref: string): ResourceFact => facts.get(ref) ?? {};
  const defaultRegion = block(tf.provider?.aws?.find((p) => !p.alias))?.region as string | undefined;
  // An aliased provider names its account in allowed_account_ids or its assumed role's ARN.
  const accountOf = (provider: unknown): string | undefined => {
    const alias = typeof provider === "string" ? provider.replace(/^aws\./, "") : undefined;
    const p = tf.provider?.aws?.find((x) => (alias ? x.alias === alias : !x.alias));
    const role = block(p?.assume_role)?.role_arn;
    return (list(p?.allowed_account_ids)[0] as string | undefined) ?? (typeof role === "string" ? /^arn:[^:]+:iam::(\d{12}):/.exec(role)?.[1] : undefined);
  };
  const vpcs: VpcNode[] = [];
  for (const { ref, attrs } of entries(tf.data, "aws_vpc", "data.")) {
    // What the config declares for it (its postconditions hold it to that at plan time).
    const declared = factOf(ref).declared;
    const ipv4 = declared?.ipv4 ?? [];
    const ipv6 = declared?.ipv6 ?? [];
    const dnsSupport = declared?.dnsRequired ? true : undefined;
    const dnsHostnames = dnsSupport;
    const filterName = list<Attrs>(attrs.filter).find((f) => f.name === "tag:Name");
    const name = (list(filterName?.values)[0] as string | undefined) ?? (attrs.id as string | undefined) ?? ref;
    vpcs.push({ ref, securityGroups: factOf(ref).securityGroups ?? [], label: factOf(ref).vpc ?? name, region: (attrs.region as string) ?? defaultRegion, account: factOf(ref).account ?? accountOf(attrs.provider), created: false, ipv4, ipv6, dnsSupport, dnsHostnames });
  }
  const secondary = entries(tf.resource, "aws_vpc_ipv4_cidr_block_association", "");
  const v6assoc = entries(tf.resource, "aws_vpc_ipv6_cidr_block_association", "");
  for (const { ref, attrs } of entries(tf.resource, "aws_vpc", "")) {
    const ipv4 = [attrs.cidr_block as string, ...secondary.filter((s) => refOf(s.attrs.vpc_id) === ref).map((s) => s.attrs.cidr_block as string)];
    const ipv6 = [attrs.ipv6_cidr_block, ...v6assoc.filter((s) => refOf(s.attrs.vpc_id) === ref).map((s) => s.attrs.ipv6_cidr_block)].filter(
      (c): c is string => typeof c === "string" && !c.startsWith("${"),
    );
    vpcs.push({
      ref,
      label: factOf(ref).vpc ?? tagName(attrs) ?? ref,
      securityGroups: factOf(ref).securityGroups ?? [],
      region: (attrs.region as string) ?? defaultRegion,
      account: factOf(ref).account ?? accountOf(attrs.provider),
      created: true,
      ipv4: ipv4.filter((c) => typeof c === "string" && !c.startsWith("${")),
      ipv6,
      dnsSupport: attrs.enable_dns_support === undefined ? true : attrs.enable_dns_support === true,
      dnsHostnames: attrs.enable_dns_hostnames === true,
    });
  }
  // Other accounts' VPCs: known by the id the peering names, and the blocks the config states.
  for (const e of readExternalVpcs(tf as Record<string, unknown>)) {
    vpcs.push({ ref: e.id, label: e.key, region: e.region ?? defaultRegion, account: e.account, created: false, external: true, ipv4: e.ipv4, ipv6: e.ipv6, securityGroups: [] });
  }
  const vpcRefs = new Set(vpcs.map((v) => v.ref));

  // Route tables: by vpc_id, or through the subnet a looked-up table is associated with.
  const subnetVpc = new Map<string, string>();
  const subnetLabel = new Map<string, string>();
  for (const { ref, attrs } of [...entries(tf.data, "aws_subnet", "data."), ...entries(tf.resource, "aws_subnet", "")]) {
    const v = refOf(attrs.vpc_id);
    if (v) subnetVpc.set(ref, v);
    const byName = list(list<Attrs>(attrs.filter).find((f) => f.name === "tag:Name")?.values)[0] as string | undefined;
    subnetLabel.set(ref, `subnet ${byName ?? (attrs.id as string | undefined) ?? tagName(attrs) ?? ref.split(".").pop()}`);
  }
  const routeTables: RouteTableNode[] = [];
  const associated = new Set(
    [...entries(tf.resource, "aws_route_table_association", ""), ...entries(tf.resource, "aws_main_route_table_association", "")]
      .map(({ attrs }) => refOf(attrs.route_table_id))
      .filter((r): r is string => !!r),
  );
  for (const { ref, attrs } of [...entries(tf.data, "aws_route_table", "data."), ...entries(tf.resource, "aws_route_table", "")]) {
    const vpc = refOf(attrs.vpc_id) ?? subnetVpc.get(refOf(attrs.subnet_id) ?? "");
    if (!vpc || !vpcRefs.has(vpc)) continue;
    const byName = list(list<Attrs>(attrs.filter).find((f) => f.name === "tag:Name")?.values)[0] as string | undefined;
    const bySubnet = subnetLabel.get(refOf(attrs.subnet_id) ?? "") ?? (typeof attrs.subnet_id === "string" ? `subnet ${attrs.subnet_id}` : undefined);
    // A looked-up table is in use when found (by a subnet, a Name tag or an id); a created one only when associated.
    const inUse = ref.startsWith("data.") || associated.has(ref);
    routeTables.push({ ref, vpc, inUse, label: byName ?? tagName(attrs) ?? (attrs.route_table_id as string) ?? bySubnet ?? ref.split(".").pop()! });
  }
  // Tables found at plan time (data aws_route_tables): one node stands for all of them; routes go
  // into each through for_each.
  for (const { ref, attrs } of entries(tf.data, "aws_route_tables", "data.")) {
    const vpc = refOf(attrs.vpc_id);
    if (!vpc || !vpcRefs.has(vpc)) continue;
    const tags = attrs.tags as Record<string, string> | undefined;
    routeTables.push({ ref, vpc, inUse: true, label: discoveredKey(tags && Object.keys(tags).length > 0 ? { tags } : "all") });
  }

  const accepters = entries(tf.resource, "aws_vpc_peering_connection_accepter", "");
  const options = entries(tf.resource, "aws_vpc_peering_connection_options", "");
  const vpcOfKey = (key: string) => vpcs.find((v) => (v.external ? v.label : factOf(v.ref).vpc) === key)?.ref;
  const dnsOf = (ids: ReadonlySet<string>, own: Attrs[]) => {
    const dnsFrom = [...own, ...options.filter((o) => ids.has(refOf(o.attrs.vpc_peering_connection_id) ?? "")).map((o) => o.attrs)];
    return (s: "requester" | "accepter") => dnsFrom.some((a) => block(a[s])?.allow_remote_vpc_dns_resolution === true);
  };
  // Accept-only (the requester is another account's): the accepter resource is the peering here; the
  // request is a data source or a literal id, and the ends are recorded by the construct.
  const acceptOnly: PeeringNode[] = accepters.flatMap(({ ref, attrs }) => {
    const ends = factOf(ref).external;
    const requester = ends ? vpcOfKey(ends.requester) : undefined;
    const accepter = ends ? vpcOfKey(ends.accepter) : undefined;
    if (!requester || !accepter) return [];
    const connection = refOf(attrs.vpc_peering_connection_id);
    const side = dnsOf(new Set([ref]), [attrs]);
    return [{
      ref: connection ?? ref,
      // The config's name: the accepter's Name tag is the requesting account's.
      label: factOf(ref).peering ?? tagName(attrs) ?? ref.split(".").pop()!,
      name: factOf(ref).peering ?? tagName(attrs) ?? ref,
      requester,
      accepter,
      accepted: attrs.auto_accept === true,
      dns: { requester: side("requester"), accepter: side("accepter") },
    }];
  });
  const peerings: PeeringNode[] = [...acceptOnly, ...entries(tf.resource, "aws_vpc_peering_connection", "").map(({ ref, attrs }) => {
    const mine = accepters.filter((a) => refOf(a.attrs.vpc_peering_connection_id) === ref);
    // Across accounts or regions each side sets its own option after acceptance, so its options
    // resource references the accepter resource's copy of the connection id, not the connection.
    const ids = new Set([ref, ...mine.map((a) => a.ref)]);
    const dnsFrom = [attrs, ...mine.map((a) => a.attrs), ...options.filter((o) => ids.has(refOf(o.attrs.vpc_peering_connection_id) ?? "")).map((o) => o.attrs)];
    const side = (s: "requester" | "accepter") => dnsFrom.some((a) => block(a[s])?.allow_remote_vpc_dns_resolution === true);
    return {
      ref,
      label: tagName(attrs) ?? factOf(ref).peering ?? ref.split(".").pop()!,
      name: factOf(ref).peering ?? tagName(attrs) ?? ref,
      requester: refOf(attrs.vpc_id) ?? String(attrs.vpc_id),
      accepter: refOf(attrs.peer_vpc_id) ?? String(attrs.peer_vpc_id),
      // Request-only: the other account accepts; the config states whether it has.
      accepted: attrs.auto_accept === true || mine.some((a) => a.attrs.auto_accept === true) || factOf(ref).external?.accepted === true,
      dns: { requester: side("requester"), accepter: side("accepter") },
    };
  })];

  // Routes of the accepting account point at the accepter resource's copy of the connection id.
  const connectionOf = new Map(accepters.map((a) => [a.ref, refOf(a.attrs.vpc_peering_connection_id)]));
  const peeringRef = (v: unknown) => {
    const ref = refOf(v);
    return ref === undefined ? undefined : (connectionOf.get(ref) ?? ref);
  };
  const routes: RouteEdge[] = [];
  for (const { ref, attrs } of entries(tf.resource, "aws_route", "")) {
    const table = tableOf(attrs, factOf(ref));
    const destination = (attrs.destination_cidr_block ?? attrs.destination_ipv6_cidr_block) as string | undefined;
    if (table && destination) routes.push({ address: ref, table, destination, peering: peeringRef(attrs.vpc_peering_connection_id), target: factOf(ref).routeTarget });
  }
  for (const { ref, attrs } of entries(tf.resource, "aws_route_table", "")) {
    for (const r of list<Attrs>(attrs.route)) {
      const destination = (r.cidr_block ?? r.ipv6_cidr_block) as string | undefined;
      if (destination) routes.push({ address: ref, table: ref, destination, peering: peeringRef(r.vpc_peering_connection_id) });
    }
  }

  // Which VPC a peer rule protects: the JSON holds literal group/ACL ids, so the construct records it.
  const vpcByKey = new Map(vpcs.map((v) => [factOf(v.ref).vpc, v.ref] as const).filter(([key]) => key !== undefined));
  const ruleVpc = (ref: string) => vpcByKey.get(factOf(ref).vpc);
  const rulePeering = (ref: string) => factOf(ref).peering;
  const sgRules: SgRule[] = [];
  for (const { ref, attrs } of entries(tf.resource, "aws_vpc_security_group_ingress_rule", "")) {
    const source = attrs.referenced_security_group_id
      ? { group: String(attrs.referenced_security_group_id) }
      : { cidr: String(attrs.cidr_ipv4 ?? attrs.cidr_ipv6 ?? "") };
    const group = String(attrs.security_group_id);
    sgRules.push({ address: ref, group, protocol: String(attrs.ip_protocol ?? "-1"), from: num(attrs.from_port, -1), to: num(attrs.to_port, -1), source, vpc: ruleVpc(ref), peering: rulePeering(ref) });
  }
  for (const { ref, attrs } of entries(tf.resource, "aws_security_group_rule", "")) {
    if (attrs.type !== "ingress") continue;
    const sources = attrs.source_security_group_id
      ? [{ group: String(attrs.source_security_group_id) }]
      : [...list(attrs.cidr_blocks), ...list(attrs.ipv6_cidr_blocks)].map((cidr) => ({ cidr }));
    for (const source of sources) {
      sgRules.push({ address: ref, group: String(attrs.security_group_id), protocol: String(attrs.protocol ?? "-1"), from: num(attrs.from_port, -1), to: num(attrs.to_port, -1), source, vpc: ruleVpc(ref), peering: rulePeering(ref) });
    }
  }
  // A group's VPC, once known from one rule, holds for its other rules (e.g. those referencing groups).
  const groupVpc = new Map(sgRules.filter((r) => r.vpc).map((r) => [r.group, r.vpc!]));
  for (const { ref, attrs } of entries(tf.resource, "aws_security_group", "")) {
    const vpc = refOf(attrs.vpc_id);
    if (vpc) groupVpc.set(`\${${ref}.id}`, vpc);
  }
  const sgAll = sgRules.map((r) => (r.vpc ? r : { ...r, vpc: groupVpc.get(r.group) }));
  // An endpoint's own group admits traffic to the endpoint, not to the VPC's instances: its rules
  // belong to the endpoint.
  const endpointGroups = new Set(entries(tf.resource, "aws_vpc_endpoint", "").flatMap(({ attrs }) => list(attrs.security_group_ids).map(String)));
  const sgResolved = sgAll.filter((r) => !endpointGroups.has(r.group));

  const naclRules: NaclRule[] = entries(tf.resource, "aws_network_acl_rule", "").map(({ ref, attrs }) => {
    const cidr = String(attrs.cidr_block ?? attrs.ipv6_cidr_block ?? "");
    return {
      address: ref,
      acl: String(attrs.network_acl_id),
      number: num(attrs.rule_number, 0),
      egress: attrs.egress === true,
      protocol: String(attrs.protocol ?? "-1") === "tcp" ? "6" : String(attrs.protocol ?? "-1"),
      from: num(attrs.from_port, 0),
      to: num(attrs.to_port, 0),
      cidr,
      allow: attrs.rule_action === "allow",
      vpc: ruleVpc(ref),
      peering: rulePeering(ref),
    };
  });
  const aclVpc = new Map(naclRules.filter((r) => r.vpc).map((r) => [r.acl, r.vpc!]));
  const naclResolved = naclRules.map((r) => (r.vpc ? r : { ...r, vpc: aclVpc.get(r.acl) }));

  const zones: ZoneNode[] = entries(tf.resource, "aws_route53_zone", "").map(({ ref, attrs }) => ({
    ref,
    name: String(attrs.name).toLowerCase().replace(/\.$/, ""),
    vpcs: list<Attrs>(attrs.vpc).map((v) => refOf(v.vpc_id)).filter((v): v is string => !!v),
  }));
  for (const { attrs } of entries(tf.resource, "aws_route53_zone_association", "")) {
    const zone = zones.find((z) => z.ref === refOf(attrs.zone_id));
    const vpc = refOf(attrs.vpc_id);
    if (zone && vpc) (zone.vpcs as string[]).push(vpc);
  }
  // Load balancers and endpoints records point at: `${data.aws_lb.x.dns_name}`, `${data.aws_vpc_endpoint.y.dns_entry[0].dns_name}`.
  const targetOf = (value: unknown): RecordTargetNode | undefined => {
    const m = typeof value === "string" ? /^\$\{((data\.)?(aws_lb|aws_alb|aws_elb|aws_vpc_endpoint)\.([^.}\s]+))\./.exec(value) : null;
    if (!m) return undefined;
    const attrs = (m[2] ? tf.data : tf.resource)?.[m[3]]?.[m[4]] ?? {};
    return { kind: m[3] === "aws_vpc_endpoint" ? "VPC endpoint" : "load balancer", ref: m[1], name: String(attrs.name ?? attrs.id ?? m[4]) };
  };
  const records: RecordNode[] = entries(tf.resource, "aws_route53_record", "").map(({ ref, attrs }) => {
    const values = attrs.alias ? [String(block(attrs.alias)?.name)] : list(attrs.records);
    const target = values.map(targetOf).find((t) => t !== undefined);
    return {
      address: ref,
      zone: refOf(attrs.zone_id) ?? String(attrs.zone_id),
      fqdn: String(attrs.name).toLowerCase().replace(/\.$/, ""),
      type: String(attrs.type),
      values,
      alias: attrs.alias !== undefined,
      ...(target ? { target } : {}),
    };
  });

  const endpoints = readEndpoints(tf, (ref) => factOf(ref), vpcByKey, sgAll.filter((r) => endpointGroups.has(r.group)));
  const transitGateways = [...facts.values()].flatMap((f) => (f.transitGateway ? [f.transitGateway] : []));
  return { stack, vpcs, routeTables, peerings, routes, sgRules: sgResolved, naclRules: naclResolved, zones, records, ...(endpoints.length > 0 ? { endpoints } : {}), ...(transitGateways.length > 0 ? { transitGateways } : {}) };
}

/** The endpoints whose construct recorded what they are; associations and group rules by reference. */
function readEndpoints(tf: TerraformJson, factOf: (ref: string) => ResourceFact, vpcByKey: ReadonlyMap<string | undefined, string>, ingress: readonly SgRule[]): EndpointNode[] {
  const associations = entries(tf.resource, "aws_vpc_endpoint_route_table_association", "");
  return entries(tf.resource, "aws_vpc_endpoint", "").flatMap(({ ref, attrs }): EndpointNode[] => {
    const fact = factOf(ref).endpoint;
    const vpc = fact ? vpcByKey.get(fact.vpc) : undefined;
    if (!fact || !vpc) return [];
    const groups = new Set(list(attrs.security_group_ids).map(String));
    return [{
      ref,
      type: fact.type,
      service: fact.service,
      vpc,
      routeTables: associations.filter((a) => refOf(a.attrs.vpc_endpoint_id) === ref).map((a) => tableOf(a.attrs, factOf(a.ref))).filter((t): t is string => t !== undefined),
      ingress: ingress.filter((r) => groups.has(r.group)),
      port: fact.port,
      privateDns: attrs.private_dns_enabled === true,
      sharedWith: (fact.sharedWith ?? []).map((k) => vpcByKey.get(k)).filter((v): v is string => v !== undefined),
    }];
  });
}

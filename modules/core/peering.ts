import { cidrsOverlap, parseCidr, type CidrRange } from "./cidr";
import { ID, QUOTAS } from "./limits";
import { ConfigProblem, error } from "./problems";
import {
  describeRouteConflict,
  discoveredKey,
  narrowDiscovery,
  peerFacingBlocks,
  peeringQuotaProblem,
  PEERING_TARGET,
  PeeringRoutePlan,
  peeringRoutes,
  PlacedRoute,
  routeConflicts,
  routeQuotaProblems,
  RoutePlan,
  RouteTableDiscovery,
  RouteTableSpec,
  RouteToSpec,
  sameRegion,
  Side,
} from "./routes";
import { NaclRulePlan, planPeerSecurity, RuleNumbers, SgRulePlan } from "./security";

// The one model between an input (a config file or construct props) and resources: a peering
// of two VPC sides, planned into routes and rules by one producer (planPeering), and checked by one
// set of rules (checkPeerings). Config validation, the VpcPeering construct and the SynthChecks
// aspect all go through here. No cdktf.

/** How a VPC is found, for telling whether two declarations are one VPC. */
export interface VpcFinding {
  readonly id?: string;
  readonly name?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Account key or id; unset: the default provider's. */
  readonly account?: string;
  /** Unset: the default provider's. */
  readonly region?: string;
}

/**
 * What makes two declarations one VPC (VpcSideSpec.identity): the same literal id, or the same
 * Name tag (or the same tags) in one account and region; else `fallback`, a place only this
 * declaration has (a config path, a construct path). The config and the constructs both use it.
 */
export function vpcIdentityOf(found: VpcFinding, fallback: string): string {
  const place = `${found.account ?? "(default account)"}/${found.region ?? "(default region)"}`;
  if (found.id !== undefined && ID.vpc.pattern.test(found.id)) return found.id;
  if (found.name !== undefined) return `${place}/Name=${found.name}`;
  if (found.tags !== undefined) {
    const tags = Object.entries(found.tags).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(",");
    return `${place}/tags:${tags}`;
  }
  return fallback;
}

/** What planning needs to know about one VPC. */
export interface VpcSideSpec {
  /** Short name for ids and messages, e.g. `web`. */
  readonly key: string;
  /** Equal identities are one VPC: a literal `vpc-...` id when known, else a unique place (config path, construct path). */
  readonly identity: string;
  /** Where it is declared, quoted in messages: `vpcs.web` or a construct path. */
  readonly where: string;
  /** Unset: the provider's region. */
  readonly region?: string;
  /** Owning account (key or id); unset: the default provider's. */
  readonly account?: string;
  /** IPv4 blocks, primary first. */
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  readonly routeTo?: RouteToSpec;
  readonly routeTables: readonly RouteTableSpec[];
  readonly securityGroups: readonly string[];
  readonly networkAcl?: { readonly id: string; readonly ruleNumberBase?: number };
}

export interface SecurityRulesSpec {
  /** `tcp/443`, `udp/53`, `tcp/8000-8099`, `icmp`, `icmpv6` or `all`. */
  readonly ports: readonly string[];
  /** Sides that accept connections from the other. @default both */
  readonly allowInto?: readonly Side[];
  /** `auto`: reference the peer's groups when one account and region allow it; `cidr`: always blocks. @default "auto" */
  readonly source?: "auto" | "cidr";
  /** @default requester.securityGroups */
  readonly requesterSecurityGroups?: readonly string[];
  /** @default accepter.securityGroups */
  readonly accepterSecurityGroups?: readonly string[];
}

/**
 * Which of one side's route tables get a peering's routes: table keys ([] for none), or, for a
 * side that finds its tables at plan time, `{ tags }`: the found tables that also carry these tags.
 */
export type RouteTableChoice = readonly string[] | { readonly tags: Readonly<Record<string, string>> };

/** Which route tables of each side get this peering's routes (all when unset). */
export interface PeeringRouteTables {
  readonly requester?: RouteTableChoice;
  readonly accepter?: RouteTableChoice;
}

/** True when both sides' choices are `[]`: no traffic could cross the peering. */
export function routesNothing(choice: PeeringRouteTables | undefined): boolean {
  const none = (c: RouteTableChoice | undefined) => c !== undefined && !isTagChoice(c) && c.length === 0;
  return none(choice?.requester) && none(choice?.accepter);
}

export function isTagChoice(choice: RouteTableChoice): choice is { readonly tags: Readonly<Record<string, string>> } {
  return !Array.isArray(choice);
}

/**
 * Why a side cannot take `choice`, or undefined when it can: keys it does not have, tags on a
 * side that finds no tables at plan time, tags that contradict the side's own discovery tags.
 */
export function routeTableChoiceProblem(side: VpcSideSpec, choice: RouteTableChoice): string | undefined {
  const found = side.routeTables.find((t) => t.discovered !== undefined);
  if (isTagChoice(choice)) {
    if (!found) return `picks route tables by tags, which needs ${side.key} to find its tables at plan time (discoverRouteTables); or name its tables (${side.routeTables.map((t) => t.key).join(", ")})`;
    const narrowed = narrowDiscovery(found.discovered!, choice.tags);
    return "conflict" in narrowed ? `${narrowed.conflict} (discoverRouteTables of ${side.key}): no table could match` : undefined;
  }
  if (found && choice.length > 0) {
    return `${side.key} finds its route tables at plan time (discoverRouteTables), so a peering cannot name some of them: leave it out for all of them, give {tags: {...}} for those carrying tags, or [] for none`;
  }
  const unknown = choice.filter((key) => !side.routeTables.some((t) => t.key === key));
  return unknown.length > 0 ? `${unknown.map((k) => `"${k}"`).join(", ")} is not a route table of ${side.key}: use one of ${side.routeTables.map((t) => t.key).join(", ") || "(none)"}` : undefined;
}

/**
 * The side as one peering sees it: only the route tables `choice` keeps (all when unset). With
 * `{ tags }` the side's found set narrows to the tables carrying them too; it keeps the set's
 * identity (the same tables, or fewer), so route quotas count it with the rest of the set.
 * A choice with a problem (routeTableChoiceProblem) keeps no table.
 */
export function withRouteTables(side: VpcSideSpec, choice: RouteTableChoice | undefined): VpcSideSpec {
  if (choice === undefined) return side;
  if (routeTableChoiceProblem(side, choice) !== undefined) return { ...side, routeTables: [] };
  if (!isTagChoice(choice)) return { ...side, routeTables: side.routeTables.filter((t) => choice.includes(t.key)) };
  const set = side.routeTables.find((t) => t.discovered !== undefined)!;
  const discovered = narrowDiscovery(set.discovered!, choice.tags) as RouteTableDiscovery;
  const key = discoveredKey(discovered);
  return { ...side, routeTables: [{ key, identity: set.identity, label: set.label.replace(set.key, key), discovered }] };
}

export interface PeeringSpec {
  readonly name: string;
  /** Where it is declared: `peerings[0]`, `mesh (peering a-b)` or a construct path. */
  readonly where: string;
  readonly requester: VpcSideSpec;
  readonly accepter: VpcSideSpec;
  readonly securityRules?: SecurityRulesSpec;
}

export interface PeeringPlan {
  readonly spec: PeeringSpec;
  readonly crossAccount: boolean;
  readonly crossRegion: boolean;
  readonly routes: readonly PeeringRoutePlan[];
  readonly securityGroupRules: readonly SgRulePlan[];
  readonly networkAclRules: readonly NaclRulePlan[];
}

export interface PlanOptions {
  /** Region of the provider(s), for sides with no region. @default unknown: unset regions compare equal */
  readonly defaultRegion?: string;
  /** Shared by every peering of a stack, so rules on one network ACL get distinct numbers. */
  readonly ruleNumbers?: RuleNumbers;
}

/** The routes and rules one peering needs, and whether it crosses accounts or regions. */
export function planPeering(spec: PeeringSpec, options: PlanOptions = {}): PeeringPlan {
  const { requester, accepter } = spec;
  const crossAccount = requester.account !== accepter.account;
  const crossRegion = !sameRegion(requester.region, accepter.region, options.defaultRegion);
  const facing = (vpc: VpcSideSpec) => peerFacingBlocks(vpc.ipv4, vpc.ipv6, vpc.routeTo);
  const req = facing(requester);
  const acc = facing(accepter);
  const routes = peeringRoutes({ routeTables: requester.routeTables, ...req }, { routeTables: accepter.routeTables, ...acc }, { kind: PEERING_TARGET, name: spec.name });
  const security = spec.securityRules
    ? planSecurityRules(spec, spec.securityRules, { crossAccount, crossRegion, ruleNumbers: options.ruleNumbers })
    : { sg: [], nacl: [] };
  return { spec, crossAccount, crossRegion, routes, securityGroupRules: security.sg, networkAclRules: security.nacl };
}

/**
 * The security-group and network-ACL rules that let a peering's two sides talk on `rules.ports`:
 * sources are the peer's routed blocks, or its groups when one account and region allow that.
 */
export function planSecurityRules(
  spec: Pick<PeeringSpec, "requester" | "accepter">,
  rules: SecurityRulesSpec,
  options: { readonly crossAccount: boolean; readonly crossRegion: boolean; readonly ruleNumbers?: RuleNumbers },
): { sg: SgRulePlan[]; nacl: NaclRulePlan[] } {
  const { requester, accepter } = spec;
  const facing = (vpc: VpcSideSpec) => peerFacingBlocks(vpc.ipv4, vpc.ipv6, vpc.routeTo);
  return planPeerSecurity(
    {
      requester: { ...facing(requester), securityGroups: rules.requesterSecurityGroups ?? requester.securityGroups, networkAcl: requester.networkAcl },
      accepter: { ...facing(accepter), securityGroups: rules.accepterSecurityGroups ?? accepter.securityGroups, networkAcl: accepter.networkAcl },
      ports: rules.ports,
      allowInto: rules.allowInto ?? ["requester", "accepter"],
      // AWS allows security-group references only within one region (and, here, one account).
      referencePeerGroups: (rules.source ?? "auto") === "auto" && !options.crossAccount && !options.crossRegion,
    },
    options.ruleNumbers,
  );
}

/**
 * Routes to a target that is not a peering (a gateway, an endpoint, a Transit Gateway
 * attachment): the route checks count them with the peerings' routes in each table.
 */
export interface RouteSet {
  /** Where they are declared (a config path or a construct path), quoted in messages. */
  readonly where: string;
  readonly routes: readonly RoutePlan[];
}

/** Where a finding belongs: a problem and the peering or route set (and route) it is about. */
export type Finding =
  | { readonly problem: ConfigProblem; readonly peering: PeeringPlan; readonly routeSet?: undefined; readonly route?: RoutePlan }
  | { readonly problem: ConfigProblem; readonly peering?: undefined; readonly routeSet: RouteSet; readonly route: RoutePlan };

export interface CheckOptions {
  readonly routesPerRouteTable?: number;
  readonly peeringsPerVpc?: number;
  /** How a message names each quota setting, e.g. `quotas.routesPerRouteTable`. */
  readonly quotaSettings?: { readonly routesPerRouteTable: string; readonly peeringsPerVpc: string };
  /** Report routes that clash in one table. @default true */
  readonly routeConflicts?: boolean;
  /** Routes to other targets in the same tables. @default none */
  readonly routeSets?: readonly RouteSet[];
}

const ranges = (blocks: readonly string[]) => blocks.map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");

/** Pairs of blocks, one from each list, that overlap. The core the property test checks against brute force. */
export function overlappingBlocks(a: readonly CidrRange[], b: readonly CidrRange[]): [CidrRange, CidrRange][] {
  const found: [CidrRange, CidrRange][] = [];
  for (const x of a) for (const y of b) if (cidrsOverlap(x, y)) found.push([x, y]);
  return found;
}

/**
 * Every rule AWS applies across a set of peerings: no peering of a VPC with itself, one peering
 * per pair, no overlapping blocks between peers, one route per destination in a table, the
 * route and peering quotas. Findings come in the order of `plans`.
 */
export function checkPeerings(plans: readonly PeeringPlan[], options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const settings = options.quotaSettings ?? { routesPerRouteTable: "routesPerRouteTable", peeringsPerVpc: "peeringsPerVpc" };
  const pairs = new Map<string, PeeringPlan>();
  const perVpc = new Map<string, { count: number; vpc: VpcSideSpec; last: PeeringPlan }>();
  type Owner = { readonly plan: PeeringPlan; readonly set?: undefined } | { readonly plan?: undefined; readonly set: RouteSet };
  const placed: (PlacedRoute & Owner & { route: RoutePlan })[] = [];
  for (const plan of plans) {
    const { requester, accepter, where } = plan.spec;
    if (requester.identity === accepter.identity) {
      const same = requester.key === accepter.key ? `"${requester.key}"` : `${requester.key} and ${accepter.key} are both ${requester.identity}`;
      findings.push({ peering: plan, problem: error(`${where}.accepter`, `a VPC cannot be peered with itself (${same}): name another VPC`) });
      continue;
    }
    const pair = [requester.identity, accepter.identity].sort().join("|");
    const first = pairs.get(pair);
    if (first) {
      findings.push({ peering: plan, problem: error(where, `peers ${requester.key} and ${accepter.key} again (already ${first.spec.where}): AWS allows one peering per VPC pair, remove one`) });
      continue;
    }
    pairs.set(pair, plan);
    const overlaps = overlappingBlocks(ranges([...requester.ipv4, ...requester.ipv6]), ranges([...accepter.ipv4, ...accepter.ipv6]));
    for (const [x, y] of overlaps) {
      findings.push({ peering: plan, problem: error(where, `${requester.key} (${x.cidr}) and ${accepter.key} (${y.cidr}) overlap: AWS cannot peer VPCs with overlapping CIDR blocks, re-address one VPC`) });
    }
    for (const vpc of [requester, accepter]) {
      const entry = perVpc.get(vpc.identity) ?? { count: 0, vpc, last: plan };
      perVpc.set(vpc.identity, { ...entry, count: entry.count + 1, last: plan });
    }
    // Overlapping peers are already an error; their routes would only repeat it.
    if (overlaps.length > 0) continue;
    for (const route of plan.routes) {
      placed.push({ table: route.routeTable.identity, tableLabel: route.routeTable.label, destination: route.destination, source: where, plan, route });
    }
  }
  for (const set of options.routeSets ?? []) {
    for (const route of set.routes) placed.push({ table: route.routeTable.identity, tableLabel: route.routeTable.label, destination: route.destination, source: set.where, targetKind: route.target.kind, set, route });
  }
  const finding = (at: Owner & { route: RoutePlan }, problem: ConfigProblem): Finding =>
    at.plan ? { peering: at.plan, route: at.route, problem } : { routeSet: at.set!, route: at.route, problem };
  for (const c of options.routeConflicts === false ? [] : routeConflicts(placed)) findings.push(finding(c.route, describeRouteConflict(c)));
  for (const { problem, at } of routeQuotaProblems(placed, options.routesPerRouteTable ?? QUOTAS.routesPerRouteTable.default, settings.routesPerRouteTable)) {
    findings.push(finding(at, problem));
  }
  for (const { count, vpc, last } of perVpc.values()) {
    const problem = peeringQuotaProblem(vpc.where, count, options.peeringsPerVpc ?? QUOTAS.peeringsPerVpc.default, settings.peeringsPerVpc);
    if (problem) findings.push({ peering: last, problem });
  }
  return findings;
}

/**
 * The tags an accepter writes on a connection it found by tags: the lookup's tags stay as they
 * are, or the next plan's lookup would find nothing (the Name from the peering's name gives
 * way to a Name the lookup uses). Tags given explicitly that contradict the lookup are refused:
 * `problems` names each key.
 */
export function acceptedConnectionTags(
  name: string,
  tags: Readonly<Record<string, string>>,
  lookup: Readonly<Record<string, string>> | undefined,
): { tags: Record<string, string>; problems: { key: string; message: string }[] } {
  if (lookup === undefined) return { tags: { ...tags, Name: name }, problems: [] };
  const problems = Object.entries(tags)
    .filter(([key, value]) => Object.hasOwn(lookup, key) && lookup[key] !== value)
    .map(([key, value]) => ({
      key,
      message: `"${value}" would replace the ${key} tag "${lookup[key]}" the request is found by, and the next plan would find no request: remove it, or find the request by other tags`,
    }));
  return { tags: { ...tags, Name: name, ...lookup }, problems };
}

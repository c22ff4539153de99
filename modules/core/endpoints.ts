import { ConfigProblem, error } from "./problems";
import type { RouteTableSpec } from "./routes";

// VPC endpoints as plain data: service names, the default policy, and the rules AWS applies to
// them. Config validation (app/config/endpoint-checks.ts) and the constructs
// (constructs/endpoints/) both check with these functions, so a mistake reads the same either way.
//
// What decides correctness:
// - A gateway endpoint (S3, DynamoDB only) makes AWS add a route to the service's AWS-managed
//   prefix list (`com.amazonaws.<region>.<service>`) in each associated route table, and serves
//   only its own VPC: traffic from a peered VPC cannot use it (no edge-to-edge routing).
// - A route table holds one route per destination, so one endpoint per service per table.
// - An interface endpoint is a network interface per subnet (one subnet per availability zone)
//   behind a security group; peers reach it across a peering when routes, the group and DNS allow.
// - Centralized endpoints: the hub's endpoint has private DNS off, and a private zone per service
//   (`<service>.<region>.amazonaws.com`, an alias to the endpoint) is associated with each spoke
//   (which needs DNS support and hostnames on).

/** Services that have gateway endpoints. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** Where an interface endpoint listens unless the service says otherwise (HTTPS). */
export const DEFAULT_ENDPOINT_PORT = 443;

export type EndpointType = "gateway" | "interface";

/** A service as written: a short name (`s3`, `ssm`, `ecr.api`) that becomes `com.amazonaws.<region>.<service>`. */
export const ENDPOINT_SERVICE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;

/** `com.amazonaws.<region>.<service>`: the endpoint service name, and the name of a gateway service's prefix list. */
export function endpointServiceName(service: string, region: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The private zone that answers for a service's default DNS name: `<service>.<region>.amazonaws.com`. */
export function endpointZoneName(service: string, region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/**
 * The policy AWS attaches when none is given: any principal, any action, any resource of the
 * service (reached through this endpoint). IAM and resource policies still apply.
 */
export const FULL_ACCESS_ENDPOINT_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
} as const;

/**
 * An S3 endpoint policy that admits only these buckets (and their objects): requests through the
 * endpoint to any other bucket are denied, whatever IAM allows.
 */
export function bucketEndpointPolicy(buckets: readonly string[], actions: readonly string[] = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]): object {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "OnlyTheseBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: [...actions],
      Resource: buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]),
    }],
  };
}

/** A VPC as the endpoint rules see it. */
export interface EndpointVpc {
  readonly key: string;
  /** Equal identities are one VPC (core vpcIdentityOf). */
  readonly identity: string;
  /** A VPC of an account the stack does not manage: no zone can be associated with it. */
  readonly external?: boolean;
  /** Already refused elsewhere (a config key that names no VPC): the rules pass over it. */
  readonly refused?: boolean;
}

/** One endpoint as the rules see it, from a config entry or construct props. */
export interface EndpointSpec {
  /** Prefix of every problem's path: `endpoints[0]`, a construct path, or "" (a construct's own props). */
  readonly where: string;
  readonly type: EndpointType;
  /** Short service name, e.g. `s3`. */
  readonly service: string;
  readonly vpc: EndpointVpc;
  /** Gateway: the route tables that get the prefix-list route (already chosen). */
  readonly routeTables?: readonly RouteTableSpec[];
  /** Interface: subnet ids or Name tags (one per availability zone). */
  readonly subnets?: readonly string[];
  /** Interface: the port its security group admits. */
  readonly port?: number;
  readonly privateDnsEnabled?: boolean;
  /** Interface, centralized: the VPCs (spokes) that reach it through a private zone per service. */
  readonly sharedWith?: readonly EndpointVpc[];
}

const at = (spec: Pick<EndpointSpec, "where">, field: string) => (spec.where ? `${spec.where}.${field}` : field);
const INTERFACE_ONLY = "is for interface endpoints: remove it, or make the endpoint an interface endpoint";

/** What is wrong with one endpoint on its own: every problem, each naming its field and the fix. */
export function endpointProblems(spec: EndpointSpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!ENDPOINT_SERVICE.test(spec.service)) {
    problems.push(error(at(spec, "service"), `"${spec.service}" is not a service name: write the part after com.amazonaws.<region>., such as s3, dynamodb, ssm or ecr.api`));
  }
  return [...problems, ...(spec.type === "gateway" ? gatewayProblems(spec) : interfaceProblems(spec))];
}

function gatewayProblems(spec: EndpointSpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (ENDPOINT_SERVICE.test(spec.service) && !(GATEWAY_ENDPOINT_SERVICES as readonly string[]).includes(spec.service)) {
    problems.push(error(at(spec, "service"), `${spec.service} has no gateway endpoint (AWS offers them for ${GATEWAY_ENDPOINT_SERVICES.join(" and ")} only): make it an interface endpoint`));
  }
  if (spec.sharedWith && spec.sharedWith.length > 0) {
    problems.push(error(at(spec, "sharedWith"), "a gateway endpoint serves only its own VPC: traffic from a peered VPC cannot use it (edge-to-edge routing is not supported); give each VPC its own gateway endpoint, or share an interface endpoint instead"));
  }
  if (spec.subnets !== undefined) problems.push(error(at(spec, "subnets"), `${INTERFACE_ONLY} (a gateway endpoint is reached through route tables)`));
  if (spec.port !== undefined) problems.push(error(at(spec, "port"), INTERFACE_ONLY));
  if (spec.privateDnsEnabled !== undefined) problems.push(error(at(spec, "privateDnsEnabled"), INTERFACE_ONLY));
  if (spec.routeTables !== undefined && spec.routeTables.length === 0) {
    problems.push(error(at(spec, "routeTables"), "selects no route table, so nothing would reach the endpoint: list at least one of the VPC's route tables, or leave routeTables out for all of them"));
  }
  return problems;
}

function interfaceProblems(spec: EndpointSpec): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (spec.routeTables !== undefined) problems.push(error(at(spec, "routeTables"), "is for gateway endpoints: an interface endpoint is reached at its network interfaces' addresses, which the VPC's local route covers; remove it"));
  const subnets = spec.subnets ?? [];
  if (subnets.length === 0) problems.push(error(at(spec, "subnets"), "list the subnets the endpoint's network interfaces go in, one per availability zone (ids or Name tags)"));
  subnets.forEach((s, i) => {
    const first = subnets.indexOf(s);
    if (first < i) problems.push(error(at(spec, `subnets[${i}]`), `lists ${s} again (subnets[${first}]): an interface endpoint takes one subnet per availability zone; remove the duplicate`));
  });
  if (spec.port !== undefined && !(Number.isInteger(spec.port) && spec.port >= 1 && spec.port <= 65535)) {
    problems.push(error(at(spec, "port"), `${spec.port} is not a port: give a whole number from 1 to 65535 (default ${DEFAULT_ENDPOINT_PORT})`));
  }
  const shared = spec.sharedWith ?? [];
  if (shared.length > 0 && spec.privateDnsEnabled === true) {
    problems.push(error(at(spec, "privateDnsEnabled"), `must be false for a centralized endpoint (sharedWith): AWS's own private DNS answers only inside ${spec.vpc.key}, and the zone this stack makes for the spokes would clash with it there; set privateDnsEnabled: false`));
  }
  shared.forEach((v, i) => {
    const path = at(spec, `sharedWith[${i}]`);
    if (v.refused) return;
    if (v.identity === spec.vpc.identity) problems.push(error(path, `${v.key} is the endpoint's own VPC: list only the other VPCs (spokes) that reach it`));
    else if (shared.findIndex((o) => o.identity === v.identity) < i) problems.push(error(path, `lists ${v.key} twice: remove the duplicate`));
    else if (v.external) problems.push(error(path, `${v.key} is a VPC of an account the stack does not manage: the service's private zone cannot be associated with it; remove it`));
  });
  return problems;
}

/**
 * The route tables a gateway endpoint is associated with: those listed (by the key the VPC lists
 * them under), or all of the VPC's when none are. An unknown key is a problem naming the known ones.
 */
export function chooseEndpointRouteTables(available: readonly RouteTableSpec[], listed: readonly string[] | undefined, path: string): { tables: RouteTableSpec[]; problems: ConfigProblem[] } {
  if (listed === undefined) return { tables: [...available], problems: [] };
  const problems: ConfigProblem[] = [];
  const tables: RouteTableSpec[] = [];
  listed.forEach((key, i) => {
    const table = available.find((t) => t.key === key);
    if (table) tables.push(table);
    else problems.push(error(`${path}[${i}]`, `${key} is not one of the VPC's route tables: use one of ${available.map((t) => t.key).join(", ") || "(none listed)"}, as listed for the VPC`));
  });
  return { tables, problems };
}

/** The tables the rules see: none when every listed key was unknown (already a problem of its own). */
export function gatewayTablesForRules(chosen: { tables: readonly RouteTableSpec[]; problems: readonly ConfigProblem[] }): readonly RouteTableSpec[] | undefined {
  return chosen.tables.length === 0 && chosen.problems.length > 0 ? undefined : chosen.tables;
}

/**
 * Problems between endpoints: two gateway endpoints of one service in one route table, two
 * interface endpoints of one service in one VPC, and a spoke of a centralized endpoint that has
 * its own endpoint for the service (or is the spoke of two). `peered`, when given, tells whether
 * two VPCs (by identity) are peered: a spoke must be, or nothing reaches the hub's endpoint.
 */
export function endpointConflicts(specs: readonly EndpointSpec[], peered?: (a: string, b: string) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const tables = new Map<string, EndpointSpec>();
  const interfaces = new Map<string, EndpointSpec>();
  for (const spec of specs) {
    if (spec.type === "gateway") {
      (spec.routeTables ?? []).forEach((t, i) => {
        const id = `${spec.service}|${t.identity}`;
        const first = tables.get(id);
        if (first) problems.push(error(at(spec, `routeTables[${i}]`), `route table ${t.label} already has a gateway endpoint for ${spec.service} (${first.where}): AWS allows one endpoint per service in a route table (both would route the ${spec.service} prefix list); remove the table from one of the two endpoints`));
        else tables.set(id, spec);
      });
    } else {
      const id = `${spec.service}|${spec.vpc.identity}`;
      const first = interfaces.get(id);
      if (first) problems.push(error(at(spec, "service"), `${spec.vpc.key} already has an interface endpoint for ${spec.service} (${first.where}): one per service per VPC; remove one`));
      else interfaces.set(id, spec);
    }
  }
  problems.push(...sharingConflicts(specs, peered));
  return problems;
}

function sharingConflicts(specs: readonly EndpointSpec[], peered?: (a: string, b: string) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const spokeOf = new Map<string, EndpointSpec>();
  for (const hub of specs) {
    (hub.sharedWith ?? []).forEach((spoke, i) => {
      if (spoke.refused || spoke.identity === hub.vpc.identity) return;
      const path = at(hub, `sharedWith[${i}]`);
      const own = specs.find((s) => s !== hub && s.service === hub.service && s.vpc.identity === spoke.identity);
      const twice = spokeOf.get(`${hub.service}|${spoke.identity}`);
      if (own) {
        problems.push(error(path, `${spoke.key} has its own ${own.type} endpoint for ${hub.service} (${own.where}), which conflicts with the centralized one in ${hub.vpc.key}: remove ${spoke.key} from sharedWith, or remove its own endpoint`));
      } else if (twice) {
        problems.push(error(path, `${spoke.key} already reaches ${hub.service} through the endpoint in ${twice.vpc.key} (${twice.where}): a VPC takes one private zone per name; remove it from one sharedWith`));
      } else if (peered && !peered(spoke.identity, hub.vpc.identity)) {
        problems.push(error(path, `${spoke.key} is not peered with ${hub.vpc.key}, so it cannot reach the endpoint there: add a peering between them (or a mesh that pairs them), or remove ${spoke.key} from sharedWith`));
      }
      spokeOf.set(`${hub.service}|${spoke.identity}`, hub);
    });
  }
  return problems;
}

/**
 * An endpoint policy must be an IAM policy document: an object (or its JSON text) with a
 * non-empty Statement list. Text only known at plan time is left to AWS.
 */
export function policyProblems(policy: unknown, path: string): ConfigProblem[] {
  if (policy === undefined) return [];
  let doc = policy;
  if (typeof policy === "string") {
    if (policy.includes("${")) return [];
    try {
      doc = JSON.parse(policy);
    } catch {
      return [error(path, "is not JSON: give the policy document as an object (Version, Statement) or its JSON text")];
    }
  }
  const statements = (doc as { Statement?: unknown } | null)?.Statement;
  const ok = Array.isArray(statements) ? statements.length > 0 : typeof statements === "object" && statements !== null;
  return ok ? [] : [error(path, "has no Statement: an endpoint policy is an IAM policy document, e.g. {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: \"*\", Action: \"s3:GetObject\", Resource: \"arn:aws:s3:::my-bucket/*\"}]}")];
}

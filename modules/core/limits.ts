import { closest, distance } from "fastest-levenshtein";
// Every AWS limit and name pattern the project checks, defined once. The config schema builds its
// zod rules from these, the constructs call `problem()` on literal props, and module mode turns
// them into Terraform variable validations with `terraformCondition()`. No cdktf, no zod here.

/** A rule on a string: a pattern (anchored) with what it means in words. */
export interface TextRule {
  readonly pattern: RegExp;
  /** What a user must write, e.g. "a VPC id such as vpc-0123abcd". */
  readonly expected: string;
  /** Why `value` breaks the rule ("must be ..."), or undefined when it keeps it. */
  problem(value: string): string | undefined;
  /** A Terraform condition over `expr` (e.g. `var.x`) that holds when the rule is kept. */
  terraformCondition(expr: string): string;
}

/** A rule on a whole number: an inclusive range, or a set of allowed values. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** When set, only these values (e.g. CloudWatch Logs retention days). */
  readonly allowed?: readonly number[];
  readonly expected: string;
  problem(value: number): string | undefined;
  terraformCondition(expr: string): string;
}

/** Terraform's regex syntax (RE2) differs from JavaScript's: `\w` and friends carry over, the escaping does not. */
function hclString(text: string): string {
  return JSON.stringify(text);
}

export function textRule(source: string, expected: string): TextRule {
  // Sources here have no top-level alternation, so plain anchors suffice (and read as AWS documents them).
  const pattern = new RegExp(`^${source}$`);
  return {
    pattern,
    expected,
    problem: (value) => (pattern.test(value) ? undefined : `must be ${expected}`),
    terraformCondition: (expr) => `can(regex(${hclString(`^${source}$`)}, ${expr}))`,
  };
}

export function wholeNumberRule(min: number, max: number, unit: string, allowed?: readonly number[]): NumberRule {
  const expected = allowed
    ? `one of ${allowed.join(", ")}`
    : `a whole number of ${unit} from ${min} to ${max}`;
  return {
    min,
    max,
    allowed,
    expected,
    problem: (value) => {
      if (allowed) return allowed.includes(value) ? undefined : `must be ${expected}`;
      return Number.isInteger(value) && value >= min && value <= max ? undefined : `must be ${expected}`;
    },
    terraformCondition: (expr) =>
      allowed ? `contains([${allowed.join(", ")}], ${expr})` : `${expr} >= ${min} && ${expr} <= ${max} && floor(${expr}) == ${expr}`,
  };
}

/** An EC2 resource id: its prefix and 8 (older resources) or 17 lower-case hex digits. */
function resourceId(prefix: string, what: string): TextRule {
  return textRule(`${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})`, `${what} id: ${prefix}- and 8 or 17 lower-case hex digits, such as ${prefix}-0123abcd`);
}

/** Ids of existing resources, as AWS prints them. */
export const ID = {
  vpc: resourceId("vpc", "a VPC"),
  routeTable: resourceId("rtb", "a route table"),
  subnet: resourceId("subnet", "a subnet"),
  securityGroup: resourceId("sg", "a security group"),
  networkAcl: resourceId("acl", "a network ACL"),
  vpcEndpoint: resourceId("vpce", "a VPC endpoint"),
  networkInterface: resourceId("eni", "a network interface"),
  peeringConnection: resourceId("pcx", "a peering connection"),
  flowLog: resourceId("fl", "a flow log"),
  transitGateway: resourceId("tgw", "a transit gateway"),
  account: textRule("\\d{12}", "a 12-digit AWS account id"),
  roleArn: textRule("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+", "an IAM role ARN such as arn:aws:iam::123456789012:role/peering"),
} as const;

/** Keys a config gives VPCs, accounts and stacks: they become parts of construct ids and Terraform names. */
export const KEY = textRule("[a-zA-Z][\\w-]*", "a key that starts with a letter and holds only letters, digits, _ and -");

export const NAMES = {
  /** IAM role names. */
  iamRole: textRule("[\\w+=,.@-]{1,64}", "1 to 64 letters, digits or +=,.@_-"),
  /** CloudWatch Logs group names. */
  logGroup: textRule("[\\w\\-/.#]{1,512}", "1 to 512 letters, digits, _ - / . or #"),
  /** A Name tag of a peering connection (a tag value). */
  peering: textRule("[\\s\\S]{1,255}", "1 to 255 characters"),
  /** Load balancer names: up to 32 letters, digits and hyphens, not starting or ending with a hyphen. (Its lookahead is JavaScript and JSON Schema only: RE2, Terraform's regex, has none.) */
  loadBalancer: textRule("(?!internal-)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?", "a load balancer name: 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen, not starting with internal-"),
  /** An availability zone of a region. */
  availabilityZone: textRule("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d[a-z]", "an availability zone such as us-west-2a"),
  /** Route 53 Resolver query logging configuration names (not digits only). (Its lookahead is JavaScript only.) */
  resolverQueryLogConfig: textRule("(?![0-9]+$)[\\w -]{1,64}", "1 to 64 letters, digits, spaces, _ or -, not digits only"),
  /** A region code. */
  region: textRule("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d", "an AWS region code such as us-west-2"),
} as const;

/** DNS: Route 53 record TTLs. */
export const RECORD_TTL = wholeNumberRule(0, 2147483647, "seconds");
/** TTL of a record that does not give one (seconds). */
export const DEFAULT_RECORD_TTL = 300;

/** CloudWatch Logs retention periods (days). */
export const LOG_RETENTION_DAYS = wholeNumberRule(1, 3653, "days", [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

/** Retention of a flow-log group the project creates when nothing else is said: a year of evidence. */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;

export const FLOW_LOG_TRAFFIC_TYPES = ["ALL", "ACCEPT", "REJECT"] as const;
export type FlowLogTrafficType = (typeof FLOW_LOG_TRAFFIC_TYPES)[number];
export const FLOW_LOG_AGGREGATION_SECONDS = [60, 600] as const;

/**
 * Prefix lengths AWS accepts for a VPC's own blocks: IPv4 /16 to /28; IPv6 /44 to /60 in steps of
 * 4 (Amazon-provided blocks are /56; IPAM and BYOIP allow the others).
 */
export const VPC_PREFIX = { 4: { min: 16, max: 28, step: 1 }, 6: { min: 44, max: 60, step: 4 } } as const;

/** Prefix lengths AWS accepts for an IPv4 subnet. */
export const SUBNET_IPV4_PREFIX = { min: 16, max: 28 } as const;

/** Why `prefix` cannot be a VPC block's prefix length for `family`, or undefined. */
export function vpcPrefixProblem(family: 4 | 6, prefix: number): string | undefined {
  const { min, max, step } = VPC_PREFIX[family];
  if (prefix >= min && prefix <= max && (prefix - min) % step === 0) return undefined;
  const allowed = step === 1 ? `from /${min} to /${max}` : `of ${Array.from({ length: (max - min) / step + 1 }, (_, i) => `/${min + i * step}`).join(", ")}`;
  return `AWS allows IPv${family} VPC blocks ${allowed}`;
}

/** Account quotas: AWS's defaults and the hard ceilings behind them. */
export const QUOTAS = {
  /** Routes per route table (Service Quotas; adjustable). */
  routesPerRouteTable: { default: 50, max: 1000 },
  /** Active peerings per VPC: default 50, adjustable up to 125. */
  peeringsPerVpc: { default: 50, max: 125 },
  /** Network ACL rules per direction: default 20, adjustable up to 40. */
  naclRulesPerDirection: { default: 20, max: 40 },
  /** The highest network ACL rule number. */
  naclRuleNumber: { min: 1, max: 32766 },
  /** Transit Gateway route tables per transit gateway (adjustable). */
  transitGatewayRouteTables: { default: 20 },
  /** Routes (propagated and static) across all route tables of one transit gateway (adjustable). */
  transitGatewayRoutes: { default: 10000 },
  /** A full mesh of more VPCs than this is suggested a transit gateway instead. */
  meshVpcsBeforeTransit: { default: 10 },
} as const;

/** Private ASNs a transit gateway's Amazon side may take (16-bit and 32-bit ranges). */
export const TRANSIT_GATEWAY_ASN = { ranges: [[64512, 65534], [4200000000, 4294967294]] as const, default: 64512 } as const;

/** Tags: AWS's limits on keys and values, and the prefix reserved for AWS's own tags. */
export const TAGS = { keyMax: 128, valueMax: 256, perResource: 50, reservedPrefix: "aws:" } as const;

/** Why a tag map breaks AWS's rules (one message per broken tag), or []. */
export function tagProblems(tags: Readonly<Record<string, string>>): { key: string; message: string }[] {
  const found: { key: string; message: string }[] = [];
  const keys = Object.keys(tags);
  if (keys.length > TAGS.perResource) found.push({ key: "", message: `has ${keys.length} tags; AWS allows at most ${TAGS.perResource} per resource (with the Name tag and default tags): drop some` });
  for (const key of keys) {
    if (key.length === 0 || key.length > TAGS.keyMax) found.push({ key, message: `tag key "${key.slice(0, 40)}" is ${key.length} characters; keys are 1 to ${TAGS.keyMax}: shorten it` });
    if (key.toLowerCase().startsWith(TAGS.reservedPrefix)) found.push({ key, message: `tag key "${key}" starts with "${TAGS.reservedPrefix}", which AWS reserves for its own tags: rename it` });
    if (tags[key].length > TAGS.valueMax) found.push({ key, message: `the value of tag "${key}" is ${tags[key].length} characters; values are at most ${TAGS.valueMax}: shorten it` });
  }
  return found;
}

/** S3 bucket names: length and characters (the reserved forms are `reservedBucketNameProblem`). */
export const BUCKET_NAME = textRule("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", "an S3 bucket name: 3 to 63 lower-case letters, digits, . and -, starting and ending with a letter or digit");

/** Bucket names S3 refuses although their characters are fine, or undefined. */
export function reservedBucketNameProblem(name: string): string | undefined {
  if (name.includes("..")) return 'may not contain ".." (two dots in a row)';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "may not look like an IP address: pick a name";
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) if (name.startsWith(prefix)) return `may not start with "${prefix}", which S3 reserves: rename it`;
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) if (name.endsWith(suffix)) return `may not end with "${suffix}", which S3 reserves: rename it`;
  return undefined;
}

/** Why an S3 bucket name breaks AWS's naming rules, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  return BUCKET_NAME.problem(name) ?? reservedBucketNameProblem(name);
}

/** Why an S3 object key for the state breaks what Terraform and S3 handle well, or undefined. */
export function stateKeyProblem(key: string): string | undefined {
  if (key.startsWith("/") || key.endsWith("/")) return `"${key}" starts or ends with "/": write the key without them, e.g. vpc-peering/lab.tfstate`;
  if (key.includes("//")) return `"${key}" has an empty path segment ("//"): remove it`;
  if (key.length > 1024) return `is ${key.length} characters; S3 keys are at most 1024`;
  return undefined;
}

/** Log group names AWS refuses beyond the character set: the `aws/` prefix is AWS's own. */
export function logGroupNameProblem(name: string): string | undefined {
  const chars = NAMES.logGroup.problem(name);
  if (chars) return chars;
  if (name.startsWith("aws/")) return 'may not start with "aws/", which CloudWatch Logs reserves for AWS services: rename it';
  return undefined;
}

/** The region an availability zone belongs to (`us-west-2a` → `us-west-2`). */
export function regionOfAvailabilityZone(az: string): string {
  return az.replace(/[a-z]$/, "");
}

/**
 * Fields of a custom flow-log record format, by the version that added them (VPC User Guide,
 * "Flow log records": v2 default fields, v3-v5 and v7-v8 additions).
 */
export const FLOW_LOG_FIELDS: readonly string[] = [
  // v2
  "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status",
  // v3
  "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
  // v4
  "region", "az-id", "sublocation-type", "sublocation-id",
  // v5
  "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
  // v7
  "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id",
  "ecs-service-name", "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id",
  // v8
  "reject-reason",
];

/** Why a flow-log S3 folder breaks what delivery accepts, or undefined (`AWSLogs` is the service's own folder). */
export function flowLogKeyPrefixProblem(prefix: string): string | undefined {
  const parts = prefix.replace(/^\/+|\/+$/g, "").split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return `"${prefix}" has an empty, "." or ".." folder: write folders separated by single "/"`;
  if (parts[0] === "AWSLogs") return `"${prefix}" starts with AWSLogs, the folder flow-log delivery writes under itself: pick another folder name`;
  return undefined;
}

/** Why each `${field}` of a custom flow-log format is not a flow-log field, with the nearest one. */
export function flowLogFieldProblems(format: string): string[] {
  const unknown = [...format.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((m) => m[1]).filter((f) => !FLOW_LOG_FIELDS.includes(f));
  return unknown.map((field) => {
    const near = closest(field, [...FLOW_LOG_FIELDS]);
    return `\${${field}} is not a flow-log field${distance(field, near) <= 3 ? `: did you mean \${${near}}?` : ": see the VPC User Guide's list of flow-log record fields"}`;
  });
}

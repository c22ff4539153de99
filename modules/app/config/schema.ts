import { z } from "zod";
import { parseCidr } from "../../core/cidr";
import {
  BUCKET_NAME,
  DEFAULT_FLOW_LOG_RETENTION_DAYS,
  FLOW_LOG_TRAFFIC_TYPES,
  ID,
  KEY,
  LOG_RETENTION_DAYS,
  logGroupNameProblem,
  NAMES,
  QUOTAS,
  TRANSIT_GATEWAY_ASN,
  RECORD_TTL,
  DEFAULT_RECORD_TTL,
  reservedBucketNameProblem,
  flowLogFieldProblems,
  flowLogKeyPrefixProblem,
  stateKeyProblem,
  tagProblems,
  TextRule,
} from "../../core/limits";
import { OBJECT_MEMBER_NAMES } from "../../core/names";
import { regionProblem } from "../../core/regions";
import { VALUE_RECORD_TYPES } from "../../core/dns";
import { SPLIT_MODES } from "../../core/split";
import { DEFAULT_ENDPOINT_PORT, ENDPOINT_SERVICE, GATEWAY_ENDPOINT_SERVICES } from "../../core/endpoints";

// Every pattern and range below comes from core/limits.ts, the one definition the constructs and
// module-mode variable validations use too.
const text = (rule: TextRule, message = `must be ${rule.expected}`) => z.string().regex(rule.pattern, message);
/** Keys of vpcs/accounts: they become parts of construct ids, output and variable names. */
const key = (what: string) =>
  text(KEY, `${what} keys start with a letter: letters, digits, _ and -`).refine((k) => !OBJECT_MEMBER_NAMES.has(k), {
    message: `${what} keys may not be JavaScript object member names (constructor, toString, __proto__, ...): rename the key`,
  });

// The topology file's shape. Field-level rules live here; rules that relate fields to each other
// (unknown VPC keys, overlapping CIDRs, ...) live in ../planning/validate.ts.

const ipv4Cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value, 4);
  if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
});
const ipv6Cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value, 6);
  if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
});

const awsRegion = z.string().superRefine((value, ctx) => {
  // AWS's region list, shipped in core/regions.ts: an unknown region names the nearest real one.
  const problem = regionProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const tags = z
  .record(z.string(), z.string())
  .superRefine((value, ctx) => {
    for (const p of tagProblems(value)) ctx.addIssue({ code: "custom", message: p.message, path: p.key ? [p.key] : [] });
  })
  .describe("Tags added to every resource that supports them (keys ≤ 128, values ≤ 256 characters, no aws: prefix)");

/** A route table is named by id (`rtb-...`) or by its Name tag. */
export const routeTableRefSchema = z.union([
  z.string().min(1),
  z.strictObject({ id: text(ID.routeTable) }),
  z.strictObject({ name: z.string().min(1) }),
], { error: "must be a route table id (rtb-...), a Name tag, {id: rtb-...} or {name: ...}" });

const subnetRef = z.string().min(1).describe("A subnet id (subnet-...) or Name tag");

/** The VPC the stack creates instead of looking one up; `cidr` is its primary block. */
export const createVpcSchema = z.strictObject({
  subnets: z.array(z.strictObject({
    cidr: ipv4Cidr.describe("Subnet CIDR, inside the VPC's blocks"),
    az: text(NAMES.availabilityZone),
    name: z.string().min(1).optional().describe("Name tag; default <vpc key>-<az>-<index>"),
  })).default([]),
  routeTableName: z.string().min(1).optional().describe("Name tag of the route table created for the subnets; default <vpc key>-rtb"),
  restrictDefaultSecurityGroup: z.boolean().default(true)
    .describe("Take over the VPC's default security group and remove its rules, so nothing placed in it by default is reachable (CKV2_AWS_12). Set false to keep AWS's default rules (all traffic from members of the group, all egress)"),
});

export const vpcSchema = z
  .strictObject({
    id: text(ID.vpc).optional()
      .describe("Id of an existing VPC. Give exactly one of id, name or create."),
    name: z.string().min(1).optional().describe("Name tag of an existing VPC to look up"),
    matchTags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "give at least one tag").optional()
      .describe("Tags of an existing VPC to look up (all must match, and exactly one VPC): e.g. {Environment: prod, Tier: shared}"),
    create: createVpcSchema.optional().describe("Create this VPC (with DNS support and hostnames on) instead of looking it up"),
    account: z.string().min(1).optional().describe("Key in accounts of the account owning the VPC; default the default provider's account"),
    external: z.strictObject({
      accountId: text(ID.account).describe("12-digit id of the account that owns the VPC"),
    }).optional().describe("A VPC of an account the stack does not manage (give id and cidr): nothing is looked up or changed in it; a peering with it is only requested (it is the accepter) or only accepted (it is the requester)"),
    cidr: ipv4Cidr.describe("Primary IPv4 CIDR block the VPC must have (checked at plan time), or creates"),
    secondaryCidrs: z.array(ipv4Cidr).default([]).describe("Secondary IPv4 blocks; peers get routes to them too"),
    ipv6Cidrs: z.array(ipv6Cidr).default([]).describe("IPv6 blocks; peers get IPv6 routes to them"),
    region: awsRegion.optional().describe("Region of the VPC; defaults to the top-level region"),
    routeTables: z.array(routeTableRefSchema).default([])
      .describe("Route tables that get routes to every peer"),
    subnets: z.array(subnetRef).default([])
      .describe("Subnets whose (explicitly associated) route tables get routes to every peer"),
    discoverRouteTables: z.union([
      z.literal("all"),
      z.strictObject({ tags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "give at least one tag") }),
    ], { error: 'must be "all" or {tags: {...}}' }).optional()
      .describe('Find the route tables at plan time instead of listing them: "all" (every table of the VPC, the main one included) or {tags: {...}} (tables carrying these tags); a table added later gets routes on the next apply'),
    routeTo: z.strictObject({
      include: z.array(z.string()).optional().describe("Only these blocks (or narrower ranges inside them) are routed to from peers"),
      exclude: z.array(z.string()).default([]).describe("Blocks of this VPC peers get no route to"),
    }).optional().describe("Which of this VPC's blocks its peers route to; default all of them"),
    securityGroups: z.array(text(ID.securityGroup)).default([])
      .describe("Security groups of this VPC that admit peers on a peering's securityRules ports"),
    networkAcl: z.strictObject({
      id: text(ID.networkAcl),
      ruleNumberBase: z.number().int().min(QUOTAS.naclRuleNumber.min).max(QUOTAS.naclRuleNumber.max).default(1000)
        .describe("First rule number used for peer rules; numbers count up from here per direction"),
    }).optional().describe("The custom network ACL of the VPC's peered subnets; gets rules both ways for securityRules"),
  })
  .refine((v) => [v.id, v.name, v.matchTags, v.create].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of id (vpc-...), name (the VPC's Name tag), matchTags (tags it carries) or create (a VPC the stack creates)",
  });

export const accountSchema = z.strictObject({
  id: text(ID.account),
  roleArn: text(ID.roleArn)
    .describe("Role the stack assumes to manage this account's side (its provider's assume_role)"),
  externalId: z.string().min(2).max(1224).optional(),
  sessionName: z.string().regex(/^[\w+=,.@-]{2,64}$/, "2-64 characters: letters, digits and +=,.@_-").optional(),
});

const portSpec = z.string().regex(
  /^(all|icmp|icmpv6|(tcp|udp)\/\d{1,5}(-\d{1,5})?)$/,
  'must be "tcp/443", "udp/53", "tcp/8000-8099", "icmp", "icmpv6" or "all"',
);

export const securityRulesSchema = z.strictObject({
  ports: z.array(portSpec).min(1, 'list at least one port, e.g. "tcp/443"'),
  allowInto: z.array(z.enum(["requester", "accepter"])).min(1).default(["requester", "accepter"])
    .describe("Sides that accept connections from the other side"),
  source: z.enum(["auto", "cidr"]).default("auto")
    .describe("auto: reference the peer's security groups when both VPCs share a region, else its CIDRs"),
  requesterSecurityGroups: z.array(text(ID.securityGroup)).optional()
    .describe("Overrides vpcs.<requester>.securityGroups for this peering"),
  accepterSecurityGroups: z.array(text(ID.securityGroup)).optional()
    .describe("Overrides vpcs.<accepter>.securityGroups for this peering"),
});

const dnsResolution = z.union([
  z.boolean(),
  z.strictObject({ requester: z.boolean().default(false), accepter: z.boolean().default(false) }),
], { error: "must be true, false, or {requester: true|false, accepter: true|false}" });

/** A Terraform timeout: Go duration syntax, e.g. 30m, 1h30m, 90s. */
const duration = z.string().regex(/^(\d+(\.\d+)?(h|m|s|ms))+$/, "must be a duration such as 30m, 1h or 90s");

/** One side's choice of tables for a peering (peerings[].routeTables.<side>). */
const routeTableChoice = z.union([
  z.array(z.string().min(1)),
  z.strictObject({
    tags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "give at least one tag")
      .describe("The side's discovered tables that also carry all these tags"),
  }),
], { error: "must be a list of route tables ([] for none) or {tags: {...}}" });

export const peeringSchema = z.strictObject({
  name: z.string().min(1).max(255).describe("Name tag of the peering connection"),
  requester: z.string().min(1).describe("Key of the requester VPC in vpcs"),
  accepter: z.string().min(1).describe("Key of the accepter VPC in vpcs"),
  allowRemoteVpcDnsResolution: dnsResolution.default(false)
    .describe("Resolve the peer's private DNS names to private IPs: true for both sides, or per side"),
  securityRules: securityRulesSchema.optional().describe("Security-group and network-ACL rules that let the peers talk"),
  tags: tags.default({}),
  connection: z.union([
    z.strictObject({ id: text(ID.peeringConnection) }),
    z.strictObject({ tags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "give at least one tag") }),
  ], { error: "must be {id: pcx-...} or {tags: {Name: ...}}" }).optional()
    .describe("When the requester is external: the request its account made, which this stack accepts (by id, or found by tags)"),
  timeouts: z.strictObject({
    create: duration.optional(),
    update: duration.optional(),
    delete: duration.optional(),
  }).optional().describe("How long Terraform waits for the connection and its acceptance (Go durations such as 30m); inter-region and cross-account acceptance can take longer than the default"),
  routeTimeouts: z.strictObject({ create: duration.optional(), update: duration.optional(), delete: duration.optional() }).optional()
    .describe("How long Terraform waits for each of this peering's routes (aws_route timeouts, Go durations such as 5m); default the provider's (5m create, 2m update, 5m delete)"),
  routeTables: z.strictObject({
    requester: routeTableChoice.optional(),
    accepter: routeTableChoice.optional(),
  }).optional().describe("Which of each side's route tables get this peering's routes: a list (ids or Name tags, as listed under vpcs.<k>.routeTables; [] for none on that side: one-way), or {tags} for a side that discovers its tables (those of them carrying the tags too); default all"),
  accepted: z.boolean().optional()
    .describe("When the accepter is external: true once its account accepted the request; then the requester's routes and DNS option are made (AWS refuses them on a pending connection)"),
});

export const meshSchema = z.strictObject({
  topology: z.enum(["full", "hub-and-spoke"]).describe("full: every pair; hub-and-spoke: the hub with each spoke only"),
  hub: z.string().min(1).optional().describe("Key of the hub VPC (hub-and-spoke only); it requests every peering"),
  vpcs: z.array(z.string().min(1)).optional().describe("Keys of the VPCs in the mesh; default every VPC"),
  namePattern: z.string().min(1).default("{requester}-{accepter}")
    .describe("Name of each peering; {requester} and {accepter} are replaced by the VPC keys"),
  allowRemoteVpcDnsResolution: dnsResolution.default(false),
  securityRules: securityRulesSchema.optional(),
  tags: tags.default({}),
  timeouts: z.strictObject({ create: duration.optional(), update: duration.optional(), delete: duration.optional() }).optional()
    .describe("Timeouts of every mesh peering (see peerings[].timeouts)"),
  routeTimeouts: z.strictObject({ create: duration.optional(), update: duration.optional(), delete: duration.optional() }).optional()
    .describe("Timeouts of every mesh peering's routes (see peerings[].routeTimeouts)"),
});


export const flowLogsSchema = z.strictObject({
  vpcs: z.array(z.string().min(1)).optional().describe("Keys of the VPCs to log; default: every VPC"),
  trafficType: z.enum(FLOW_LOG_TRAFFIC_TYPES, { error: "must be ALL, ACCEPT or REJECT (upper case)" }).default("ALL"),
  maxAggregationInterval: z.union([z.literal(60), z.literal(600)]).default(600),
  logGroup: z.strictObject({
    name: z.string().superRefine((value, ctx) => {
      const problem = logGroupNameProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    create: z.boolean().default(true).describe("Create the group (true) or use an existing one (false)"),
    retentionInDays: z.number().refine((d) => LOG_RETENTION_DAYS.problem(d) === undefined, {
      message: `must be ${LOG_RETENTION_DAYS.expected}`,
    }).optional().describe(`Days a created group keeps flow-log records; default ${DEFAULT_FLOW_LOG_RETENTION_DAYS}`),
    kmsKeyId: z.string().min(1).optional().describe("KMS key ARN to encrypt the created group"),
    createKmsKey: z.boolean().optional().describe("Default true for a created group: create a customer-managed KMS key (rotation on) for the created group, usable by CloudWatch Logs for this group only (CKV_AWS_158). Ignored with kmsKeyId. Set false for CloudWatch Logs' own encryption: no key to pay for, but no key policy or record of who decrypts"),
  }).optional().describe("CloudWatch Logs destination: one group of this name in each account and region with logged VPCs (give role with it)"),
  role: z.strictObject({
    name: text(NAMES.iamRole),
    create: z.boolean().default(true).describe("Create the role (true) or use an existing one by name (false)"),
  }).optional().describe("The role CloudWatch Logs delivery assumes, one per account"),
  s3: z.strictObject({
    bucketArn: z.string().regex(/^arn:aws[\w-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket ARN such as arn:aws:s3:::flow-logs-central").superRefine((value, ctx) => {
      const problem = reservedBucketNameProblem(value.replace(/^arn:[^:]+:s3:::/, ""));
      if (problem) ctx.addIssue({ code: "custom", message: `names a bucket that ${problem}` });
    }),
    keyPrefix: z.string().min(1).superRefine((value, ctx) => {
      const problem = flowLogKeyPrefixProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }).optional().describe("Folder inside the bucket (not AWSLogs, which delivery writes under)"),
    fileFormat: z.enum(["plain-text", "parquet"]).default("plain-text"),
    hiveCompatiblePartitions: z.boolean().default(false).describe("Hive-compatible prefixes (year=/month=/day=)"),
    perHourPartition: z.boolean().default(false).describe("Partition per hour instead of per day"),
  }).optional().describe("S3 destination: one bucket (central for every account and region: its bucket policy must let delivery.logs.amazonaws.com write from them)"),
  firehose: z.strictObject({
    streamArn: z.string().regex(/^arn:aws[\w-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[\w.-]+$/, "must be a Firehose delivery stream ARN such as arn:aws:firehose:us-west-2:123456789012:deliverystream/flow-logs"),
    crossAccountRoleArn: text(ID.roleArn).optional().describe("Role that delivers to a stream in another account"),
  }).optional().describe("Kinesis Data Firehose destination"),
  logFormat: z.string().regex(/^\$\{[a-z0-9-]+\}( \$\{[a-z0-9-]+\})*$/, "must be flow-log fields separated by single spaces, such as ${version} ${srcaddr} ${dstaddr} ${action}").superRefine((value, ctx) => {
    for (const message of flowLogFieldProblems(value)) ctx.addIssue({ code: "custom", message });
  }).optional()
    .describe("Custom record format: fields such as ${version} ${vpc-id} ${srcaddr} ${dstaddr} ${dstport} ${action}; default AWS's format"),
  subnets: z.array(text(ID.subnet)).default([]).describe("Subnet ids to log on their own (default account and region)"),
  networkInterfaces: z.array(text(ID.networkInterface)).default([]).describe("Network interface ids to log on their own (default account and region)"),
});

const loadBalancerTarget = z.strictObject({
  name: text(NAMES.loadBalancer).describe("Name of the load balancer"),
  type: z.enum(["application-or-network", "classic"]).default("application-or-network"),
});

const recordTtl = z.number({ error: "must be a number of seconds" })
  .int(`must be ${RECORD_TTL.expected}`)
  .min(RECORD_TTL.min, `must be ${RECORD_TTL.expected}`)
  .max(RECORD_TTL.max, `must be ${RECORD_TTL.expected}`);

/**
 * One record. What it answers with is exactly one of: `values` (literal values, any type),
 * `target` (a CNAME to a load balancer's name or one host name; the original shape), or `alias`
 * (A/AAAA alias to a load balancer or an interface VPC endpoint). The shape rules are checked in
 * config/dns-checks.ts so each mistake names its own field.
 */
const recordSchema = z.strictObject({
  name: z.string().min(1).describe("Record name, absolute (api.elb.lab.private) or relative to the zone (api.elb)"),
  type: z.enum(VALUE_RECORD_TYPES, { error: `type must be one of ${VALUE_RECORD_TYPES.join(", ")}` }),
  ttl: recordTtl.optional().describe(`Seconds resolvers cache the answer; default ${DEFAULT_RECORD_TTL}. Not for alias records, which take their target's`),
  values: z.array(z.string().min(1)).min(1, "list at least one value").optional()
    .describe("Literal values in Route 53's format: A 10.0.0.10, AAAA fd00::10, CNAME db.example.internal, TXT any text, MX \"10 mail.example.internal\", SRV \"10 5 5432 db.example.internal\", CAA 0 issue \"amazon.com\", PTR a name"),
  target: z.union([
    z.strictObject({ loadBalancer: loadBalancerTarget }),
    z.strictObject({ value: z.string().min(1) }),
  ], { error: "must be {loadBalancer: {name: ...}} or {value: some.host.name}" }).optional()
    .describe("CNAME only: a load balancer's DNS name, or one host name"),
  alias: z.union([
    z.strictObject({ loadBalancer: loadBalancerTarget, evaluateTargetHealth: z.boolean().default(false) }),
    z.strictObject({ vpcEndpoint: z.strictObject({ id: text(ID.vpcEndpoint) }), evaluateTargetHealth: z.boolean().default(false) }),
  ], { error: "must be {loadBalancer: {name: ...}} or {vpcEndpoint: {id: vpce-...}}" }).optional()
    .describe("A/AAAA only: alias to a load balancer or an interface VPC endpoint"),
  setIdentifier: z.string().min(1).max(128).optional()
    .describe("Weighted, failover, latency or geolocation routing: tells apart records with one name and type"),
  weight: z.number().int().min(0).max(255).optional().describe("Weighted routing: this record's share of answers, 0-255"),
  failover: z.enum(["PRIMARY", "SECONDARY"]).optional().describe("Failover routing: the SECONDARY answers while the PRIMARY is unhealthy"),
  latencyRegion: awsRegion.optional().describe("Latency routing: the Region of the resource this record answers with; a query gets the record of the Region with the lowest latency from the querying VPC's Region"),
  geolocation: z.strictObject({
    continent: z.string().optional().describe("AF, AN, AS, EU, NA, OC or SA"),
    country: z.string().optional().describe("ISO 3166 two-letter code, or * for the default record that answers every other location"),
    subdivision: z.string().optional().describe("A subdivision of the country, e.g. WA with country US"),
  }).optional().describe("Geolocation routing: the record answers queries from this location (in a private zone: the Region of the querying VPC)"),
  healthCheckId: z.string().min(1).optional().describe("Id of the Route 53 health check that decides this record's health"),
});

export const privateZoneSchema = z.strictObject({
  name: z.string().min(1).max(1024).describe("Zone name, e.g. lab.private"),
  vpc: z.string().min(1).describe("Key of the VPC the zone is created in"),
  additionalVpcs: z.array(z.string().min(1)).default([]).describe("Keys of more VPCs to associate"),
  comment: z.string().optional(),
  records: z.array(recordSchema).default([]),
});

/**
 * A VPC endpoint. Field-level rules here; what relates fields to each other and to other
 * endpoints (gateway services, route tables, subnets, centralized sharing) is core/endpoints.ts,
 * applied by config/endpoint-checks.ts and by the constructs alike.
 */
export const endpointSchema = z.strictObject({
  vpc: z.string().min(1).describe("Key of the VPC the endpoint is in"),
  service: z.string().regex(ENDPOINT_SERVICE, "must be the part after com.amazonaws.<region>., such as s3, dynamodb, ssm or ecr.api")
    .describe("The AWS service: the part after com.amazonaws.<region>. (s3, dynamodb, ssm, ecr.api, ...)"),
  type: z.enum(["gateway", "interface"], { error: "must be gateway or interface" })
    .describe(`gateway (${GATEWAY_ENDPOINT_SERVICES.join(" and ")} only): AWS routes the service's prefix list to it in the VPC's route tables, and only that VPC can use it (not its peers). interface: network interfaces in subnets behind a security group, reachable from peered VPCs`),
  routeTables: z.array(z.string().min(1)).optional()
    .describe("Gateway: the route tables that get the route to the service's prefix list, as listed under vpcs.<k>.routeTables (Name tag or id); one gateway endpoint per service per table. Default: all of the VPC's route tables (listed or discovered)"),
  subnets: z.array(z.string().min(1)).optional()
    .describe("Interface: subnets for the endpoint's network interfaces, one per availability zone (ids or Name tags in the VPC; checked at plan time)"),
  port: z.number().int().min(1).max(65535).optional()
    .describe(`Interface: the port the endpoint's security group admits from the VPC and the VPCs in sharedWith; default ${DEFAULT_ENDPOINT_PORT}`),
  privateDnsEnabled: z.boolean().optional()
    .describe("Interface: AWS's private DNS for the service's default name inside the VPC; default true, and false (required) when sharedWith is given"),
  sharedWith: z.array(z.string().min(1)).optional()
    .describe("Interface, centralized: keys of peered VPCs (spokes) that use this endpoint: each gets the private zone <service>.<region>.amazonaws.com (an alias to the endpoint, made in this VPC's account) and is admitted by its security group; spokes need DNS support and hostnames on, and no endpoint of their own for the service"),
  policy: z.union([z.record(z.string(), z.unknown()), z.string().min(1)], { error: "must be a policy document (an object with Statement) or its JSON text" }).optional()
    .describe("The endpoint policy (an IAM policy document). Default: full access (any principal, action and resource of the service; IAM and bucket policies still apply). Example for S3: {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: '*', Action: [s3:GetObject], Resource: [arn:aws:s3:::my-bucket/*]}]}"),
});

/**
 * A transit gateway: a connection kind beside peering for a group of VPCs. Field-level rules
 * here; what relates fields (one attachment per VPC, known route tables, conflicts in a table,
 * quotas) is core/transit.ts, applied by config/transit-checks.ts and by the constructs alike.
 */
export const transitGatewaySchema = z.strictObject({
  name: z.string().min(1).max(255).describe("Short name of the gateway: Name tag, construct ids, outputs and the report (e.g. core)"),
  existing: z.union([
    z.strictObject({ id: text(ID.transitGateway) }),
    z.strictObject({ tags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "give at least one tag") }),
  ], { error: "must be {id: tgw-...} or {tags: {Key: value}}" }).optional()
    .describe("Use an existing transit gateway (in the stack's region and account), found by id or tags (exactly one must match); this stack adds its route tables and attachments to it. Default: the stack creates the gateway, with AWS's default route table association and propagation off"),
  amazonSideAsn: z.number().int().optional()
    .describe(`Created gateway: private ASN of the Amazon side (${TRANSIT_GATEWAY_ASN.ranges.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")}); default ${TRANSIT_GATEWAY_ASN.default}`),
  description: z.string().min(1).max(255).optional().describe("Created gateway: its description; default \"<name>, routed by its own route tables\""),
  region: awsRegion.optional()
    .describe("Region of the gateway; default the top-level region. It attaches VPCs of its own region; gateways of two regions are joined with peerWith"),
  peerWith: z.array(z.strictObject({
    gateway: z.string().min(1).describe("Name of the other transit gateway (usually in another region); it accepts the peering in its own region"),
    routeTable: z.string().min(1).describe("This gateway's route table the peering attachment is associated with: traffic from the peer is looked up in it, and it gets static routes to every block the peer's table leads to (peering attachments do not propagate)"),
    peerRouteTable: z.string().min(1).describe("The other gateway's route table, the same on its side"),
  })).default([])
    .describe("TGW peerings this gateway requests: a peering attachment to the other gateway, accepted there, associated with one route table on each side, with static routes on both sides to the other side's VPC blocks; attached VPCs whose table is that table route those blocks to their gateway. Default none"),
  sharing: z.enum(["invitation", "organization"], { error: "must be invitation or organization" }).default("invitation")
    .describe("How the gateway reaches VPCs of other accounts (vpcs.<k>.account): it is shared through a RAM resource share made in the gateway's account, and each VPC's account creates its attachment, which the gateway's account accepts. invitation (default): the share allows external principals and each other account accepts the share's invitation (aws_ram_resource_share_accepter), which works for any accounts. organization: the accounts are in one AWS Organization with RAM sharing enabled, so the share is limited to the organization and no invitation is sent"),
  routeTables: z.array(z.strictObject({
    name: z.string().min(1).max(255).describe("Name of the TGW route table within the gateway (Name tag <gateway>-<name>)"),
    routes: z.array(z.strictObject({
      destination: z.string().min(1).describe("CIDR block the route is for"),
      vpc: z.string().min(1).optional().describe("Key of the attached VPC the traffic goes to"),
      blackhole: z.boolean().optional().describe("true: drop the traffic (isolation, e.g. dev's blocks in prod's table)"),
    })).default([]).describe("Static routes: to an attached VPC, or blackholes; a static route wins over a propagated one for the same prefix"),
  })).min(1, "declare at least one route table: every attachment is associated with one")
    .describe("TGW route tables: an attachment's traffic is looked up in the table it is associated with, which holds the blocks propagated to it and its static routes"),
  attachments: z.array(z.strictObject({
    vpc: z.string().min(1).describe("Key of the attached VPC (one attachment per VPC per gateway), in the gateway's region; a VPC of another account (vpcs.<k>.account) is attached through a RAM share of the gateway (see sharing)"),
    subnets: z.array(z.string().min(1)).describe("Subnets for the attachment, one per availability zone: ids (subnet-...) or Name tags in the VPC (a created VPC's subnets by name); the gateway reaches only the zones it has a subnet in. Checked at plan time: in the VPC, one per zone"),
    routeTable: z.string().min(1).describe("The TGW route table the VPC's traffic is looked up in (its association)"),
    propagateTo: z.array(z.string().min(1)).default([]).describe("TGW route tables that learn the VPC's blocks (propagation); default none"),
    vpcRoutes: z.boolean().default(true).describe("Route every route table of the VPC to the gateway for each block its TGW route table leads to (other VPCs' blocks, not blackholes); default true. Checked with the peering routes: one route per destination in a table, the route quota"),
  })).default([]).describe("VPC attachments"),
});

const s3Backend = z.strictObject({
  type: z.literal("s3"),
  bucket: text(BUCKET_NAME).superRefine((value, ctx) => {
    const problem = reservedBucketNameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  key: z.string().min(1).superRefine((value, ctx) => {
    const problem = stateKeyProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  region: awsRegion,
  kmsKeyId: z.string().min(1).optional().describe("An existing KMS key (ARN, id or alias) for the state objects and the state bucket's default encryption; default: a key the state stack creates (see createKmsKey)"),
  createKmsKey: z.boolean().optional().describe("Default true when the state stack creates the bucket and kmsKeyId is not given: it creates a customer-managed key (rotation on) with the alias alias/terraform-state/<bucket>, the bucket encrypts with it by default and every stack's backend names it (CKV_AWS_145). false: SSE-S3 (AES256), no key to pay for or administer"),
  accessLogs: z.union([
    z.strictObject({
      bucket: text(BUCKET_NAME).describe("Existing bucket that receives the state bucket's server access logs"),
      prefix: z.string().min(1).optional().describe("Key prefix of the log objects; default <state bucket>/"),
    }),
    z.literal(false),
  ]).optional().describe("Server access logging for the state bucket the state stack creates: who read or wrote the state (CKV_AWS_18). Default: the state stack also creates <state bucket>-logs for them (SSE-S3, the only default encryption S3 log delivery takes; kept a year). {bucket, prefix}: an existing bucket. false: no access logs"),
  preventDestroy: z.boolean().optional().describe("Terraform refuses to destroy the state bucket the state stack creates (prevent_destroy); set false, synthesize and empty the bucket to remove it on purpose. Default true"),
  workspaceKeyPrefix: z.string().regex(/^[\w.:-]+(\/[\w.:-]+)*$/, 'must be letters, digits and . : _ -, in segments separated by "/" (no leading or trailing "/"), e.g. env:').optional().describe("Key prefix for non-default workspaces; Terraform's default is env:"),
  assumeRole: z
    .strictObject({
      roleArn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/terraform-state"),
      sessionName: z.string().min(2).max(64).optional(),
      externalId: z.string().min(2).max(1224).optional(),
    })
    .optional()
    .describe("Role Terraform assumes to read and write the state"),
  endpoint: z.url().optional().describe("S3 endpoint override (S3-compatible store or a local test server)"),
  usePathStyle: z.boolean().optional(),
  skipCredentialsValidation: z.boolean().optional(),
});

const cloudBackend = z
  .strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1).optional().describe("HCP Terraform organization; default: the TF_CLOUD_ORGANIZATION environment variable"),
    hostname: z.string().min(1).optional().describe("Terraform Enterprise host; default app.terraform.io"),
    workspaces: z
      .union([
        z.strictObject({ name: z.string().min(1).max(90).regex(/^[\w-]+$/, "may contain only letters, digits, _ and -") }),
        z.strictObject({ tags: z.array(z.string().min(1)).min(1, "list at least one tag") }),
      ])
      .optional()
      .describe("One workspace by name, or every workspace with all these tags; default: the TF_WORKSPACE environment variable"),
    project: z.string().min(1).optional().describe("HCP Terraform project of the workspace(s)"),
  })
  .refine((b) => b.project === undefined || b.workspaces !== undefined, {
    path: ["project"],
    message: "needs workspaces (name or tags) beside it; when the workspace comes from TF_WORKSPACE set TF_CLOUD_PROJECT instead",
  });

export const backendSchema = z.discriminatedUnion("type", [
  s3Backend,
  cloudBackend,
  z.strictObject({ type: z.literal("local"), path: z.string().min(1).optional() }),
], { error: (issue) => (issue.code === "invalid_union" ? "type must be one of s3, cloud, local" : undefined) });

export const quotasSchema = z.strictObject({
  routesPerRouteTable: z.number().int().min(1).max(QUOTAS.routesPerRouteTable.max).default(QUOTAS.routesPerRouteTable.default)
    .describe("Routes per route table in your account (Service Quotas; AWS default 50)"),
  peeringsPerVpc: z.number().int().min(1)
    .max(QUOTAS.peeringsPerVpc.max, `AWS allows at most ${QUOTAS.peeringsPerVpc.max} active peerings per VPC even after an increase: use ${QUOTAS.peeringsPerVpc.max} or less`)
    .default(QUOTAS.peeringsPerVpc.default)
    .describe("Active peerings per VPC in your account (AWS default 50, adjustable up to 125)"),
});

const topologyFields = z.strictObject({
  $schema: z.string().optional(),
  stack: text(KEY, "must start with a letter and contain only letters, digits, _ and -")
    .max(64, "is longer than 64 characters: a stack name becomes a directory and a Terraform workspace name, shorten it")
    .describe("Stack name: the directory under cdktf.out/stacks"),
  region: awsRegion.describe("Default region of the AWS provider"),
  accountId: text(ID.account).optional()
    .describe("12-digit id of the account the default provider must run in: pins allowed_account_ids so credentials for another account fail before any change"),
  tags: tags.default({}),
  backend: backendSchema.describe("Where Terraform keeps state: s3 (default, remote), cloud (HCP Terraform) or local"),
  accounts: z.record(key("account"), accountSchema)
    .default({}).describe("Other AWS accounts, each reached through its own provider (assume_role)"),
  vpcs: z.record(key("VPC"), vpcSchema)
    .refine((v) => Object.keys(v).length >= 2, "declare at least two VPCs to peer"),
  peerings: z.array(peeringSchema).default([]).describe("Explicit pairs; add to (or replace with) mesh"),
  mesh: meshSchema.optional().describe("Peerings implied by a topology over the VPCs"),
  flowLogs: z.union([flowLogsSchema, z.literal(false)]).optional()
    .describe("Flow logs. Default, when the stack creates VPCs: those VPCs log ALL traffic to a created group /vpc-flow-logs/<stack> (a KMS key of its own, 365 days) through a created role <stack>-vpc-flow-logs (CKV2_AWS_11); existing VPCs are left as they are. false: no flow logs at all"),
  privateZones: z.array(privateZoneSchema).default([]),
  dnsQueryLogs: z.strictObject({
    vpcs: z.array(z.string().min(1)).optional().describe("Keys of the VPCs whose DNS queries are logged; default: every VPC the stack manages in its own account and region"),
    name: z.string().min(1).optional().describe("Name of the Resolver query logging configuration; default <stack>-dns-queries"),
    logGroupName: z.string().min(1).optional().describe("CloudWatch Logs group created for the queries; default /route53-resolver/<stack>"),
    retentionInDays: z.number().optional().describe(`Days the group keeps queries; default ${DEFAULT_FLOW_LOG_RETENTION_DAYS}`),
    kmsKeyId: z.string().min(1).optional().describe("An existing KMS key ARN for the group; default: a key created for it"),
    createKmsKey: z.boolean().optional().describe("false: CloudWatch Logs' own encryption instead of a created key"),
  }).optional()
    .describe("DNS query logging (Route 53 Resolver, CKV2_AWS_39): every query the VPCs make, to private zones and public names alike, into a CloudWatch Logs group. Hosted-zone query logging serves public zones only; Resolver query logging is AWS's way for private ones. Default: off"),
  endpoints: z.array(endpointSchema).default([])
    .describe("VPC endpoints: gateway endpoints (S3, DynamoDB) for a VPC's own use, interface endpoints for any service, and centralized interface endpoints in a hub that peered spokes reach (sharedWith)"),
  transitGateways: z.array(transitGatewaySchema).default([])
    .describe("Transit gateways: groups of VPCs connected through a gateway (attachments, TGW route tables with associations, propagations, static and blackhole routes) instead of, or beside, peerings; peering stays the cheaper choice for a few high-traffic pairs. A gateway lives in the default account, in its region (region); VPCs of other accounts attach through a RAM share (sharing), gateways of two regions are joined by a TGW peering (peerWith)"),
  adopt: z.union([
    z.literal(true),
    z.strictObject({
      flowLogIds: z.record(z.string().min(1), text(ID.flowLog)).optional()
        .describe("Ids of existing flow logs by VPC key (AWS offers no lookup for flow logs)"),
    }),
  ]).optional()
    .describe("Take over what was built by hand: import blocks for the existing peering connections, routes, zones, records, log groups and roles (found by their names) so the first apply adopts them instead of failing on duplicates; drop it after that apply"),
  movedFromHashedAddresses: z.boolean().default(false)
    .describe("Write moved blocks from the hashed resource addresses of version 0.1 (aws_route.x_385FDDD8) to today's readable ones, so the first apply after upgrading moves state instead of replacing resources; drop it after that apply"),
  split: z.enum(SPLIT_MODES, { error: `must be one of ${SPLIT_MODES.join(", ")}` }).default("none")
    .describe("Write several stacks instead of one, each with its own state: per-vpc (<stack>-vpc-<key>), per-region (<stack>-region-<region>) or per-account (<stack>-account-<key|default>). Each stack looks up its VPCs and builds what lives on their side (routes, flow logs, zone associations); a peering connection lives in its requester's stack, and the accepter's stack reads its id from that stack's state (terraform_remote_state). Split when one state plans too slowly (see docs/scale.md); default none: one stack"),
  quotas: quotasSchema.default({ routesPerRouteTable: QUOTAS.routesPerRouteTable.default, peeringsPerVpc: QUOTAS.peeringsPerVpc.default })
    .describe("Account quotas the config is checked against"),
});

/** The longest stack name whose default role name `<stack>-vpc-flow-logs` fits IAM's 64 characters. */
const DEFAULT_ROLE_SUFFIX = "-vpc-flow-logs";

/**
 * Flow logs when the config says nothing: every VPC the stack creates logs, because a VPC with
 * no flow log leaves no record of what reached it. Existing VPCs may be logged elsewhere already.
 */
function defaultFlowLogs(config: z.output<typeof topologyFields>): FlowLogsConfig | undefined {
  const created = Object.entries(config.vpcs).filter(([, vpc]) => vpc.create !== undefined && vpc.external === undefined).map(([key]) => key);
  if (created.length === 0) return undefined;
  return flowLogsSchema.parse({
    vpcs: created,
    logGroup: { name: `/vpc-flow-logs/${config.stack}` },
    role: { name: `${config.stack.slice(0, 64 - DEFAULT_ROLE_SUFFIX.length)}${DEFAULT_ROLE_SUFFIX}` },
  });
}

export const topologySchema = topologyFields.transform((config) => ({
  ...config,
  flowLogs: config.flowLogs === false ? undefined : (config.flowLogs ?? defaultFlowLogs(config)),
}));

export type TopologyConfig = z.infer<typeof topologySchema>;
export type TopologyInput = z.input<typeof topologySchema>;
export type VpcConfig = z.infer<typeof vpcSchema>;
export type PeeringConfig = z.infer<typeof peeringSchema>;
export type MeshConfig = z.infer<typeof meshSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type SecurityRulesConfig = z.infer<typeof securityRulesSchema>;
export type CreateVpcConfig = z.infer<typeof createVpcSchema>;
export type FlowLogsConfig = z.infer<typeof flowLogsSchema>;
export type PrivateZoneConfig = z.infer<typeof privateZoneSchema>;
export type EndpointConfig = z.infer<typeof endpointSchema>;
export type TransitGatewayConfig = z.infer<typeof transitGatewaySchema>;
export type RecordConfig = PrivateZoneConfig["records"][number];
export type BackendConfig = z.infer<typeof backendSchema>;
export type QuotasConfig = z.infer<typeof quotasSchema>;
export type RouteTableRef = z.infer<typeof routeTableRefSchema>;
export const VALID_RETENTION_DAYS = LOG_RETENTION_DAYS.allowed ?? [];

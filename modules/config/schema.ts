import { z } from "zod";
import { parseCidr } from "../planning/cidr";

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

const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region code such as us-west-2");

const tags = z.record(z.string(), z.string()).describe("Tags added to every resource that supports them");

/** A route table is named by id (`rtb-...`) or by its Name tag. */
export const routeTableRefSchema = z.union([
  z.string().min(1),
  z.strictObject({ id: z.string().regex(/^rtb-[0-9a-f]+$/, "must be a route table id such as rtb-0123abcd") }),
  z.strictObject({ name: z.string().min(1) }),
]);

export const vpcSchema = z
  .strictObject({
    id: z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id such as vpc-0123abcd").optional()
      .describe("Id of an existing VPC. Give either id or name."),
    name: z.string().min(1).optional().describe("Name tag of an existing VPC to look up"),
    cidr: ipv4Cidr.describe("Primary IPv4 CIDR block the VPC must have (checked at plan time)"),
    secondaryCidrs: z.array(ipv4Cidr).default([]).describe("Secondary IPv4 blocks; peers get routes to them too"),
    ipv6Cidrs: z.array(ipv6Cidr).default([]).describe("IPv6 blocks; peers get IPv6 routes to them"),
    region: awsRegion.optional().describe("Region of the VPC; defaults to the top-level region"),
    routeTables: z.array(routeTableRefSchema).min(1, "list at least one route table (its id or Name tag)")
      .describe("Route tables that get routes to every peer"),
  })
  .refine((v) => (v.id === undefined) !== (v.name === undefined), {
    message: "give exactly one of id (vpc-...) or name (the VPC's Name tag)",
  });

const dnsResolution = z.union([
  z.boolean(),
  z.strictObject({ requester: z.boolean().default(false), accepter: z.boolean().default(false) }),
]);

export const peeringSchema = z.strictObject({
  name: z.string().min(1).max(255).describe("Name tag of the peering connection"),
  requester: z.string().min(1).describe("Key of the requester VPC in vpcs"),
  accepter: z.string().min(1).describe("Key of the accepter VPC in vpcs"),
  allowRemoteVpcDnsResolution: dnsResolution.default(false)
    .describe("Resolve the peer's private DNS names to private IPs: true for both sides, or per side"),
  tags: tags.default({}),
});

const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const flowLogsSchema = z.strictObject({
  vpcs: z.array(z.string().min(1)).optional().describe("Keys of the VPCs to log; default: every VPC"),
  trafficType: z.enum(["ALL", "ACCEPT", "REJECT"], { error: "must be ALL, ACCEPT or REJECT (upper case)" }).default("ALL"),
  maxAggregationInterval: z.union([z.literal(60), z.literal(600)]).default(600),
  logGroup: z.strictObject({
    name: z.string().min(1).max(512).regex(/^[\w\-/.#]+$/, "may contain only letters, digits, _ - / . #"),
    create: z.boolean().default(true).describe("Create the group (true) or use an existing one (false)"),
    retentionInDays: z.number().refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), {
      message: `must be one of ${RETENTION_DAYS.join(", ")}`,
    }).optional(),
    kmsKeyId: z.string().min(1).optional().describe("KMS key ARN to encrypt the created group"),
  }),
  role: z.strictObject({
    name: z.string().min(1).max(64).regex(/^[\w+=,.@-]+$/, "may contain only letters, digits and +=,.@_-"),
    create: z.boolean().default(true).describe("Create the role (true) or use an existing one by name (false)"),
  }),
});

const loadBalancerTarget = z.strictObject({
  name: z.string().min(1).max(32).describe("Name of the load balancer"),
  type: z.enum(["application-or-network", "classic"]).default("application-or-network"),
});

const cnameRecord = z.strictObject({
  name: z.string().min(1).describe("Record name, absolute (api.elb.lab.private) or relative to the zone (api.elb)"),
  type: z.literal("CNAME"),
  ttl: z.number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be from 0 to 2147483647 seconds")
    .max(2147483647, "must be from 0 to 2147483647 seconds")
    .default(300),
  target: z.union([
    z.strictObject({ loadBalancer: loadBalancerTarget }),
    z.strictObject({ value: z.string().min(1) }),
  ]),
});

const aliasRecord = z.strictObject({
  name: z.string().min(1),
  type: z.enum(["A", "AAAA"]),
  alias: z.strictObject({
    loadBalancer: loadBalancerTarget,
    evaluateTargetHealth: z.boolean().default(false),
  }),
});

export const privateZoneSchema = z.strictObject({
  name: z.string().min(1).max(1024).describe("Zone name, e.g. lab.private"),
  vpc: z.string().min(1).describe("Key of the VPC the zone is created in"),
  additionalVpcs: z.array(z.string().min(1)).default([]).describe("Keys of more VPCs to associate"),
  comment: z.string().optional(),
  records: z.array(z.discriminatedUnion("type", [cnameRecord, aliasRecord])).default([]),
});

export const backendSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("s3"),
    bucket: z.string().min(3).max(63),
    key: z.string().min(1),
    region: awsRegion,
    kmsKeyId: z.string().min(1).optional(),
    workspaceKeyPrefix: z.string().min(1).optional(),
    endpoint: z.url().optional().describe("S3 endpoint override (S3-compatible store or a local test server)"),
    usePathStyle: z.boolean().optional(),
    skipCredentialsValidation: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal("local"), path: z.string().min(1).optional() }),
]);

export const quotasSchema = z.strictObject({
  routesPerRouteTable: z.number().int().min(1).max(1000).default(50)
    .describe("Routes per route table in your account (Service Quotas; AWS default 50)"),
  peeringsPerVpc: z.number().int().min(1).max(125).default(50)
    .describe("Active peerings per VPC in your account (AWS default 50, adjustable up to 125)"),
});

export const topologySchema = z.strictObject({
  $schema: z.string().optional(),
  stack: z.string().regex(/^[a-zA-Z][\w-]*$/, "must start with a letter and contain only letters, digits, _ and -")
    .describe("Stack name: the directory under cdktf.out/stacks"),
  region: awsRegion.describe("Default region of the AWS provider"),
  tags: tags.default({}),
  backend: backendSchema.describe("Where Terraform keeps state: s3 (remote) or local"),
  vpcs: z.record(z.string().regex(/^[a-zA-Z][\w-]*$/, "VPC keys start with a letter: letters, digits, _ and -"), vpcSchema)
    .refine((v) => Object.keys(v).length >= 2, "declare at least two VPCs to peer"),
  peerings: z.array(peeringSchema).min(1, "declare at least one peering"),
  flowLogs: flowLogsSchema.optional(),
  privateZones: z.array(privateZoneSchema).default([]),
  quotas: quotasSchema.default({ routesPerRouteTable: 50, peeringsPerVpc: 50 })
    .describe("Account quotas the config is checked against"),
});

export type TopologyConfig = z.infer<typeof topologySchema>;
export type TopologyInput = z.input<typeof topologySchema>;
export type VpcConfig = z.infer<typeof vpcSchema>;
export type PeeringConfig = z.infer<typeof peeringSchema>;
export type FlowLogsConfig = z.infer<typeof flowLogsSchema>;
export type PrivateZoneConfig = z.infer<typeof privateZoneSchema>;
export type RecordConfig = PrivateZoneConfig["records"][number];
export type BackendConfig = z.infer<typeof backendSchema>;
export type QuotasConfig = z.infer<typeof quotasSchema>;
export type RouteTableRef = z.infer<typeof routeTableRefSchema>;
export const VALID_RETENTION_DAYS = RETENTION_DAYS;

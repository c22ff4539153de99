// Route 53: aws_route53_record, aws_route53_zone, aws_route53_zone_association,
// aws_route53_vpc_association_authorization, and data.aws_route53_zone.
import * as net from "net";
import { arnRule, conflictsRule, customRule, enumRule, error, exactlyOneRule, intBetweenRule, isPresent, patternRule, requiredWithRule, str, strLenRule, valueRule } from "./check";
import type { Ledger } from "./ledger";
import type { Obj, Rule, Skipped } from "./types";

const RECORD = "internal/service/route53/record.go";
const ZONE = "internal/service/route53/zone.go";
const ZONE_ASSOC = "internal/service/route53/zone_association.go";
const AUTH = "internal/service/route53/vpc_association_authorization.go";
const ZONE_DS = "internal/service/route53/zone_data_source.go";
const RESOLVER_QLC = "internal/service/route53resolver/query_log_config.go";
const RESOLVER_QLCA = "internal/service/route53resolver/query_log_config_association.go";
const RESOLVER_VALIDATE = "internal/service/route53resolver/validate.go";
const AWS_R53 = "Route 53 ChangeResourceRecordSets API (InvalidChangeBatch); passed through by " + RECORD;
const R = "aws_route53_record";
const RR_TYPES = ["SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"];
const POLICIES = ["cidr_routing_policy", "failover_routing_policy", "geolocation_routing_policy", "geoproximity_routing_policy", "latency_routing_policy", "multivalue_answer_routing_policy", "weighted_routing_policy"];
const REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "sa-east-1", "me-south-1", "me-central-1", "il-central-1", "af-south-1", "mx-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1"];

const fqdn = (s: string) => s.replace(/\.$/, "").toLowerCase();
/** The record's name as Route 53 holds it: relative names are completed with the zone's. */
const recordName = (name: string, zone: string | undefined) => (zone && !fqdn(name).endsWith(fqdn(zone)) && !name.endsWith(".") ? `${fqdn(name)}.${fqdn(zone)}` : fqdn(name));
const values = (o: Obj) => (Array.isArray(o.records) ? (o.records as unknown[]).filter((x): x is string => typeof x === "string") : []);

function zoneName(ledger: Ledger, zoneId: string): string | undefined {
  const id = zoneId.replace(/^\/?hostedzone\//, "");
  const made = ledger.lookup("aws_route53_zone", id);
  if (made) return str(made.values.name);
  const rec = ledger.worldRecords("route53_zones").find((z) => z.id === id || z.zone_id === id);
  return rec ? String(rec.name) : undefined;
}

/** Records this run created in a zone, beside the world's `route53_records`. */
function recordsIn(ledger: Ledger, zoneId: string, selfId: unknown): Obj[] {
  return [
    ...ledger.of(R).filter((r) => r.values.zone_id === zoneId && r.values.id !== selfId).map((r) => r.values),
    ...(ledger.worldRecords("route53_records").filter((r) => r.zone_id === zoneId) as unknown as Obj[]),
  ];
}

/** The VPCs a private zone is associated with: its vpc blocks and associations made this run. */
function zoneVpcs(ledger: Ledger, zoneId: string): string[] {
  const made = ledger.lookup("aws_route53_zone", zoneId);
  const own = made && Array.isArray(made.values.vpc) ? (made.values.vpc as Obj[]).map((v) => String(v.vpc_id)) : [];
  const rec = ledger.worldRecords("route53_zones").find((z) => z.id === zoneId || z.zone_id === zoneId);
  const world = ((rec?.vpc ?? rec?.vpcs ?? []) as Obj[]).map((v) => String(v.vpc_id));
  const assoc = ledger.of("aws_route53_zone_association").filter((a) => a.values.zone_id === zoneId).map((a) => String(a.values.vpc_id));
  return [...own, ...world, ...assoc];
}

export const rules: Rule[] = [
  enumRule({ id: "record.type.enum", type: R, source: RECORD, summary: "type: a Route 53 record type" }, "type", RR_TYPES),
  exactlyOneRule({ id: "record.alias_records.exactly_one", type: R, source: RECORD, summary: "Exactly one of alias, records" }, ["alias", "records"]),
  conflictsRule({ id: "record.ttl.conflicts_alias", type: R, source: RECORD, summary: "ttl conflicts with alias (an alias takes its target's TTL)" }, "ttl", ["alias"]),
  requiredWithRule({ id: "record.records.requires_ttl", type: R, source: RECORD, summary: "records and ttl go together (RequiredWith)" }, "records", ["ttl"]),
  requiredWithRule({ id: "record.ttl.requires_records", type: R, source: RECORD, summary: "ttl needs records (RequiredWith)" }, "ttl", ["records"]),
  ...POLICIES.map((p) => conflictsRule({ id: `record.${p}.conflicts`, type: R, source: RECORD, summary: `${p} conflicts with every other routing policy` }, p, POLICIES.filter((q) => q !== p))),
  ...POLICIES.map((p) => requiredWithRule({ id: `record.${p}.requires_set_identifier`, type: R, source: RECORD, summary: `${p} needs set_identifier (RequiredWith)` }, p, ["set_identifier"])),
  valueRule({ id: "record.zone_id.not_empty", type: R, source: RECORD + " (validation.NoZeroValues)", summary: "zone_id is not empty" }, "zone_id", (v) => (v === "" ? "zone_id must not be empty" : undefined)),
  strLenRule({ id: "record.alias.name.length", type: R, source: RECORD, summary: "alias.name: 1 to 1024 characters" }, "alias.name", 1, 1024),
  strLenRule({ id: "record.alias.zone_id.length", type: R, source: RECORD, summary: "alias.zone_id: 1 to 32 characters" }, "alias.zone_id", 1, 32),
  enumRule({ id: "record.failover_routing_policy.type.enum", type: R, source: RECORD, summary: "failover_routing_policy.type: PRIMARY or SECONDARY" }, "failover_routing_policy.type", ["PRIMARY", "SECONDARY"]),
  enumRule({ id: "record.latency_routing_policy.region.enum", type: R, source: RECORD, summary: "latency_routing_policy.region: a Route 53 region" }, "latency_routing_policy.region", REGIONS),
  intBetweenRule({ id: "record.geoproximity_routing_policy.bias.range", type: R, source: RECORD, summary: "geoproximity_routing_policy.bias: -99 to 99" }, "geoproximity_routing_policy.bias", -99, 99),
  intBetweenRule({ id: "record.weighted_routing_policy.weight.range", type: R, step: "apply", source: AWS_R53, summary: "weighted_routing_policy.weight: 0 to 255" }, "weighted_routing_policy.weight", 0, 255),
  intBetweenRule({ id: "record.ttl.range", type: R, step: "apply", source: AWS_R53, summary: "ttl: 0 to 2147483647" }, "ttl", 0, 2147483647),

  customRule({ id: "record.set_identifier.requires_policy", step: "apply", type: R, source: AWS_R53, summary: "set_identifier only with a routing policy" }, (o) =>
    isPresent(o.set_identifier) && o.set_identifier !== "" && !POLICIES.some((p) => isPresent(o[p]) && o[p] !== false)
      ? [error("Route 53 refused the record", `set_identifier: InvalidInput: a record with SetIdentifier ${String(o.set_identifier)} needs exactly one routing policy (weighted, failover, latency, geolocation, geoproximity, multivalue answer or CIDR), found none.`, ["set_identifier"])]
      : []),
  customRule({ id: "record.cname.single_value", step: "apply", type: R, source: AWS_R53, summary: "A CNAME holds exactly one value" }, (o) =>
    o.type === "CNAME" && values(o).length > 1 ? [error("Route 53 refused the record", `records: InvalidChangeBatch: RRSet of type CNAME with DNS name ${String(o.name)} has ${values(o).length} values; a CNAME holds exactly one.`, ["records"])] : []),
  customRule({ id: "record.cname.apex", step: "apply", type: R, source: AWS_R53, summary: "No CNAME at the zone apex" }, (o, ctx) => {
    const zone = typeof o.zone_id === "string" && ctx.ledger ? zoneName(ctx.ledger, o.zone_id) : undefined;
    return o.type === "CNAME" && zone && typeof o.name === "string" && recordName(o.name, zone) === fqdn(zone)
      ? [error("Route 53 refused the record", `name: InvalidChangeBatch: RRSet of type CNAME with DNS name ${fqdn(zone)}. is not permitted at apex in zone ${fqdn(zone)}.`, ["name"])]
      : [];
  }),
  customRule({ id: "record.name.in_zone", step: "apply", type: R, source: AWS_R53, summary: "The record's name is the zone's name or below it", onCreateOnly: true }, (o, ctx) => {
    const zone = typeof o.zone_id === "string" && ctx.ledger ? zoneName(ctx.ledger, o.zone_id) : undefined;
    if (!zone || typeof o.name !== "string" || !o.name.endsWith(".")) return [];
    const n = fqdn(o.name);
    return n === fqdn(zone) || n.endsWith(`.${fqdn(zone)}`) ? [] : [error("Route 53 refused the record", `name: InvalidChangeBatch: RRSet with DNS name ${n}. is not permitted in zone ${fqdn(zone)}.`, ["name"])];
  }),
  customRule({ id: "record.values.format", step: "apply", type: R, source: AWS_R53, summary: "A values are IPv4 addresses, AAAA values IPv6, TXT strings at most 255 characters" }, (o) => {
    const bad = values(o).find((v) => (o.type === "A" && net.isIP(v) !== 4) || (o.type === "AAAA" && net.isIP(v) !== 6) || ((o.type === "TXT" || o.type === "SPF") && v.split(/"\s*"/).some((part) => part.replace(/^"|"$/g, "").length > 255)));
    return bad !== undefined ? [error("Route 53 refused the record", `records: InvalidChangeBatch: ${o.type === "A" ? "ARRDATAIllegalIPv4Address" : o.type === "AAAA" ? "AAAARRDATAIllegalIPv6Address" : "CharacterStringTooLong"}: value ${JSON.stringify(bad)} is not valid for a ${String(o.type)} record.`, ["records"])] : [];
  }),
  customRule({ id: "record.duplicate", step: "apply", type: R, source: RECORD + " (CREATE unless allow_overwrite; InvalidChangeBatch: already exists)", summary: "No second record with the same name, type and set_identifier (unless allow_overwrite)", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.zone_id !== "string" || typeof o.name !== "string" || !ctx.ledger || o.allow_overwrite === true) return [];
    const zone = zoneName(ctx.ledger, o.zone_id);
    const same = recordsIn(ctx.ledger, o.zone_id, o.id).find((r) => typeof r.name === "string" && recordName(r.name, zone) === recordName(o.name as string, zone) && r.type === o.type && (r.set_identifier ?? "") === (o.set_identifier ?? ""));
    return same ? [error("Route 53 refused the record", `name: InvalidChangeBatch: Tried to create resource record set [name='${recordName(o.name, zone)}.', type='${String(o.type)}'] but it already exists.`, ["name"])] : [];
  }),
  customRule({ id: "record.cname.exclusive", step: "apply", type: R, source: AWS_R53, summary: "A CNAME is the only record at its name", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.zone_id !== "string" || typeof o.name !== "string" || !ctx.ledger) return [];
    const zone = zoneName(ctx.ledger, o.zone_id);
    const here = recordsIn(ctx.ledger, o.zone_id, o.id).filter((r) => typeof r.name === "string" && recordName(r.name, zone) === recordName(o.name as string, zone));
    const clash = here.find((r) => r.type !== o.type && (o.type === "CNAME" || r.type === "CNAME"));
    return clash ? [error("Route 53 refused the record", `name: InvalidChangeBatch: RRSet of type ${String(o.type)} with DNS name ${recordName(o.name, zone)}. is not permitted because a conflicting RRSet of type ${String(clash.type)} with the same DNS name already exists (a CNAME is the only record at its name).`, ["name"])] : [];
  }),

  strLenRule({ id: "zone.comment.length", type: "aws_route53_zone", source: ZONE, summary: "comment: at most 256 characters" }, "comment", 0, 256),
  conflictsRule({ id: "zone.delegation_set_id.conflicts_vpc", type: "aws_route53_zone", source: ZONE, summary: "delegation_set_id conflicts with vpc (private zones have no delegation set)" }, "delegation_set_id", ["vpc"]),
  strLenRule({ id: "zone.name.length", type: "aws_route53_zone", source: ZONE + " (Route 53: a domain name is at most 1024 characters)", summary: "name: at most 1024 characters", step: "apply" }, "name", 1, 1024),
  customRule({ id: "zone.vpc.conflicting_domain", step: "apply", type: "aws_route53_zone", source: "Route 53 CreateHostedZone API (ConflictingDomainExists); passed through by " + ZONE, summary: "One private zone of a name per VPC", onCreateOnly: true }, (o, ctx) => {
    if (typeof o.name !== "string" || !Array.isArray(o.vpc) || !ctx.ledger) return [];
    const mine = (o.vpc as Obj[]).map((v) => String(v.vpc_id));
    const others = [
      ...ctx.ledger.of("aws_route53_zone").filter((z) => z.values.id !== o.id && typeof z.values.name === "string" && fqdn(z.values.name) === fqdn(o.name as string)).map((z) => String(z.values.id)),
      ...ctx.ledger.worldRecords("route53_zones").filter((z) => typeof z.name === "string" && fqdn(z.name) === fqdn(o.name as string)).map((z) => String(z.id ?? z.zone_id)),
    ];
    const clash = others.find((z) => zoneVpcs(ctx.ledger!, z).some((v) => mine.includes(v)));
    return clash ? [error("Route 53 refused the zone", `vpc: ConflictingDomainExists: a private hosted zone named ${fqdn(o.name)} (${clash}) is already associated with one of ${mine.join(", ")}.`, ["vpc"])] : [];
  }),
  customRule({ id: "zone_association.already_associated", step: "apply", type: "aws_route53_zone_association", source: "Route 53 AssociateVPCWithHostedZone API (ConflictingDomainExists); passed through by " + ZONE_ASSOC, summary: "A VPC is associated with a zone once", onCreateOnly: true }, (o, ctx) => {
    const zone = str(o.zone_id);
    const vpc = str(o.vpc_id);
    if (!zone || !vpc || !ctx.ledger) return [];
    const others = zoneVpcs(ctx.ledger, zone).filter((v) => v === vpc).length - (ctx.ledger.of("aws_route53_zone_association").some((a) => a.values.id === o.id) ? 1 : 0);
    return others > 0 ? [error("Route 53 refused the association", `vpc_id: ConflictingDomainExists: VPC ${vpc} is already associated with hosted zone ${zone}.`, ["vpc_id"])] : [];
  }),
  customRule({ id: "zone_association.cross_account.authorization", step: "apply", type: "aws_route53_zone_association", source: "Route 53 AssociateVPCWithHostedZone API (NotAuthorizedException); passed through by " + ZONE_ASSOC, summary: "Associating another account's zone needs its owner's aws_route53_vpc_association_authorization", onCreateOnly: true }, (o, ctx) => {
    const zone = str(o.zone_id);
    const vpc = str(o.vpc_id);
    const made = zone && ctx.ledger ? ctx.ledger.lookup("aws_route53_zone", zone) : undefined;
    if (!zone || !vpc || !made || made.account === ctx.account) return [];
    const authorized = [...ctx.ledger!.of("aws_route53_vpc_association_authorization"), ...[ctx.ledger!.lookup("aws_route53_vpc_association_authorization", `${zone},${vpc}`)].filter((x) => !!x)].some((a) => a!.values.zone_id === zone && a!.values.vpc_id === vpc);
    return authorized ? [] : [error("Route 53 refused the association", `zone_id: NotAuthorizedException: zone ${zone} belongs to account ${made.account}; its owner must first authorize VPC ${vpc} with aws_route53_vpc_association_authorization.`, ["zone_id"])];
  }),
  customRule({ id: "vpc_association_authorization.zone.private", step: "apply", type: "aws_route53_vpc_association_authorization", source: "Route 53 CreateVPCAssociationAuthorization API; passed through by " + AUTH, summary: "Only a private zone can authorize VPC associations", onCreateOnly: true }, (o, ctx) => {
    const zone = str(o.zone_id);
    const made = zone && ctx.ledger ? ctx.ledger.lookup("aws_route53_zone", zone) : undefined;
    return made && !(Array.isArray(made.values.vpc) && made.values.vpc.length > 0) ? [error("Route 53 refused the authorization", `zone_id: InvalidInput: ${zone} is a public hosted zone; VPC association authorizations are for private zones.`, ["zone_id"])] : [];
  }),
  patternRule({ id: "resolver_query_log_config.name.characters", type: "aws_route53_resolver_query_log_config", source: RESOLVER_VALIDATE + " (validResolverName)", summary: "name: letters, digits, spaces, - and _, not digits only" }, "name", /^(?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)$/, "must be letters, digits, spaces, - and _, and not only digits", "lab-dns-queries"),
  strLenRule({ id: "resolver_query_log_config.name.length", type: "aws_route53_resolver_query_log_config", source: RESOLVER_VALIDATE + " (validResolverName)", summary: "name: 1 to 64 characters" }, "name", 1, 64),
  arnRule({ id: "resolver_query_log_config.destination_arn.arn", type: "aws_route53_resolver_query_log_config", source: RESOLVER_QLC, summary: "destination_arn is an ARN" }, "destination_arn"),
  customRule({ id: "resolver_query_log_config.destination_arn.kind", step: "apply", type: "aws_route53_resolver_query_log_config", source: "Route 53 Resolver CreateResolverQueryLogConfig API (InvalidParameterException); passed through by " + RESOLVER_QLC, summary: "destination_arn names a log group, an S3 bucket or a Firehose stream", onCreateOnly: true }, (o) => {
    const d = str(o.destination_arn);
    return d && !/^arn:[\w-]+:(logs:[^:]*:[^:]*:log-group:[^:]+(:\*)?|s3:::[^/]+(\/.*)?|firehose:[^:]*:[^:]*:deliverystream\/.+)$/.test(d)
      ? [error("Route 53 Resolver refused the query logging configuration", `destination_arn: InvalidParameterException: ${d} is not a CloudWatch Logs group, S3 bucket or Firehose delivery stream ARN.`, ["destination_arn"])]
      : [];
  }),
  customRule({ id: "resolver_query_log_config_association.resource_id.vpc", step: "apply", type: "aws_route53_resolver_query_log_config_association", source: "Route 53 Resolver AssociateResolverQueryLogConfig API (InvalidParameterException); passed through by " + RESOLVER_QLCA, summary: "resource_id is a VPC id", onCreateOnly: true }, (o) => {
    const id = str(o.resource_id);
    return id && !/^vpc-[0-9a-f]+$/.test(id) ? [error("Route 53 Resolver refused the association", `resource_id: InvalidParameterException: ${id} is not a VPC id; query logging is associated with VPCs (vpc-...).`, ["resource_id"])] : [];
  }),
  customRule({ id: "resolver_query_log_config_association.duplicate", step: "apply", type: "aws_route53_resolver_query_log_config_association", source: "Route 53 Resolver AssociateResolverQueryLogConfig API (InvalidRequestException: already associated); passed through by " + RESOLVER_QLCA, summary: "A VPC is associated with one query logging configuration once", onCreateOnly: true }, (o, ctx) => {
    if (!ctx.ledger) return [];
    const twin = ctx.ledger.of("aws_route53_resolver_query_log_config_association").some((a) => a.values.id !== o.id && a.values.resource_id === o.resource_id && a.values.resolver_query_log_config_id === o.resolver_query_log_config_id);
    return twin ? [error("Route 53 Resolver refused the association", `resource_id: InvalidRequestException: ${str(o.resource_id)} is already associated with ${str(o.resolver_query_log_config_id)}.`, ["resource_id"])] : [];
  }),
  conflictsRule({ id: "data.route53_zone.zone_id.conflicts_name", type: "data.aws_route53_zone", source: ZONE_DS, summary: "data.aws_route53_zone: zone_id conflicts with name" }, "zone_id", ["name"]),
];

export const skipped: Skipped[] = [
  { id: "record.alias.target_exists", step: "apply", types: [R], source: RECORD, summary: "An alias target must exist in the zone it names (InvalidChangeBatch: Tried to create an alias that targets ...)", why: "load balancer hosted-zone ids come from data sources whose answers are plausible values, not real ones" },
  { id: "record.values.grammar", step: "apply", types: [R], source: RECORD, summary: "MX/SRV/CAA/PTR value grammar", why: "the project checks these formats itself (modules/core); a second copy here would duplicate the project's rule rather than Route 53's documented grammar, which the stand-in cannot consult" },
];

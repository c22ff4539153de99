import type { ConfigProblem } from "../../core/problems";
import type { TopologyConfig } from "./schema";
import { failoverRoleProblem, geolocationKey, geolocationProblems, isReverseZone, normalizeDomain, queryLoggingProblems, recordFqdn, recordValueProblem } from "../../core/dns";
import { error, warning } from "../../core/problems";

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** Why `name` is not a DNS name Route 53 accepts, or undefined. `*` is allowed as the first label of a record. */
export function domainNameProblem(name: string, allowWildcard: boolean): string | undefined {
  const n = normalizeDomain(name);
  if (n.length === 0) return "is empty: give a DNS name such as lab.private";
  if (n.length > 253) return `is ${n.length} characters long; DNS names are at most 253: shorten it`;
  const labels = n.split(".");
  for (const [i, label] of labels.entries()) {
    if (allowWildcard && i === 0 && label === "*") continue;
    if (label.length === 0) return `"${name}" has an empty label (two dots in a row or a leading dot): remove it`;
    if (label.length > 63) return `"${name}" has a label of ${label.length} characters; labels are at most 63: shorten "${label.slice(0, 12)}..."`;
    if (!LABEL.test(label)) return `"${name}" is not a valid DNS name: labels use letters, digits, _ and - and do not start or end with -`;
  }
  return undefined;
}

export function dnsProblems(config: TopologyConfig, known: (key: string, path: string) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const zonesByVpc = new Map<string, string>();
  config.privateZones.forEach((zone, z) => {
    const base = `privateZones[${z}]`;
    const zoneProblem = domainNameProblem(zone.name, false);
    if (zoneProblem) problems.push(error(`${base}.name`, zoneProblem));
    [zone.vpc, ...zone.additionalVpcs].forEach((key, i) => {
      const path = i === 0 ? `${base}.vpc` : `${base}.additionalVpcs[${i - 1}]`;
      if (!known(key, path)) return;
      const id = `${key}|${normalizeDomain(zone.name)}`;
      const first = zonesByVpc.get(id);
      if (first !== undefined) {
        problems.push(error(path, `VPC ${key} is already associated with a zone named ${normalizeDomain(zone.name)} (${first}): a VPC can be associated with one private zone per name, remove one`));
      } else {
        zonesByVpc.set(id, path);
      }
    });

    // Record names are checked against a valid zone name only, or every record would repeat the zone's problem.
    if (zoneProblem) return;
    const records = new Map<string, { type: string; index: number; setIdentifier?: string; failover?: string; policy?: string; location?: string }[]>();
    zone.records.forEach((record, r) => {
      const path = `${base}.records[${r}]`;
      const raw = record.name.trim();
      const fqdn = recordFqdn(zone.name, raw);
      if (raw.endsWith(".") && fqdn !== normalizeDomain(raw)) {
        problems.push(error(`${path}.name`, `"${record.name}" is an absolute name outside zone ${zone.name}: write it relative to the zone or end it in .${normalizeDomain(zone.name)}`));
        return;
      }
      const nameProblem = domainNameProblem(fqdn, true);
      if (nameProblem) {
        problems.push(error(`${path}.name`, nameProblem));
        return;
      }
      if (record.type === "CNAME" && fqdn === normalizeDomain(zone.name)) {
        problems.push(error(`${path}.name`, "a CNAME cannot be at the zone apex: use a name below the zone"));
      }
      problems.push(...recordShapeProblems(record, path));
      if (record.alias !== undefined && record.ttl !== undefined) problems.push(error(`${path}.ttl`, "an alias record takes its target's TTL: remove ttl"));
      if (record.type === "PTR" && !isReverseZone(zone.name)) {
        problems.push(warning(`${path}.type`, `a PTR record in ${zone.name} answers reverse lookups of ${fqdn}, which resolvers ask of in-addr.arpa or ip6.arpa zones only: put it in a reverse zone (e.g. 0.10.in-addr.arpa)`));
      }
      // Route 53: one record set per name and type unless each carries a set identifier
      // (weighted, failover); a CNAME shares its name with no other type.
      const same = records.get(fqdn) ?? [];
      const clash = same.find((s) =>
        s.type === record.type ? s.setIdentifier === undefined || record.setIdentifier === undefined || s.setIdentifier === record.setIdentifier : s.type === "CNAME" || record.type === "CNAME");
      if (clash) {
        problems.push(
          error(
            `${path}.name`,
            clash.type !== record.type
              ? `${fqdn} already has a ${clash.type} record (${base}.records[${clash.index}]); a CNAME cannot share its name with another record: rename one`
              : clash.setIdentifier !== undefined && clash.setIdentifier === record.setIdentifier
                ? `${fqdn} ${record.type} with setIdentifier "${record.setIdentifier}" is already declared at ${base}.records[${clash.index}]: give each weighted or failover record its own setIdentifier`
                : `${fqdn} ${record.type} is already declared at ${base}.records[${clash.index}]: merge or remove one, or give both a setIdentifier with weighted or failover routing`,
          ),
        );
      }
      if (record.failover) {
        const roles = same.filter((s) => s.type === record.type && s.failover !== undefined).map((s) => s.failover!);
        const problem = failoverRoleProblem(roles, record.failover);
        if (problem) problems.push(error(`${path}.failover`, problem));
      }
      // Route 53: the records of one name and type share one routing policy, and geolocation
      // records one location each.
      const policy = routingPolicyOf(record)[0];
      const mixed = policy && same.find((s) => s.type === record.type && s.policy !== undefined && s.policy !== policy);
      if (mixed) problems.push(error(`${path}.${policy}`, `${fqdn} ${record.type} at ${base}.records[${mixed.index}] uses ${mixed.policy} routing; Route 53 takes one routing policy per name and type: use ${mixed.policy} here too`));
      const location = record.geolocation && geolocationKey(record.geolocation);
      const twin = location && same.find((s) => s.type === record.type && s.location === location);
      if (twin) problems.push(error(`${path}.geolocation`, `${fqdn} ${record.type} at ${base}.records[${twin.index}] answers the same location: give each geolocation record its own`));
      same.push({ type: record.type, index: r, setIdentifier: record.setIdentifier, failover: record.failover, policy, location });
      records.set(fqdn, same);
    });
  });
  return problems;
}

type RecordConfig = TopologyConfig["privateZones"][number]["records"][number];

/** The routing-policy fields a record sets (Route 53 takes at most one). */
function routingPolicyOf(record: RecordConfig): string[] {
  return (["weight", "failover", "latencyRegion", "geolocation"] as const).filter((field) => record[field] !== undefined);
}

/** What a record answers with (exactly one of values, target, alias) and its routing policy. */
function recordShapeProblems(record: RecordConfig, path: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const given = (["values", "target", "alias"] as const).filter((k) => record[k] !== undefined);
  if (given.length !== 1) {
    problems.push(error(path, given.length === 0
      ? "give what the record answers with: values (literal values), target (CNAME to a load balancer or host) or alias (A/AAAA to a load balancer or VPC endpoint)"
      : `give only one of ${given.join(", ")}: a record answers with literal values, a CNAME target or an alias`));
  }
  if (record.target !== undefined && record.type !== "CNAME") problems.push(error(`${path}.target`, `is for CNAME records; a ${record.type} record takes values or (A/AAAA) alias`));
  if (record.alias !== undefined && record.type !== "A" && record.type !== "AAAA") problems.push(error(`${path}.alias`, `is for A and AAAA records; a ${record.type} record takes values`));
  if (record.values !== undefined) {
    if (record.type === "CNAME" && record.values.length > 1) problems.push(error(`${path}.values`, "a CNAME answers with one name: list one value"));
    record.values.forEach((value, i) => {
      const problem = recordValueProblem(record.type, value);
      if (problem) problems.push(error(`${path}.values[${i}]`, problem));
    });
  }
  const policy = routingPolicyOf(record);
  if (policy.length > 1) problems.push(error(`${path}.${policy[1]}`, `a record has one routing policy: give one of weight, failover, latencyRegion or geolocation, not ${policy.join(" and ")}`));
  if (policy.length > 0 && record.setIdentifier === undefined) problems.push(error(`${path}.setIdentifier`, `is required with ${policy[0]}: it tells apart the records of one name and type`));
  if (policy.length === 0 && record.setIdentifier !== undefined) problems.push(error(`${path}.setIdentifier`, "only means something with weight, failover, latencyRegion or geolocation: add one, or remove setIdentifier"));
  if (record.healthCheckId !== undefined && policy.length === 0) problems.push(error(`${path}.healthCheckId`, "is used by weighted, failover, latency or geolocation routing: add one, or remove it"));
  if (record.geolocation) problems.push(...geolocationProblems(record.geolocation).map((p) => error(`${path}.geolocation.${p.field}`, p.message)));
  return problems;
}

/** The VPCs whose queries `dnsQueryLogs` logs: those listed, or every managed VPC in the stack's own account and region. */
export function queryLoggedVpcKeys(config: TopologyConfig): string[] {
  const q = config.dnsQueryLogs;
  if (!q) return [];
  return q.vpcs ?? Object.keys(config.vpcs).filter((k) => config.vpcs[k].external === undefined && config.vpcs[k].account === undefined && (config.vpcs[k].region ?? config.region) === config.region);
}

/**
 * `dnsQueryLogs`: one Resolver configuration serves VPCs of one account and region, so the
 * stack logs those in its own; names and retention by the rule the construct applies.
 */
export function dnsQueryLogProblems(config: TopologyConfig, known: (key: string, path: string) => boolean): ConfigProblem[] {
  const q = config.dnsQueryLogs;
  if (!q) return [];
  const problems: ConfigProblem[] = [];
  // Each stack of a split logs its own VPCs under names of its own (default names carry the stack's).
  for (const field of ["name", "logGroupName"] as const) {
    if (config.split !== "none" && q[field] !== undefined) problems.push(error(`dnsQueryLogs.${field}`, `names one ${field === "name" ? "configuration" : "group"} for every stack of split: ${config.split}, which would collide: remove it (each stack then names its own after itself)`));
  }
  q.vpcs?.forEach((key, i) => {
    if (!known(key, `dnsQueryLogs.vpcs[${i}]`)) return;
    const vpc = config.vpcs[key];
    if (vpc.external) problems.push(error(`dnsQueryLogs.vpcs[${i}]`, `"${key}" is external: its account logs its own queries; remove it`));
    else if (vpc.account !== undefined || (vpc.region ?? config.region) !== config.region) {
      problems.push(error(`dnsQueryLogs.vpcs[${i}]`, `"${key}" is in ${vpc.account !== undefined ? `account ${vpc.account}` : `region ${vpc.region}`}; Resolver query logging is per account and region, and this stack logs VPCs in its own (${config.region}): remove it`));
    }
  });
  problems.push(...queryLoggingProblems({ name: q.name, logGroupName: q.logGroupName, retentionInDays: q.retentionInDays, vpcCount: queryLoggedVpcKeys(config).length }, "dnsQueryLogs"));
  if (q.kmsKeyId !== undefined && q.createKmsKey) problems.push(error("dnsQueryLogs.createKmsKey", "and kmsKeyId both choose the group's key: keep kmsKeyId (an existing key) or createKmsKey (a new one)"));
  return problems;
}

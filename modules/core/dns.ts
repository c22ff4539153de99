import * as ipaddr from "ipaddr.js";
import { LOG_RETENTION_DAYS, logGroupNameProblem, NAMES } from "./limits";
import { error, type ConfigProblem } from "./problems";

export function normalizeDomain(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** A record name as Route 53 stores it: absolute names stay, relative ones get the zone appended. */
export function recordFqdn(zoneName: string, recordName: string): string {
  const zone = normalizeDomain(zoneName);
  const name = normalizeDomain(recordName);
  return name === zone || name.endsWith(`.${zone}`) ? name : `${name}.${zone}`;
}

/** Record types a private hosted zone holds with literal values (Route 53's value formats). */
export const VALUE_RECORD_TYPES = ["A", "AAAA", "CNAME", "TXT", "MX", "SRV", "CAA", "PTR"] as const;
export type ValueRecordType = (typeof VALUE_RECORD_TYPES)[number];
export const isValueRecordType = (type: string): type is ValueRecordType => (VALUE_RECORD_TYPES as readonly string[]).includes(type);

const HOST = /^(?=.{1,253}\.?$)(\*\.)?([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const uint = (text: string, max: number) => /^\d+$/.test(text) && Number(text) <= max;

/**
 * Why `value` is not a value Route 53 accepts in a record of `type`, or undefined. The formats
 * are Route 53's (Developer Guide, "Supported DNS record types"): A an IPv4 address, AAAA an
 * IPv6 address, CNAME/PTR a domain name, MX "priority host", SRV "priority weight port host",
 * CAA "flags tag \"value\"", TXT at most 255 characters per string.
 */
export function recordValueProblem(type: ValueRecordType, value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  switch (type) {
    case "A":
      return IPV4.test(value) ? undefined : `"${value}" is not an IPv4 address (an A record holds addresses such as 10.0.0.10)`;
    case "AAAA":
      return ipaddr.IPv6.isValid(value) && value.includes(":") ? undefined : `"${value}" is not an IPv6 address (an AAAA record holds addresses such as fd00::10)`;
    case "CNAME":
    case "PTR":
      return HOST.test(value) ? undefined : `"${value}" is not a domain name (a ${type} record points at one name, such as db.example.internal)`;
    case "MX":
      return parts.length === 2 && uint(parts[0], 65535) && HOST.test(parts[1])
        ? undefined
        : `"${value}" is not "priority host" (an MX value such as "10 mail.example.internal"; priority 0-65535)`;
    case "SRV":
      return parts.length === 4 && uint(parts[0], 65535) && uint(parts[1], 65535) && uint(parts[2], 65535) && HOST.test(parts[3])
        ? undefined
        : `"${value}" is not "priority weight port host" (an SRV value such as "10 5 5432 db.example.internal"; numbers 0-65535)`;
    case "CAA":
      return /^(0|128) (issue|issuewild|iodef) "[^"]*"$/.test(value.trim())
        ? undefined
        : `"${value}" is not 'flags tag "value"' (a CAA value such as 0 issue "amazon.com")`;
    case "TXT":
      return undefined; // any text: route53TextValue quotes it and splits it into 255-character strings
  }
}

/**
 * Route 53 failover: one PRIMARY and one SECONDARY record per name and type. Why `role` cannot
 * join the `earlier` roles of its name and type, or undefined.
 */
export function failoverRoleProblem(earlier: readonly string[], role: string): string | undefined {
  return earlier.includes(role)
    ? `a ${role} failover record for this name and type exists already: failover pairs one PRIMARY with one SECONDARY, make this one ${role === "PRIMARY" ? "SECONDARY" : "PRIMARY"} or remove it`
    : undefined;
}

/** Route 53's continent codes for geolocation routing. */
export const GEO_CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;

export interface GeolocationSpec {
  readonly continent?: string;
  readonly country?: string;
  readonly subdivision?: string;
}

/**
 * A geolocation location Route 53 takes: a continent, or a country (ISO 3166 alpha-2, or `*` for
 * the default record that answers everyone else), optionally with a subdivision of that country.
 * In a private zone the location is the Region of the VPC a query comes from.
 */
export function geolocationProblems(geo: GeolocationSpec): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if ((geo.continent === undefined) === (geo.country === undefined)) out.push({ field: geo.continent === undefined ? "continent" : "country", message: "give exactly one of continent (AF, AN, AS, EU, NA, OC, SA) or country (e.g. US, or * for the default record)" });
  if (geo.continent !== undefined && !(GEO_CONTINENTS as readonly string[]).includes(geo.continent)) out.push({ field: "continent", message: `"${geo.continent}" is not a continent code: use one of ${GEO_CONTINENTS.join(", ")}` });
  if (geo.country !== undefined && !/^([A-Z]{2}|\*)$/.test(geo.country)) out.push({ field: "country", message: `"${geo.country}" is not a country code: use an ISO 3166 two-letter code in upper case (e.g. US, DE), or * for the default record` });
  if (geo.subdivision !== undefined) {
    if (geo.country === undefined || geo.country === "*") out.push({ field: "subdivision", message: "needs a country (e.g. country: US, subdivision: WA)" });
    else if (!/^[A-Z0-9]{1,3}$/.test(geo.subdivision)) out.push({ field: "subdivision", message: `"${geo.subdivision}" is not a subdivision code: 1 to 3 upper-case letters or digits (e.g. WA)` });
  }
  return out;
}

/** The location of a geolocation record, as one comparable text (`continent:EU`, `country:US/WA`). */
export const geolocationKey = (geo: GeolocationSpec): string =>
  geo.continent !== undefined ? `continent:${geo.continent}` : `country:${geo.country ?? ""}${geo.subdivision !== undefined ? `/${geo.subdivision}` : ""}`;

/** Route 53 holds TXT text as strings of at most 255 characters each. */
export const TXT_STRING_MAX = 255;

/**
 * A TXT value as the AWS provider passes it to Route 53: the provider quotes each value, so inner
 * `"` and `\\` are escaped, and text longer than one string is cut into 255-character strings
 * joined by `""` (the provider's documented way to write one value of several strings).
 */
export function route53TextValue(value: string): string {
  const escaped = [...value].map((c) => (c === '"' || c === "\\" ? `\\${c}` : c));
  const strings: string[] = [];
  for (let i = 0; i < escaped.length; i += TXT_STRING_MAX) strings.push(escaped.slice(i, i + TXT_STRING_MAX).join(""));
  return strings.join('""');
}

/** Reverse-lookup zones: a PTR record anywhere else answers lookups nobody makes. */
export const isReverseZone = (zone: string): boolean => /(^|\.)(in-addr|ip6)\.arpa\.?$/i.test(zone);

/** What AWS refuses in a Resolver query logging setup; fields left undefined are not checked (known only at plan time). */
export function queryLoggingProblems(props: { readonly name?: string; readonly logGroupName?: string; readonly retentionInDays?: number; readonly vpcCount: number }, path = ""): ConfigProblem[] {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const problems: ConfigProblem[] = [];
  const nameProblem = props.name === undefined ? undefined : NAMES.resolverQueryLogConfig.problem(props.name);
  if (nameProblem) problems.push(error(at("name"), nameProblem));
  const groupProblem = props.logGroupName === undefined ? undefined : logGroupNameProblem(props.logGroupName);
  if (groupProblem) problems.push(error(at("logGroupName"), groupProblem));
  const retentionProblem = props.retentionInDays === undefined ? undefined : LOG_RETENTION_DAYS.problem(props.retentionInDays);
  if (retentionProblem) problems.push(error(at("retentionInDays"), retentionProblem));
  if (props.vpcCount === 0) problems.push(error(at("vpcs"), "lists no VPC: name at least one whose queries to log"));
  return problems;
}

export function normalizeDomain(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** A record name as Route 53 stores it: absolute names stay, relative ones get the zone appended. */
export function recordFqdn(zoneName: string, recordName: string): string {
  const zone = normalizeDomain(zoneName);
  const name = normalizeDomain(recordName);
  return name === zone || name.endsWith(`.${zone}`) ? name : `${name}.${zone}`;
}

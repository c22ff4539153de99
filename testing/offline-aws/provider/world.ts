// The "world": what already exists in the fake AWS account, read from the JSON file named by
// OFFLINE_AWS_WORLD. Data sources answer from it.
import * as fs from "fs";

export type WorldRecord = Record<string, unknown> & { tags?: Record<string, string>; region?: string };

export interface World {
  account_id: string;
  default_region: string;
  partition?: string;
  caller?: { arn?: string; user_id?: string };
  vpcs?: WorldRecord[];
  subnets?: WorldRecord[];
  route_tables?: WorldRecord[];
  load_balancers?: WorldRecord[];
  classic_load_balancers?: WorldRecord[];
  iam_roles?: WorldRecord[];
  [collection: string]: unknown;
}

const EMPTY: World = { account_id: "123456789012", default_region: "us-east-1" };

export function loadWorld(file = process.env.OFFLINE_AWS_WORLD): World {
  if (!file) return EMPTY;
  return { ...EMPTY, ...JSON.parse(fs.readFileSync(file, "utf8")) };
}

/** AWS filter values accept `*` and `?` wildcards. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(value);
}

/** Values a record exposes under a filter name: `tag:Key`, `tag-key`, or a mapped field. */
export function filterValues(rec: WorldRecord, filterName: string, fieldFor: Record<string, string>): string[] {
  if (filterName.startsWith("tag:")) {
    const v = rec.tags?.[filterName.slice(4)];
    return v === undefined ? [] : [v];
  }
  if (filterName === "tag-key") return Object.keys(rec.tags ?? {});
  if (filterName === "tag-value") return Object.values(rec.tags ?? {});
  const field = fieldFor[filterName] ?? filterName.replace(/-/g, "_");
  const v = rec[field];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

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
  /**
   * Other accounts, by 12-digit id: what exists there. A provider configured with
   * `assume_role { role_arn = "arn:aws:iam::<id>:role/..." }` sees that account (its collections
   * and caller identity) instead of the top-level one.
   */
  accounts?: Record<string, Omit<World, "account_id" | "default_region" | "accounts">>;
  /** An AWS Organization with RAM sharing enabled: its member accounts (RAM shares without external principals reach only them). */
  organization?: { accounts?: string[] };
  /** Set when the world file could not be read: every provider call reports it. */
  load_error?: string;
  [collection: string]: unknown;
}

const EMPTY: World = { account_id: "123456789012", default_region: "us-east-1" };

/**
 * The world named by OFFLINE_AWS_WORLD. A missing or malformed file does not stop the provider
 * (Terraform would only say it "failed to read any lines from plugin's stdout"): the error is
 * kept and reported as a diagnostic naming the file.
 */
export function loadWorld(file = process.env.OFFLINE_AWS_WORLD): World {
  if (!file) return EMPTY;
  try {
    return { ...EMPTY, ...JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (err) {
    const why = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    return { ...EMPTY, load_error: `The world file ${file} (OFFLINE_AWS_WORLD) ${why}: point OFFLINE_AWS_WORLD at a JSON file such as testing/worlds/lab.json.` };
  }
}

/** The world as a provider assuming `roleArn` sees it: that account's records, or the caller's own. */
export function worldFor(world: World, roleArn: string | undefined): World {
  const account = roleArn ? /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn)?.[1] : undefined;
  if (!account || account === world.account_id) return world;
  const other = world.accounts?.[account] ?? {};
  return {
    account_id: account,
    default_region: world.default_region,
    partition: world.partition,
    caller: { arn: roleArn!.replace(/:role\/(.+)$/, ":assumed-role/$1/offline").replace(":iam::", ":sts::") },
    ...other,
  };
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

/**
 * What an apply changes in what already exists, for the later lookups of the same server (a plan
 * after an apply): an accepter's tags land on the connection it accepted, as in AWS, where the
 * accepter resource tags the requester's connection. Other resources exist only in the state.
 */
export function recordApplied(world: World, typeName: string, applied: unknown): void {
  if (typeName !== "aws_vpc_peering_connection_accepter" || applied === null || typeof applied !== "object") return;
  const { vpc_peering_connection_id: id, tags } = applied as { vpc_peering_connection_id?: unknown; tags?: unknown };
  const connection = ((world.vpc_peering_connections ?? []) as WorldRecord[]).find((c) => c.id === id);
  if (!connection || tags === null || typeof tags !== "object") return;
  connection.tags = { ...connection.tags, ...(tags as Record<string, string>) };
  connection.status = "active";
}

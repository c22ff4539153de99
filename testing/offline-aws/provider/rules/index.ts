// The registry of provider rules the stand-in enforces, by step and type, and the rules that
// apply to our types but are not enforced (with why). `npm run docs:offline-rules` writes the
// coverage table of testing/offline-aws/README.md from it.
import type { BlockSchema } from "../../schema/types";
import { UNKNOWN, type Value } from "../cty";
import type { Diagnostic } from "../diagnostics";
import * as common from "./common";
import * as ec2Network from "./ec2-network";
import * as transit from "./ec2-transit";
import * as endpoints from "./endpoints";
import * as peering from "./ec2-peering";
import * as iam from "./iam";
import type { Ledger } from "./ledger";
import * as logs from "./logs";
import * as ram from "./ram";
import * as route53 from "./route53";
import * as routes from "./routes";
import * as s3 from "./s3";
import type { Obj, Rule, RuleContext, Skipped, Step } from "./types";

export const families = { common, "ec2-peering": peering, routes, "ec2-network": ec2Network, "ec2-transit": transit, ram, endpoints, logs, iam, route53, s3 } as const;
export const RULES: Rule[] = Object.values(families).flatMap((f) => f.rules);
export const SKIPPED: Skipped[] = Object.values(families).flatMap((f) => f.skipped);

const index = new Map<string, Rule[]>();
for (const r of RULES) for (const t of r.types) index.set(`${r.step} ${t}`, [...(index.get(`${r.step} ${t}`) ?? []), r]);

/** Rules of a step for a type ("data.<type>" for data sources); "*" rules apply to every managed type. */
export function rulesFor(step: Step, type: string): Rule[] {
  const wildcard = type.startsWith("data.") && step !== "validate" ? [] : (index.get(`${step} *`) ?? []);
  return [...wildcard, ...(index.get(`${step} ${type}`) ?? [])];
}

export interface RunOptions {
  region: string;
  account: string;
  partition: string;
  ledger?: Ledger;
  prior?: Value;
}

export function runRules(step: Step, type: string, block: BlockSchema, value: Value, opts: RunOptions): Diagnostic[] {
  if (!value || value === UNKNOWN || typeof value !== "object" || Array.isArray(value)) return [];
  const ctx: RuleContext = { type, block, region: opts.region, account: opts.account, partition: opts.partition, ledger: opts.ledger, prior: opts.prior ?? null };
  const creating = opts.prior === null || opts.prior === undefined;
  return rulesFor(step, type).filter((r) => creating || !r.onCreateOnly).flatMap((r) => r.check(value as Obj, ctx));
}

export type { Rule, Skipped, Step };

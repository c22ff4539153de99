// Rules every type shares: the per-resource `region` argument of provider v6, AWS tag limits,
// and the CIDR syntax checks of cidr arguments.
import type { BlockSchema } from "../../schema/types";
import { cidrProblem } from "../cidr";
import { UNKNOWN } from "../cty";
import { error, type Diagnostic, type PathStep } from "../diagnostics";
import { valuesAt } from "./check";
import type { Obj, Rule, Skipped } from "./types";

/** The partition a region belongs to, as names.PartitionForRegion tells it. */
export function partitionOf(region: string): string {
  if (/^cn-/.test(region)) return "aws-cn";
  if (/^us-gov-/.test(region)) return "aws-us-gov";
  if (/^us-isob-/.test(region)) return "aws-iso-b";
  if (/^us-iso-/.test(region)) return "aws-iso";
  if (/^eusc-/.test(region)) return "aws-eusc";
  return "aws";
}

export function isCidrArgument(name: string): boolean {
  return /(^|_)cidr_blocks?$/.test(name) || /^cidr_ipv[46]$/.test(name);
}

/** Every cidr argument of a block and its nested blocks, as dotted paths. */
function cidrPaths(block: BlockSchema, prefix = ""): string[] {
  const own = Object.keys(block.attributes).filter(isCidrArgument).map((n) => prefix + n);
  const nested = Object.entries(block.block_types).flatMap(([n, nb]) => cidrPaths(nb.block, `${prefix}${n}.`));
  return [...own, ...nested];
}

export const rules: Rule[] = [
  {
    id: "common.region.partition", step: "plan", types: ["*"],
    source: "internal/provider/sdkv2/region.go (verifyRegionInConfiguredPartition, a CustomizeDiff on every regional resource)",
    summary: "A resource's region argument is in the provider's partition",
    check: (o, ctx) => {
      const r = o.region;
      if (typeof r !== "string" || r === "" || partitionOf(r) === ctx.partition) return [];
      return [error("Invalid Region Value", `region: partition (${partitionOf(r)}) for per-resource Region (${r}) is not the provider's configured partition (${ctx.partition})`, ["region"])];
    },
  },
  {
    id: "common.tags.limits", step: "apply", types: ["*"],
    source: "EC2/IAM/Route 53/S3/Logs tagging APIs (InvalidParameterValue / InvalidTag); passed through by internal/tags",
    summary: "Tag keys at most 128 characters, values at most 256, no aws: prefix",
    check: (o) => {
      const tags = (o.tags_all && o.tags_all !== UNKNOWN ? o.tags_all : o.tags) as Obj | null | undefined;
      if (!tags || typeof tags !== "object" || Array.isArray(tags)) return [];
      const out: Diagnostic[] = [];
      for (const [k, v] of Object.entries(tags)) {
        const why = k.length > 128 ? `tag key ${k.slice(0, 20)}... has ${k.length} characters (at most 128)` : /^aws:/i.test(k) ? `tag key ${k} uses the reserved aws: prefix` : typeof v === "string" && v.length > 256 ? `the value of tag ${k} has ${v.length} characters (at most 256)` : undefined;
        if (why) out.push(error("Invalid tag", `tags: InvalidParameterValue: ${why}.`, ["tags"]));
      }
      return out;
    },
  },
  {
    id: "common.cidr.network_address", step: "validate", types: ["*"],
    source: "internal/verify/validate.go (ValidIPv4CIDRNetworkAddress / ValidIPv6CIDRNetworkAddress on cidr arguments)",
    summary: "CIDR arguments are valid network addresses (no host bits set)",
    check: (o, ctx) => {
      const out: Diagnostic[] = [];
      for (const p of cidrPaths(ctx.block)) {
        const name = p.split(".").pop()!;
        const family = /ipv6/.test(name) ? 6 : 4;
        for (const [v, at] of valuesAt(o, p, ctx.block)) {
          const list: Array<[unknown, PathStep[]]> = Array.isArray(v) ? v.map((x, i) => [x, [...at, i]]) : [[v, at]];
          for (const [x, xp] of list) {
            if (typeof x !== "string" || x === "") continue;
            const problem = cidrProblem(name, x, family);
            if (problem) out.push(error("Invalid CIDR block", problem, xp));
          }
        }
      }
      return out;
    },
  },
];

export const skipped: Skipped[] = [];

import { closest, distance } from "fastest-levenshtein";

// AWS's published regions by partition (docs.aws.amazon.com "Regions and Zones", as of 2026-11).
// Shipped as data so a config is checked with no network; add a region here when AWS opens one.
export const REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1", "ap-east-2",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1",
    "eu-central-1", "eu-central-2",
    "eu-north-1",
    "eu-south-1", "eu-south-2",
    "eu-west-1", "eu-west-2", "eu-west-3",
    "il-central-1",
    "me-central-1", "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1", "us-east-2",
    "us-west-1", "us-west-2",
  ],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-eusc": ["eusc-de-east-1"],
  "aws-iso": ["us-iso-east-1", "us-iso-west-1"],
  "aws-iso-b": ["us-isob-east-1"],
  "aws-iso-e": ["eu-isoe-west-1"],
  "aws-iso-f": ["us-isof-east-1", "us-isof-south-1"],
};

const ALL = Object.values(REGIONS).flat();
const PARTITION = new Map(Object.entries(REGIONS).flatMap(([partition, regions]) => regions.map((r) => [r, partition] as const)));

/** The partition of a known region, e.g. `aws-us-gov`; undefined for an unknown one. */
export function partitionOf(region: string): string | undefined {
  return PARTITION.get(region);
}

/** Why `region` is not an AWS region, naming the nearest real one; undefined when it is one. */
export function regionProblem(region: string): string | undefined {
  if (PARTITION.has(region)) return undefined;
  const near = closest(region, ALL);
  const hint = distance(region, near) <= Math.max(3, Math.floor(region.length / 3)) ? `did you mean ${near}?` : `use a region code such as us-west-2`;
  return `"${region}" is not an AWS region: ${hint}`;
}

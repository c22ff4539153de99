import { ConfigProblem, error } from "../core/problems";
import { splitLayout, SplitLayout } from "../core/split";
import { expandPeerings } from "./adapter";
import type { TopologyConfig } from "./config/schema";

// The config side of `split`: the layout of a config's stacks, and what makes a split impossible.

/** The stacks a config with `split` writes (undefined for split none). */
export function splitLayoutOf(config: TopologyConfig): SplitLayout | undefined {
  if (config.split === "none") return undefined;
  const vpcs = Object.entries(config.vpcs).map(([key, v]) => ({
    key,
    region: v.region ?? config.region,
    account: v.account,
    external: v.external !== undefined,
    create: v.create !== undefined,
  }));
  const peerings = expandPeerings(config).map(({ peering }) => peering);
  const stackOf = (key: string) => (config.vpcs[key]?.external ? undefined : key);
  const reads = config.privateZones.flatMap((zone, z) =>
    zone.additionalVpcs.map((vpc) => ({ readerVpc: stackOf(zone.vpc), vpc, why: `privateZones[${z}] associates VPC ${vpc}, which its stack creates` })),
  );
  const first = splitLayout(config.stack, config.split, vpcs, peerings);
  const extra = reads.filter((r) => r.readerVpc).map((r) => ({ reader: first.stackOf[r.readerVpc!], vpc: r.vpc, why: r.why }));
  return extra.length === 0 ? first : splitLayout(config.stack, config.split, vpcs, peerings, extra);
}

/** Why this config cannot be split as asked; each problem names the field and the fix. */
export function splitProblems(config: TopologyConfig): ConfigProblem[] {
  const layout = splitLayoutOf(config);
  if (!layout) return [];
  const problems: ConfigProblem[] = [];
  if (config.adopt) problems.push(error("adopt", "cannot be combined with split: adopt the existing resources in one stack first (split: none), then split"));
  const backend = config.backend;
  const example = "../../../state/terraform.{stack}.tfstate";
  if (backend.type === "local" && backend.path !== undefined && !backend.path.includes("{stack}")) {
    problems.push(error("backend.path", `each stack of a split needs its own state file: put {stack} in the path (it becomes the stack name), e.g. ${example}, or leave path out (terraform.<stack>.tfstate beside the output directory)`));
  }
  if (backend.type === "cloud") {
    if (!backend.workspaces || !("name" in backend.workspaces)) {
      problems.push(error("backend.workspaces", "a split needs workspaces.name: each stack gets the workspace <name>-<part> (e.g. <name>-vpc-web), and stacks read each other's outputs by workspace name"));
    }
    if (backend.organization === undefined) {
      problems.push(error("backend.organization", "a split needs the organization in the config: stacks read each other's outputs through terraform_remote_state, which cannot take it from TF_CLOUD_ORGANIZATION"));
    }
  }
  for (const part of layout.parts) {
    if (part.name.length > 64) problems.push(error("stack", `the split makes the stack name "${part.name}" (${part.name.length} characters, at most 64): shorten the stack name or the keys`));
  }
  if (layout.cycle) {
    problems.push(error("split", `${config.split} makes stacks that need each other's state (${layout.cycle.stacks.join(" → ")} → ${layout.cycle.stacks[0]}): ${layout.cycle.because.join("; ")}. Make the VPC that is created the requester, keep these VPCs in one stack (per-region or per-account), or use split: none`));
  }
  return problems;
}

import type { App } from "cdktf";
import { splitLocalPath, splitStateKey } from "../core/split";
import { escapeTemplates } from "../core/template";
import { loggedVpcKeys, resolveTopology } from "./adapter";
import type { TopologyConfig } from "./config/schema";
import { recordSplitFact } from "../constructs/facts";
import { PeeringStack } from "./peering-stack";
import { splitLayoutOf } from "./split";

/** Each stack's state backend: its own S3 key, local file or HCP Terraform workspace. */
function backendOf(config: TopologyConfig, stack: string): TopologyConfig["backend"] {
  const b = config.backend;
  if (b.type === "s3") return { ...b, key: splitStateKey(b.key, stack) };
  if (b.type === "local") return { ...b, path: splitLocalPath(b.path, stack) };
  // Validation made sure the workspace is given by name: <name>-<part>.
  const name = b.workspaces && "name" in b.workspaces ? b.workspaces.name : config.stack;
  return { ...b, workspaces: { name: `${name}${stack.slice(config.stack.length)}` } };
}

/**
 * The stacks of a config with `split` (validated: no cycle), in deploy order. Each stack first
 * looks up its VPCs; then each builds its peerings, flow logs and zones, reaching into the other
 * stacks where a peering's accepter side lives there (cdktf turns those references into outputs
 * and terraform_remote_state data sources, and declares the stack dependencies).
 */
export function buildSplitStacks(app: App, config: TopologyConfig): PeeringStack[] {
  const layout = splitLayoutOf(config);
  if (!layout) throw new Error("buildSplitStacks: the config has split: none");
  if (layout.cycle) throw new Error(`split: stacks ${layout.cycle.stacks.join(", ")} need each other's state`);
  const byName = new Map<string, PeeringStack>();
  const stackOf = (key: string) => (layout.stackOf[key] === undefined ? undefined : byName.get(layout.stackOf[key]));
  // Shared flow-log destinations: made by the first stack (deploy order) that logs in the place.
  const owners = new Map<string, PeeringStack>();
  // Config text is data (see PeeringStack): escaped once, planned once, for every stack.
  const escaped: TopologyConfig = { ...escapeTemplates(config), backend: config.backend };
  const shared = { config: escaped, plan: resolveTopology(escaped) };
  const logged = new Set(loggedVpcKeys(config));
  const stacks = layout.parts.map((part, i) => {
    const stack: PeeringStack = new PeeringStack(app, part.name, config, {
      part: {
        vpcs: part.vpcs,
        shared,
        backend: backendOf(config, part.name),
        first: i === 0,
        stackOf,
        destinationOwner: (kind, account, region): PeeringStack => owners.get(`${kind}/${account ?? ""}/${kind === "group" ? (region ?? "") : ""}`) ?? stack,
      },
    });
    byName.set(part.name, stack);
    const places = part.vpcs.filter((k) => logged.has(k)).map((k) => {
      const region = config.vpcs[k].region;
      return { account: config.vpcs[k].account, region: region === undefined || region === config.region ? undefined : region };
    });
    if (i === 0 && config.flowLogs && config.flowLogs.subnets.length + config.flowLogs.networkInterfaces.length > 0) places.push({ account: undefined, region: undefined });
    for (const place of places) {
      for (const key of [`group/${place.account ?? ""}/${place.region ?? ""}`, `role/${place.account ?? ""}/`]) if (!owners.has(key)) owners.set(key, stack);
    }
    return stack;
  });
  for (const stack of stacks) stack.buildSides();
  // The report reads the stacks of a split together, as the one topology they are.
  for (const stack of stacks) recordSplitFact(stack, { topology: config.stack, stacks: stacks.map((s) => s.node.id) });
  return stacks;
}

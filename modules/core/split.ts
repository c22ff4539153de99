// How a topology is cut into several stacks (config field `split`): which stack owns which VPC,
// the stack names, and the order the stacks depend on each other in. Pure: no cdktf.

export const SPLIT_MODES = ["none", "per-vpc", "per-region", "per-account"] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];

export interface SplitVpc {
  readonly key: string;
  readonly region: string;
  /** Account key; undefined for the default provider's account. */
  readonly account?: string;
  /** External VPCs belong to no stack: each stack that peers with one names it itself. */
  readonly external?: boolean;
  /** Created by its stack: other stacks learn its id only from that stack's state. */
  readonly create?: boolean;
}

export interface SplitPeering {
  readonly name: string;
  readonly requester: string;
  readonly accepter: string;
}

export interface SplitPart {
  /** Stack name: `<stack>-vpc-<key>`, `<stack>-region-<region>` or `<stack>-account-<key|default>`. */
  readonly name: string;
  /** VPC keys the stack owns (looks up or creates, and whose side it builds), in config order. */
  readonly vpcs: readonly string[];
}

export interface SplitLayout {
  /** In deploy order: a stack comes after every stack it depends on. */
  readonly parts: readonly SplitPart[];
  /** Stack name by VPC key (external VPCs have none). */
  readonly stackOf: Readonly<Record<string, string>>;
  /** Stack name → the stacks it reads outputs from (its remote states). */
  readonly dependsOn: Readonly<Record<string, readonly string[]>>;
  /** A dependency cycle, when the cut makes one (names of the stacks in it), else undefined. */
  readonly cycle?: { readonly stacks: readonly string[]; readonly because: readonly string[] };
}

/** The group suffix of a VPC's stack. */
function groupOf(mode: Exclude<SplitMode, "none">, vpc: SplitVpc): string {
  if (mode === "per-vpc") return `vpc-${vpc.key}`;
  if (mode === "per-region") return `region-${vpc.region}`;
  return `account-${vpc.account ?? "default"}`;
}

/** The home stack of a peering: the requester's, or the accepter's when the requester is external. */
export function peeringHome(layout: Pick<SplitLayout, "stackOf">, p: SplitPeering): string {
  return layout.stackOf[p.requester] ?? layout.stackOf[p.accepter];
}

/**
 * Cuts the VPCs into stacks and orders them. A stack depends on another when it builds the
 * accepter side of a peering the other requests (it routes over the other's connection), or when
 * it names a VPC the other creates (peer or zone association: only that stack's state knows the
 * id). VPCs looked up by id, name or tags are looked up again where needed instead of read from
 * another state, so those never make an edge. `extraReads` adds more edges (reader → VPC key).
 */
export function splitLayout(
  stack: string,
  mode: Exclude<SplitMode, "none">,
  vpcs: readonly SplitVpc[],
  peerings: readonly SplitPeering[],
  extraReads: readonly { readonly reader: string; readonly vpc: string; readonly why: string }[] = [],
): SplitLayout {
  const byName = new Map<string, string[]>();
  const stackOf: Record<string, string> = {};
  for (const vpc of vpcs) {
    if (vpc.external) continue;
    const name = `${stack}-${groupOf(mode, vpc)}`;
    stackOf[vpc.key] = name;
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(vpc.key);
  }
  const created = new Set(vpcs.filter((v) => v.create).map((v) => v.key));
  const edges = new Map<string, Map<string, string>>([...byName.keys()].map((n) => [n, new Map()]));
  const edge = (from: string, to: string, why: string) => {
    if (from !== to && !edges.get(from)!.has(to)) edges.get(from)!.set(to, why);
  };
  for (const p of peerings) {
    const home = peeringHome({ stackOf }, p);
    const accepterStack = stackOf[p.accepter];
    if (accepterStack && accepterStack !== home) {
      edge(accepterStack, home, `peering ${p.name}: ${p.accepter}'s routes use the connection ${p.requester}'s stack makes`);
      if (created.has(p.accepter)) edge(home, accepterStack, `peering ${p.name}: the connection needs the id of VPC ${p.accepter}, which ${accepterStack} creates`);
    }
  }
  for (const r of extraReads) if (created.has(r.vpc) && stackOf[r.vpc]) edge(r.reader, stackOf[r.vpc], r.why);

  // Depth-first topological order; a back edge is a cycle.
  const order: string[] = [];
  const state = new Map<string, "open" | "done">();
  let cycle: SplitLayout["cycle"];
  const path: string[] = [];
  const visit = (name: string) => {
    if (state.get(name) === "done" || cycle) return;
    if (state.get(name) === "open") {
      const stacks = path.slice(path.indexOf(name));
      const because = stacks.map((s, i) => edges.get(s)!.get(stacks[(i + 1) % stacks.length] ?? name) ?? "");
      cycle = { stacks, because };
      return;
    }
    state.set(name, "open");
    path.push(name);
    for (const next of edges.get(name)!.keys()) visit(next);
    path.pop();
    state.set(name, "done");
    order.push(name);
  };
  for (const name of byName.keys()) visit(name);
  const parts = (cycle ? [...byName.keys()] : order).map((name) => ({ name, vpcs: byName.get(name)! }));
  const dependsOn = Object.fromEntries([...edges].map(([name, to]) => [name, [...to.keys()]]));
  return { parts, stackOf, dependsOn, cycle };
}

/** Per-stack state location of a split: an S3 key `<key without .tfstate>/<stack>.tfstate`. */
export function splitStateKey(key: string, stack: string): string {
  return `${key.replace(/\.tfstate$/, "")}/${stack}.tfstate`;
}

/**
 * The local state path of a split's stack: `{stack}` in the configured path becomes its name.
 * Without a path each stack keeps the default, terraform.<stack>.tfstate beside the output directory.
 */
export function splitLocalPath(path: string | undefined, stack: string): string | undefined {
  return path?.split("{stack}").join(stack);
}

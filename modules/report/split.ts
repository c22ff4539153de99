import { EXTERNAL_FACT_KEY, FACT_KEY, FACTS_VERSION, factsBlock, readFacts, readSplitFact } from "../core/facts";
import type { TerraformJson } from "./network-model";

// The stacks of a split (config `split`) are one topology: a peering's connection lives in its
// requester's stack and the accepter's routes in another, which reads the connection's id from
// the first one's state (cdktf's cross-stack references: a `terraform_remote_state` data source
// and an output). Read alone, each stack shows half a peering. Merged here into one Terraform
// JSON document, read as any other: each stack's names get the stack as a prefix, a reference
// through remote state becomes the producing stack's own expression, and a stack's lookup of a
// VPC another stack owns (recorded with the same VPC key) becomes that stack's lookup.

type Section = Record<string, Record<string, Record<string, unknown>>>;
type Json = Record<string, unknown>;

export interface StackJson {
  readonly name: string;
  readonly json: TerraformJson;
}

/** Why the stacks given cannot be read as one split topology, or undefined. */
export function splitGroupProblem(stacks: readonly StackJson[]): string | undefined {
  const facts = stacks.map((s) => ({ name: s.name, split: readSplitFact(s.json as Json) }));
  const first = facts.find((f) => f.split)?.split;
  if (!first) return undefined;
  const missing = first.stacks.filter((name) => !stacks.some((s) => s.name === name));
  if (missing.length > 0) {
    return `stack${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of the split topology ${first.topology} ${missing.length > 1 ? "are" : "is"} missing: synthesize the whole topology (npm run synth) and read every stack of it together`;
  }
  return undefined;
}

/** The stacks of one split as one Terraform JSON document named after the topology. */
export function mergeSplit(stacks: readonly StackJson[]): TerraformJson {
  const prefix = (stack: string, name: string) => `${stack}__${name}`;
  const addresses = new Map<string, Map<string, string>>(); // stack → old address → new address
  for (const { name, json } of stacks) {
    const map = new Map<string, string>();
    for (const [kind, lead] of [["resource", ""], ["data", "data."]] as const) {
      for (const [type, byName] of Object.entries((json[kind] as Section | undefined) ?? {})) {
        for (const n of Object.keys(byName)) map.set(`${lead}${type}.${n}`, `${lead}${type}.${prefix(name, n)}`);
      }
    }
    addresses.set(name, map);
  }

  // A VPC looked up by a stack that does not own it is the owner's lookup (same VPC key).
  const ownerLookup = new Map<string, string>(); // VPC key → merged address of the owning stack's lookup or VPC
  const peerLookups: { stack: string; address: string; key: string }[] = [];
  for (const { name, json } of stacks) {
    for (const [address, fact] of readFacts(json as Json)) {
      if (!fact.vpc || !/^(data\.aws_vpc|aws_vpc)\./.test(address)) continue;
      const merged = addresses.get(name)!.get(address)!;
      if (/\.peer-vpc-/.test(address)) peerLookups.push({ stack: name, address, key: fact.vpc });
      else ownerLookup.set(fact.vpc, merged);
    }
  }
  for (const { stack, address, key } of peerLookups) {
    const owner = ownerLookup.get(key);
    if (owner) addresses.get(stack)!.set(address, owner);
  }

  const outputs = new Map(stacks.map(({ name, json }) => [name, ((json as Json).output ?? {}) as Record<string, { value?: unknown }>]));
  const rewrite = (stack: string, text: string): string => {
    const map = addresses.get(stack)!;
    // Remote state: the producing stack's expression for the output, in that stack's names.
    const viaRemote = text.replace(/data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g, (whole, producer: string, output: string) => {
      const value = outputs.get(producer)?.[output]?.value;
      const inner = typeof value === "string" ? /^\$\{(.*)\}$/s.exec(value)?.[1] : undefined;
      return inner === undefined ? whole : rewrite(producer, `\${${inner}}`).slice(2, -1);
    });
    return viaRemote.replace(/(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+/g, (address) => map.get(address) ?? address);
  };
  const walk = (stack: string, value: unknown): unknown => {
    if (typeof value === "string") return rewrite(stack, value);
    if (Array.isArray(value)) return value.map((v) => walk(stack, v));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(stack, v)]));
    return value;
  };

  const merged: Json = { resource: {}, data: {}, provider: {}, output: {}, "//": { [FACT_KEY]: { version: FACTS_VERSION, resources: {} } } };
  const facts = (merged["//"] as Json)[FACT_KEY] as { resources: Json };
  const providers = new Map<string, unknown>();
  for (const { name, json } of stacks) {
    const map = addresses.get(name)!;
    const peerOwned = new Set(peerLookups.filter((p) => p.stack === name && ownerLookup.has(p.key)).map((p) => p.address));
    for (const [kind, lead] of [["resource", ""], ["data", "data."]] as const) {
      for (const [type, byName] of Object.entries((json[kind] as Section | undefined) ?? {})) {
        // Remote state is resolved above; a peer lookup is the owner's.
        if (type === "terraform_remote_state") continue;
        const into = (((merged[kind] as Section)[type] ??= {}) as Record<string, unknown>);
        for (const [n, body] of Object.entries(byName)) {
          if (peerOwned.has(`${lead}${type}.${n}`)) continue;
          into[prefix(name, n)] = walk(name, body);
        }
      }
    }
    const stackFacts = (factsBlock(json as Json) ?? {}) as Json;
    for (const [address, fact] of Object.entries((stackFacts.resources ?? {}) as Record<string, Json>)) {
      // A fact that names another element (the found tables a route is made over) names it as merged.
      const routeTableSet = typeof fact.routeTableSet === "string" ? { routeTableSet: map.get(fact.routeTableSet) ?? fact.routeTableSet } : {};
      if (!peerOwned.has(address)) facts.resources[map.get(address) ?? address] = { ...fact, ...routeTableSet };
    }
    // Every stack of a split states the external VPCs it peers with (the same by key): keep one of each.
    const externals = stackFacts[EXTERNAL_FACT_KEY] as Json | undefined;
    if (externals) (facts as Json)[EXTERNAL_FACT_KEY] = { ...((facts as Json)[EXTERNAL_FACT_KEY] as Json | undefined), ...externals };
    const aws = (((json as Json).provider as Json | undefined)?.aws ?? []) as { alias?: string }[];
    for (const p of aws) if (!providers.has(p.alias ?? "")) providers.set(p.alias ?? "", p);
  }
  (merged.provider as Json).aws = [...providers.values()];
  return merged as TerraformJson;
}

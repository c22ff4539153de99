import { Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { checkPeerings, CheckOptions } from "../../core/peering";
import { ConfigError, type ConfigProblem } from "../../core/problems";
import { QUOTAS } from "../../core/limits";
import { RoutingRegistry } from "../routing/routing-registry";

// The rules AWS applies across the peerings and routes of a stack (core checkPeerings: no VPC
// peered with itself, one peering per pair, no overlapping peers, one route per destination in a
// table whatever its target, the route and peering quotas), attached to the stack by the first
// peering or route set that joins it. Errors
// stop `app.synth()` and `Testing.synth()` alike (an aspect that throws), naming the construct to
// fix; warnings become annotations. The config path refuses the same configs with the same words.

/** Context keys that set the account's quotas for these checks (cdktf.json `context`, or `node.setContext`). */
export const QUOTA_CONTEXT = { routesPerRouteTable: "vpc-peering:routesPerRouteTable", peeringsPerVpc: "vpc-peering:peeringsPerVpc" } as const;

export interface PeeringQuotas {
  /** Routes per route table allowed in the account. @default 50 */
  readonly routesPerRouteTable?: number;
  /** Active peerings per VPC allowed in the account; above it is a warning, above 125 an error. @default 50 */
  readonly peeringsPerVpc?: number;
}

/** The stack's quotas: a SynthChecks aspect's props, else the context keys, else AWS's defaults. */
function quotasOf(stack: TerraformStack): Required<PeeringQuotas> & { readonly settings: CheckOptions["quotaSettings"] } {
  const given = Aspects.of(stack).all.find((a): a is IAspect & { readonly quotas: PeeringQuotas } => "quotas" in a)?.quotas ?? {};
  const context = (key: string) => {
    const v = stack.node.tryGetContext(key);
    return v === undefined ? undefined : Number(v);
  };
  return {
    routesPerRouteTable: given.routesPerRouteTable ?? context(QUOTA_CONTEXT.routesPerRouteTable) ?? QUOTAS.routesPerRouteTable.default,
    peeringsPerVpc: given.peeringsPerVpc ?? context(QUOTA_CONTEXT.peeringsPerVpc) ?? QUOTAS.peeringsPerVpc.default,
    settings: given.routesPerRouteTable !== undefined || given.peeringsPerVpc !== undefined
      ? { routesPerRouteTable: "SynthChecksProps.routesPerRouteTable", peeringsPerVpc: "SynthChecksProps.peeringsPerVpc" }
      : { routesPerRouteTable: `the context key ${QUOTA_CONTEXT.routesPerRouteTable}`, peeringsPerVpc: `the context key ${QUOTA_CONTEXT.peeringsPerVpc}` },
  };
}

/** Added once per stack by RoutingRegistry; checks every peering registered there when the stack synthesizes. */
export class PeeringChecks implements IAspect {
  private checked = -1;

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const registry = RoutingRegistry.of(node);
    const registered = registry.peerings;
    const sets = registry.routeSets;
    // Synth runs aspects again on every call: check (and annotate) each set of peerings once.
    if (this.checked === registered.length + sets.length) return;
    this.checked = registered.length + sets.length;
    const quotas = quotasOf(node);
    const byPlan = new Map(registered.map((r) => [r.plan, r]));
    const bySet = new Map(sets.map((r) => [r.set, r]));
    const findings = checkPeerings(registered.map((r) => r.plan), { ...quotas, quotaSettings: quotas.settings, routeSets: sets.map((r) => r.set) });
    const errors: ConfigProblem[] = [];
    for (const f of findings) {
      const owner = f.peering ? byPlan.get(f.peering)! : bySet.get(f.routeSet)!;
      const at = (f.route && owner.routeConstruct(f.route)) ?? owner.construct;
      if (f.problem.severity === "error") errors.push({ ...f.problem, path: at.node.path });
      else Annotations.of(at).addWarning(f.problem.message);
    }
    if (errors.length > 0) throw new ConfigError(`peerings of stack ${node.node.path}`, errors, "its props");
  }
}

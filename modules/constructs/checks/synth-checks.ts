import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Annotations, DefaultTokenResolver, IAspect, StringConcat, TerraformProvider, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { checkPeerings } from "../../core/peering";
import type { ConfigProblem } from "../../core/problems";
import { PeeringRegistry } from "../routing/peering-registry";

export interface SynthChecksProps {
  /** Routes per route table allowed in the account. @default 50 */
  readonly routesPerRouteTable?: number;
  /** Active peerings per VPC allowed in the account; above it is a warning, above 125 an error. @default 50 */
  readonly peeringsPerVpc?: number;
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Checks over a stack that config validation cannot see (constructs used as a library, peerings
 * built by hand), raised as error/warning annotations, which `cdktf synth` prints and which make
 * `app.synth()` fail. Peerings are checked through the plans they registered, by the same rules
 * config validation uses (core/peering.ts checkPeerings); any security-group rule in the stack is
 * checked for ingress open to the world and for group references across regions.
 * Add with `Aspects.of(stack).add(new SynthChecks())`.
 */
export class SynthChecks implements IAspect {
  constructor(private readonly props: SynthChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const report = (at: IConstruct, p: Pick<ConfigProblem, "message" | "severity">) =>
      p.severity === "error" ? Annotations.of(at).addError(p.message) : Annotations.of(at).addWarning(p.message);

    const registered = PeeringRegistry.of(node).peerings;
    const byPlan = new Map(registered.map((r) => [r.plan, r]));
    const findings = checkPeerings(
      registered.map((r) => r.plan),
      {
        routesPerRouteTable: this.props.routesPerRouteTable,
        peeringsPerVpc: this.props.peeringsPerVpc,
        quotaSettings: { routesPerRouteTable: "SynthChecksProps.routesPerRouteTable", peeringsPerVpc: "SynthChecksProps.peeringsPerVpc" },
      },
    );
    for (const f of findings) {
      const owner = byPlan.get(f.peering)!;
      report((f.route && owner.routeConstruct(f.route)) ?? owner.construct, f.problem);
    }
    checkSecurityGroupRules(node, report);
  }
}

/** Ingress open to the world, and group references across regions (AWS allows references within one region only). */
function checkSecurityGroupRules(stack: TerraformStack, report: (at: IConstruct, p: Pick<ConfigProblem, "message" | "severity">) => void): void {
  const resolve = (value: unknown): unknown =>
    Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  const open = (at: IConstruct, cidr: string) =>
    report(at, { severity: "error", message: `ingress open to ${cidr}: peering rules should name the peer's CIDR blocks or security group, not the whole internet` });
  const all = stack.node.findAll();
  const providerRegion = new Map<TerraformProvider | undefined, string | undefined>();
  for (const p of all.filter((c): c is TerraformProvider => c instanceof TerraformProvider)) {
    providerRegion.set(p, p instanceof AwsProvider ? p.region : undefined);
    if (!p.alias) providerRegion.set(undefined, providerRegion.get(p));
  }
  const regionOf = (r: { regionInput?: string; provider?: TerraformProvider }) => r.regionInput ?? providerRegion.get(r.provider);

  const groupRegion = new Map<string, string | undefined>();
  for (const group of all.filter((c): c is SecurityGroup => c instanceof SecurityGroup)) {
    groupRegion.set(String(resolve(group.id)), regionOf(group));
    const ingress = group.ingressInput;
    if (Array.isArray(ingress)) {
      for (const rule of ingress) for (const c of [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])]) if (WORLD.has(c)) open(group, c);
    }
  }
  const crossRegion = (rule: VpcSecurityGroupIngressRule | SecurityGroupRule, referenced: string | undefined) => {
    if (referenced === undefined) return;
    const ref = String(resolve(referenced));
    if (!groupRegion.has(ref)) return;
    const ruleRegion = regionOf(rule);
    const refRegion = groupRegion.get(ref);
    if (ruleRegion && refRegion && ruleRegion !== refRegion) {
      report(rule, { severity: "error", message: `references a security group in ${refRegion} from a rule in ${ruleRegion}: security groups cannot be referenced across regions, use the peer VPC's CIDR blocks` });
    }
  };
  for (const rule of all.filter((c): c is VpcSecurityGroupIngressRule => c instanceof VpcSecurityGroupIngressRule)) {
    for (const c of [rule.cidrIpv4Input, rule.cidrIpv6Input]) if (typeof c === "string" && WORLD.has(c)) open(rule, c);
    crossRegion(rule, rule.referencedSecurityGroupIdInput);
  }
  for (const rule of all.filter((c): c is SecurityGroupRule => c instanceof SecurityGroupRule)) {
    if (rule.typeInput !== "ingress") continue;
    for (const c of [...(rule.cidrBlocksInput ?? []), ...(rule.ipv6CidrBlocksInput ?? [])]) if (WORLD.has(c)) open(rule, c);
    crossRegion(rule, rule.sourceSecurityGroupIdInput);
  }
}

import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Annotations, DefaultTokenResolver, IAspect, StringConcat, TerraformProvider, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import type { ConfigProblem } from "../../core/problems";
import type { PeeringQuotas } from "./peering-checks";

/** The quotas of the account (see PeeringQuotas). */
export type SynthChecksProps = PeeringQuotas;

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Checks of security-group rules anywhere in a stack (ingress open to the world, group
 * references across regions), raised as error/warning annotations, which `cdktf synth` prints
 * and which make `app.synth()` fail. Add with `Aspects.of(stack).add(new SynthChecks())`.
 * Peerings are checked without it (PeeringChecks attaches itself with the first peering); its
 * quota props, when given, are the quotas those checks use.
 */
export class SynthChecks implements IAspect {
  constructor(private readonly props: SynthChecksProps = {}) {}

  /** The account's quotas the peering checks of this stack use. */
  get quotas(): PeeringQuotas {
    return this.props;
  }

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const report = (at: IConstruct, p: Pick<ConfigProblem, "message" | "severity">) =>
      p.severity === "error" ? Annotations.of(at).addError(p.message) : Annotations.of(at).addWarning(p.message);
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

import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, Fn, IResolvable, Op, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import type { TopologyConfig } from "../app/config/schema";
import { resolveTopology, type ResolvedTopology } from "../app/adapter";
import { ModuleBinding, PeeringStack } from "../app/peering-stack";
import { PROVIDER_SIDES, ProviderSide, providerSides, transitGatewaySides } from "../app/tunables";
import type { FlowLogs } from "../constructs/flow-logs/flow-logs";
import { and, not, onlyWhen, or, type PlanTimeBoolean } from "../constructs/plan-time-condition";
import type { PlanTimeLocation } from "../constructs/routing/vpc-peering";
import { ConfigError, type ConfigProblem, error } from "../core/problems";
import { moduleInputs } from "./inputs";
import { ModuleTags } from "./tags";
import { ModuleVariables } from "./variables";

/**
 * The body of a Terraform module generated from a config: tunable values become variables,
 * resources use the caller's `aws.requester` / `aws.accepter` providers, and there is no backend
 * (see writer.ts, which turns the synthesized JSON into main.tf.json). The caller's two providers
 * may be two accounts or regions: each side's account and region are read from its provider at
 * plan time, and acceptance, DNS options and flow-log destinations follow from them. Transit
 * gateways go through the provider of their attached VPCs' side (transitGatewaySides).
 */
export class ModuleStack extends PeeringStack {
  constructor(scope: Construct, id: string, config: TopologyConfig) {
    super(scope, id, config, {
      bindModule: (stack, plan): ModuleBinding => {
        // What a generated module does not place on the caller's providers yet: refused, naming the field.
        const notYet = [
          ...(config.dnsQueryLogs ? [error("dnsQueryLogs", "a generated module does not log DNS queries yet (its VPCs' accounts and regions come from the caller's providers); remove dnsQueryLogs, or synthesize it as a stack with `npm run synth`")] : []),
          ...unplacedTransitGateways(plan),
        ];
        if (notYet.length > 0) throw new ConfigError("module mode", notYet);
        // Variable defaults are literal values in Terraform JSON (not templates): they come from
        // the config as written, while the stack's own literals are escaped: hence the topology of
        // the unescaped config here, beside the stack's plan of the escaped one.
        const variables = new ModuleVariables(stack, "inputs", { inputs: moduleInputs(config, resolveTopology(config)) });
        // Provider blocks only give resources their `aws.<alias>` references; the module writer
        // drops the blocks and declares the aliases as configuration_aliases for the caller to pass.
        const providers = Object.fromEntries(PROVIDER_SIDES.map((side) => [side, new AwsProvider(stack, side, { alias: side })])) as Record<ProviderSide, AwsProvider>;
        Aspects.of(stack).add(new ModuleTags(variables.tags));
        return {
          tunables: variables,
          providerFor: (side) => providers[side],
          accountProvider: (key, accountId) => accountProvider(stack, key, accountId),
          sidesFromProviders: true,
          shareFlowLogDestination: (requester, accepter) => shareWhenColocated(stack, providers, requester[0], accepter[0], { key: "own", regional: { requester: requester.slice(1), accepter: accepter.slice(1) } }),
        };
      },
    });
  }
}

/**
 * Transit gateways a module cannot place on one caller provider: a gateway lives on the provider
 * of its attached VPCs' side (transitGatewaySides), so VPCs of the default account on both sides
 * would put it in two accounts or regions at once; and a TGW peering between gateways on two
 * sides would need the peer's account, which only the caller's providers know.
 */
function unplacedTransitGateways(plan: ResolvedTopology): ConfigProblem[] {
  const sides = providerSides(plan);
  const gatewaySides = transitGatewaySides(plan, sides);
  const problems: ConfigProblem[] = [];
  plan.transitGateways.forEach((g, i) => {
    if (gatewaySides[g.name].length > 1) {
      const bySide = (side: ProviderSide) => g.attachments.filter((a) => !plan.vpcs[a.vpc]?.account && sides[a.vpc] === side).map((a) => a.vpc).join(", ");
      problems.push(error(`transitGateways[${i}].attachments`, `in a generated module, ${bySide("requester")} go through aws.requester and ${bySide("accepter")} through aws.accepter (the accepter side of their first peering), but transit gateway ${g.name} and its attachments need one provider; attach VPCs of one side only, put the others in a config account (vpcs.<key>.account, passed as aws.<account>), or synthesize it as a stack with \`npm run synth\``));
    }
    g.peerWith.forEach((p, j) => {
      const peer = gatewaySides[p.gateway];
      if (peer && peer[0] !== gatewaySides[g.name][0]) {
        problems.push(error(`transitGateways[${i}].peerWith[${j}].gateway`, `in a generated module, transit gateway ${g.name} goes through aws.${gatewaySides[g.name][0]} and ${p.gateway} through aws.${peer[0]}, which may be two accounts, and a TGW peering across accounts names the peer's account; attach the two gateways' VPCs on one side, or synthesize it as a stack with \`npm run synth\``));
      }
    });
  });
  return problems;
}

/**
 * A config account (`accounts.<key>`) is the caller's provider `aws.<key>`: its credentials and
 * region are the caller's to choose (the module has no provider configuration). Its account is
 * fixed by the config, so a provider of another account stops the plan before any change (the
 * role of a root stack's allowed_account_ids).
 */
function accountProvider(scope: Construct, key: string, accountId: string): AwsProvider {
  const provider = new AwsProvider(scope, `account-${key}`, { alias: key });
  const caller = new DataAwsCallerIdentity(scope, `account-${key}-identity`, { provider });
  caller.addOverride("lifecycle.postcondition", [{
    condition: `\${self.account_id == "${accountId}"}`,
    error_message: `The provider passed as aws.${key} runs in account \${self.account_id}, but accounts.${key} in the config is ${accountId}: pass a provider for account ${accountId} (e.g. one that assumes a role there).`,
  }]);
  return provider;
}

/** How shareWhenColocated makes the sides' groups, keys and the accepter side's role exist or not. */
export interface ShareOptions {
  /** The instance key of those that exist (`aws_iam_role.x["<key>"]`). */
  readonly key: string;
  /** Each side's account and region, when already read (e.g. `VpcPeering.locatedSides`). @default read here */
  readonly located?: Readonly<Record<ProviderSide, PlanTimeLocation>>;
  /** Each side's further groups (after its first), each in a VPC's own region. @default none */
  readonly regional?: Readonly<Partial<Record<ProviderSide, readonly FlowLogs[]>>>;
}

/** A side's group: its FlowLogs, and its region when fixed (a VPC's own), else its provider's. */
interface Placed {
  readonly side: ProviderSide;
  readonly logs: FlowLogs;
  readonly group: CloudwatchLogGroup;
  readonly region?: string;
}

/**
 * The sides' CloudWatch Logs groups, made through aws.requester and aws.accepter, all share one
 * name: two in one account and region would collide. In the order requester's first, requester's
 * regionals (each in a VPC's own region), accepter's first, accepter's regionals, each group (and
 * its key) exists unless an earlier one lands in the same account and region when Terraform plans,
 * and the flow logs of a group that does not exist write to that earlier one. The accepter side's
 * role exists unless both providers are one account (IAM names are account-wide): its flow logs
 * then use the requester's role. Decided at plan time through `onlyWhen`, so the rule combines
 * with other plan-time conditions on the same resources (a module whose flow logs are optional, a
 * role created unless one is given): the group, key, role and role policy get one instance
 * (`options.key`) or none, and every reference to them reads null when there is none. One rule
 * for module mode and the pair module. The accepter side's regional groups use its role, which
 * then writes to its group name in any region (anyRegion), so its policy is kept. Accepter flow
 * logs that may use the requester's role wait for its policy and for their own side's.
 */
export function shareWhenColocated(scope: Construct, providers: Record<ProviderSide, AwsProvider>, requester: FlowLogs, accepter: FlowLogs, options: ShareOptions): void {
  const where = (side: ProviderSide) => options.located?.[side] ?? {
    accountId: new DataAwsCallerIdentity(scope, `flow-logs-${side}-account`, { provider: providers[side] }).accountId,
    region: new DataAwsRegion(scope, `flow-logs-${side}-region`, { provider: providers[side] }).region,
  };
  const located: Record<ProviderSide, PlanTimeLocation> = { requester: where("requester"), accepter: where("accepter") };
  const sameAccount = Op.eq(located.requester.accountId, located.accepter.accountId);
  const { role, rolePolicy: policy } = accepter.cloudWatchLogs;
  const mine = requester.cloudWatchLogs;
  const unless = (element: IConstruct, condition: IResolvable) => onlyWhen(element, Op.not(condition), { key: options.key });

  // The groups in order, and whether an earlier one lands where a later one does.
  const firsts: Record<ProviderSide, FlowLogs> = { requester, accepter };
  const placed: Placed[] = PROVIDER_SIDES.flatMap((side) => [firsts[side], ...(options.regional?.[side] ?? [])].flatMap((logs): Placed[] => {
    const group = logs.cloudWatchLogs.logGroup;
    return group ? [{ side, logs, group, region: group.regionInput }] : [];
  }));
  const regionOf = (g: Placed) => g.region ?? located[g.side].region;
  const fixed = (g: Placed) => g.region !== undefined && !Token.isUnresolved(g.region);
  const together = (earlier: Placed, later: Placed): PlanTimeBoolean => and([
    earlier.side === later.side ? true : Op.eq(located[earlier.side].accountId, located[later.side].accountId),
    earlier.side === later.side && earlier.region === undefined && later.region === undefined ? true
      : fixed(earlier) && fixed(later) ? earlier.region === later.region
        : Op.eq(regionOf(earlier), regionOf(later)),
  ]);
  // Before this rule, the accepter's first group was kept under the key when neither side's first
  // group was in a VPC's own region (shared when colocated), and unkeyed otherwise.
  const wasKeyed = (g: Placed) => g.logs === accepter && placed.every((p) => p.logs !== requester || p.region === undefined) && g.region === undefined;
  placed.forEach((g, i) => {
    const earlier = placed.slice(0, i).map((e) => ({ e, together: together(e, g) })).filter((c) => c.together !== false);
    const exists = not(or(earlier.map((c) => c.together)));
    const resources = [g.group, ...(g.logs.cloudWatchLogs.key ? [g.logs.cloudWatchLogs.key] : [])];
    if (exists === true) {
      // Never where an earlier group is: one instance, no key (moved from the key it had before).
      if (g.logs === accepter && !wasKeyed(g)) for (const r of resources) r.moveFromId(`${r.terraformResourceType}.${r.friendlyUniqueId}["${options.key}"]`);
      return;
    }
    for (const r of resources) onlyWhen(r, exists, { key: options.key, movedFromUnkeyed: !wasKeyed(g) });
    // Its flow logs write to its group, or else to the earlier group where it lands (the last
    // candidate needs no condition: when the others are elsewhere or absent, it is that one).
    const candidates = earlier.map((c, j) => (j === earlier.length - 1 ? c.e.logs.logGroupArn : Fn.conditional(c.together, c.e.logs.logGroupArn, Token.nullValue())));
    const destination = Fn.coalesce([g.logs.logGroupArn, ...candidates]) as string;
    for (const log of [...Object.values(g.logs.flowLogs), ...Object.values(g.logs.subnetAndInterfaceFlowLogs)] as FlowLog[]) log.addOverride("log_destination", destination);
  });

  let roleArn: string | undefined;
  if (role && policy && mine.role) {
    // The role's policy names the accepter's own group: it exists only in another account, where
    // that group exists too (another account is never colocated), so the reference is never null.
    [role, policy].forEach((r) => unless(r, sameAccount));
    roleArn = accepter.roleArn && requester.roleArn ? (Fn.coalesce([accepter.roleArn, requester.roleArn]) as string) : undefined;
  }
  if (!roleArn) return;
  const regional = (options.regional?.accepter ?? []).flatMap((l) => Object.values(l.flowLogs) as FlowLog[]);
  for (const log of [...(Object.values(accepter.flowLogs) as FlowLog[]), ...regional]) {
    log.addOverride("iam_role_arn", roleArn);
    // A regional group's flow log uses the side's role without its FlowLogs' own policy: it waits for both.
    const waitFor = [...(regional.includes(log) && policy ? [policy] : []), ...(mine.rolePolicy ? [mine.rolePolicy] : [])];
    log.dependsOn = [...(log.dependsOn ?? []), ...waitFor.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`)];
  }
}

import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, TerraformOutput, TerraformProvider, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { TopologyConfig } from "./config/schema";
import { CreatedVpc } from "../constructs/vpc/created-vpc";
import { ExistingVpc, IPeerableVpc } from "../constructs/vpc/existing-vpc";
import { FlowLogs, FlowLogTrafficType } from "../constructs/flow-logs/flow-logs";
import { ModuleTags } from "../tf-module/tags";
import { literalTunables, ModuleVariables, Tunables } from "../tf-module/variables";
import { recordFqdn } from "../core/dns";
import { inputName, moduleInputs, PROVIDER_SIDES, ProviderSide, providerSides } from "../tf-module/inputs";
import { RuleNumbers } from "../core/security";
import { planTopology } from "./plan";
import { PrivateDns } from "../constructs/dns/private-dns";
import { StateBackend } from "../constructs/state/state-backend";
import { SynthChecks } from "../constructs/checks/synth-checks";
import { VpcPeering } from "../constructs/routing/vpc-peering";

const outputName = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]+/g, "_");

export interface PeeringStackOptions {
  /**
   * `root`: a deployable stack with its provider and backend. `module`: the body of a Terraform
   * module: tunable values become variables, resources use the caller's `aws.requester` /
   * `aws.accepter` providers, no backend (see modules/tf-module/writer.ts). @default "root"
   */
  readonly mode?: "root" | "module";
}

/** The whole topology of one config file as one stack: lookups, peerings, flow logs, DNS, outputs. */
export class PeeringStack extends TerraformStack {
  readonly vpcs: Readonly<Record<string, ExistingVpc | CreatedVpc>>;
  /** Providers of the other accounts, by account key (alias = key). */
  readonly accountProviders: Readonly<Record<string, AwsProvider>>;
  readonly peerings: Readonly<Record<string, VpcPeering>>;
  readonly flowLogs?: FlowLogs;
  readonly privateZones: Readonly<Record<string, PrivateDns>>;
  /** The module's variables (module mode only). */
  readonly variables?: ModuleVariables;

  constructor(scope: Construct, id: string, config: TopologyConfig, options: PeeringStackOptions = {}) {
    super(scope, id);
    const plan = planTopology(config);
    const tags = Object.keys(config.tags).length > 0 ? config.tags : undefined;
    let input: Tunables = literalTunables;
    let providerFor: (side: ProviderSide) => TerraformProvider | undefined = () => undefined;
    const sides = providerSides(plan);
    if (options.mode === "module") {
      if (Object.keys(plan.accounts).length > 0) {
        throw new Error("accounts: module mode does not support cross-account VPCs yet (its callers pass only aws.requester and aws.accepter); synthesize this topology as a stack with `npm run synth`");
      }
      this.variables = new ModuleVariables(this, "inputs", { inputs: moduleInputs(config, plan) });
      input = this.variables;
      // Provider blocks only give resources their `aws.<alias>` references; the module writer
      // drops the blocks and declares the aliases as configuration_aliases for the caller to pass.
      const providers = Object.fromEntries(PROVIDER_SIDES.map((side) => [side, new AwsProvider(this, side, { alias: side })]));
      providerFor = (side) => providers[side];
      Aspects.of(this).add(new ModuleTags(this.variables.tags));
    } else {
      new AwsProvider(this, "aws", { region: config.region, defaultTags: tags ? [{ tags }] : undefined });
      new StateBackend(this, "state", config.backend);
    }
    Aspects.of(this).add(new SynthChecks({ routesPerRouteTable: config.quotas.routesPerRouteTable, peeringsPerVpc: config.quotas.peeringsPerVpc }));

    // One provider per other account, in the default region: other regions use the v6 per-resource
    // `region` argument, so inter-region alone never needs a provider of its own.
    const accountProviders: Record<string, AwsProvider> = {};
    for (const [key, account] of Object.entries(plan.accounts)) {
      accountProviders[key] = new AwsProvider(this, `aws-${key}`, {
        alias: key,
        region: config.region,
        assumeRole: [{ roleArn: account.roleArn, externalId: account.externalId, sessionName: account.sessionName }],
        allowedAccountIds: [account.id],
        defaultTags: tags ? [{ tags }] : undefined,
      });
    }
    this.accountProviders = accountProviders;

    const vpcs: Record<string, ExistingVpc | CreatedVpc> = {};
    for (const vpc of Object.values(plan.vpcs)) {
      const placement = {
        key: vpc.key,
        region: vpc.region === config.region ? undefined : vpc.region,
        provider: vpc.account ? accountProviders[vpc.account] : providerFor(sides[vpc.key]),
        accountId: vpc.account ? plan.accounts[vpc.account].id : undefined,
        routeTo: vpc.routeTo,
        securityGroupIds: vpc.securityGroups,
        networkAcl: vpc.networkAcl,
      };
      const byId = vpc.routeTables.filter((t) => "id" in t.lookup);
      const byName = vpc.routeTables.filter((t) => "name" in t.lookup);
      vpcs[vpc.key] = vpc.create
        ? new CreatedVpc(this, `vpc-${vpc.key}`, {
            ...placement,
            cidrBlocks: vpc.cidrBlocks,
            subnets: vpc.create.subnets,
            routeTableName: vpc.create.routeTableName,
          })
        : new ExistingVpc(this, `vpc-${vpc.key}`, {
            ...placement,
            ...("id" in vpc.lookup
              ? { vpcId: input.string(inputName.vpcId(vpc.key), vpc.lookup.id) }
              : { name: input.string(inputName.vpcName(vpc.key), vpc.lookup.name) }),
            cidrBlocks: vpc.cidrBlocks,
            ipv6CidrBlocks: vpc.ipv6CidrBlocks,
            routeTables: vpc.routeTables.map((t) => ({
              key: t.key,
              lookup: "id" in t.lookup
                ? { id: input.element(inputName.routeTableIds(vpc.key), byId.indexOf(t), t.lookup.id) }
                : { name: input.element(inputName.routeTableNames(vpc.key), byName.indexOf(t), t.lookup.name) },
            })),
            subnets: vpc.subnets,
            requireDns: vpc.requiresDns,
          });
      new TerraformOutput(this, outputName("vpc", vpc.key, "id"), { value: vpcs[vpc.key].vpcId, description: `Id of VPC ${vpc.key}` });
    }
    this.vpcs = vpcs;

    const peerings: Record<string, VpcPeering> = {};
    const ruleNumbers = new RuleNumbers();
    for (const p of plan.peerings) {
      const rules = p.securityRules;
      peerings[p.name] = new VpcPeering(this, `peering-${p.name}`, {
        name: input.string(inputName.peeringName(p.name), p.name),
        requester: vpcs[p.requester] as IPeerableVpc,
        accepter: vpcs[p.accepter] as IPeerableVpc,
        allowRemoteVpcDnsResolution: {
          requester: input.bool(inputName.dnsResolution(p.name, "requester"), p.allowRemoteVpcDnsResolution.requester),
          accepter: input.bool(inputName.dnsResolution(p.name, "accepter"), p.allowRemoteVpcDnsResolution.accepter),
        },
        securityRules: rules && {
          ports: rules.ports,
          allowInto: rules.allowInto,
          source: rules.source,
          requesterSecurityGroupIds: rules.requesterSecurityGroups,
          accepterSecurityGroupIds: rules.accepterSecurityGroups,
          ruleNumbers,
        },
        defaultRegion: config.region,
        tags: p.tags,
      });
      new TerraformOutput(this, outputName("peering", p.name, "id"), {
        value: peerings[p.name].connectionId,
        description: `Id of peering connection ${p.name} (${p.requester} → ${p.accepter})`,
      });
    }
    this.peerings = peerings;

    if (config.flowLogs && plan.flowLogVpcs.length > 0) {
      const fl = config.flowLogs;
      this.flowLogs = new FlowLogs(this, "flow-logs", {
        vpcs: Object.fromEntries(plan.flowLogVpcs.map((key) => [key, vpcs[key].vpcId])),
        trafficType: input.string(inputName.flowLogTrafficType(), fl.trafficType) as FlowLogTrafficType,
        maxAggregationInterval: fl.maxAggregationInterval,
        logGroup: {
          ...fl.logGroup,
          name: input.string(inputName.flowLogGroupName(), fl.logGroup.name),
          retentionInDays: fl.logGroup.create
            ? input.number(inputName.flowLogRetentionInDays(), fl.logGroup.retentionInDays)
            : undefined,
        },
        role: { ...fl.role, name: input.string(inputName.flowLogRoleName(), fl.role.name) },
        provider: providerFor("requester"),
      });
      for (const [key, log] of Object.entries(this.flowLogs.flowLogs)) {
        new TerraformOutput(this, outputName("flow_log", key, "id"), { value: log.id, description: `Id of the flow log of VPC ${key}` });
      }
      new TerraformOutput(this, "flow_log_group_arn", { value: this.flowLogs.logGroupArn, description: "ARN of the flow-log CloudWatch Logs group" });
      new TerraformOutput(this, "flow_log_role_arn", { value: this.flowLogs.roleArn, description: "ARN of the IAM role that delivers flow logs" });
    }

    const zones: Record<string, PrivateDns> = {};
    for (const zone of config.privateZones) {
      const zoneVpc = (key: string) => ({ vpcId: vpcs[key].vpcId, region: plan.vpcs[key].region });
      const dns = new PrivateDns(this, `zone-${zone.name}`, {
        zoneName: zone.name,
        vpc: zoneVpc(zone.vpc),
        additionalVpcs: zone.additionalVpcs.map(zoneVpc),
        comment: zone.comment,
        records: zone.records.map((r) =>
          r.type === "CNAME" ? { ...r, ttl: input.number(inputName.recordTtl(recordFqdn(zone.name, r.name), r.type), r.ttl) } : r,
        ),
        provider: providerFor(sides[zone.vpc]),
      });
      zones[zone.name] = dns;
      new TerraformOutput(this, outputName("private_zone", zone.name, "id"), { value: dns.zoneId, description: `Id of private hosted zone ${zone.name}` });
      for (const record of zone.records) {
        const fqdn = recordFqdn(zone.name, record.name);
        new TerraformOutput(this, outputName("record", fqdn, record.type.toLowerCase(), "fqdn"), {
          value: dns.records[fqdn].fqdn,
          description: `FQDN of the ${record.type} record ${fqdn}`,
        });
      }
    }
    this.privateZones = zones;
  }

  /**
   * cdktf resolves every element once before writing only to discover cross-stack references,
   * then again to write. A PeeringStack alone in its app has no other stack to reference, so that
   * first pass is skipped (about a third of synth CPU for a 50-VPC mesh); beside other stacks it
   * runs as usual. The backend check it also does is moot: StateBackend always configures one.
   */
  prepareStack(): void {
    const app = this.node.scope;
    if (app && app.node.children.filter((c) => TerraformStack.isStack(c)).length === 1) return;
    super.prepareStack();
  }
}

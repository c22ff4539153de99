import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, TerraformOutput, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { SynthChecks } from "../constructs/checks/synth-checks";
import { PrivateHostedZone, RecordProps, RecordRouting } from "../constructs/dns/private-zone";
import { RecordTarget } from "../constructs/dns/record-target";
import { FlowLogDestination } from "../constructs/flow-logs/destination";
import { FlowLogs, FlowLogTrafficType } from "../constructs/flow-logs/flow-logs";
import { VpcPeering } from "../constructs/routing/vpc-peering";
import { StateBackend } from "../constructs/state/state-backend";
import { CreatedVpc } from "../constructs/vpc/created-vpc";
import { ExistingVpc } from "../constructs/vpc/existing-vpc";
import type { IPeerableVpc } from "../constructs/vpc/peerable-vpc";
import { recordFqdn } from "../core/dns";
import { escapeTemplates } from "../core/template";
import { planTopology, TopologyPlan } from "./adapter";
import { SingleStackFastPath } from "./cdktf-adapter";
import { outputName, sharedZoneNames } from "./names";
import type { RecordConfig, TopologyConfig } from "./config/schema";
import { inputLabel, inputName, literalTunables, PROVIDER_SIDES, ProviderSide, providerSides, Tunables } from "./tunables";

/** How a stack is bound when it is the body of a Terraform module instead of a deployable root. */
export interface ModuleBinding {
  /** Values read as module variables. */
  readonly tunables: Tunables;
  /** The caller's provider for a side (`aws.requester` / `aws.accepter`). */
  providerFor(side: ProviderSide): TerraformProvider;
  /**
   * The caller's providers decide each side's account and region (see VpcPeeringProps.locateSidesAtPlanTime).
   * @default false
   */
  readonly sidesFromProviders?: boolean;
  /**
   * Called when both sides have flow logs (each through its own provider): lets the module share
   * one log group and role when the two providers turn out to be one account and region.
   */
  shareFlowLogDestination?(requester: FlowLogs, accepter: FlowLogs): void;
}

export interface PeeringStackOptions {
  /**
   * Makes the stack the body of a Terraform module (see modules/tf-module): called once, before
   * anything else is built, to create the module's variables and provider references. No provider
   * block and no backend are written then. @default a deployable root stack
   */
  readonly bindModule?: (stack: PeeringStack, plan: TopologyPlan) => ModuleBinding;
}

/** A record of the config as the zone construct takes it (TTL aside: it may be a module input). */
function recordProps(record: RecordConfig): RecordProps {
  const target = record.alias
    ? "loadBalancer" in record.alias
      ? RecordTarget.fromLoadBalancer(record.alias.loadBalancer, { evaluateTargetHealth: record.alias.evaluateTargetHealth })
      : RecordTarget.fromVpcEndpoint(record.alias.vpcEndpoint.id, { evaluateTargetHealth: record.alias.evaluateTargetHealth })
    : record.target
      ? "value" in record.target ? RecordTarget.fromValues(record.target.value) : RecordTarget.fromLoadBalancer(record.target.loadBalancer)
      : RecordTarget.fromValues(...(record.values ?? []));
  const routing: RecordRouting | undefined = record.setIdentifier === undefined
    ? undefined
    : record.failover
      ? { setIdentifier: record.setIdentifier, failover: record.failover, healthCheckId: record.healthCheckId }
      : { setIdentifier: record.setIdentifier, weight: record.weight ?? 0, healthCheckId: record.healthCheckId };
  return { name: record.name, type: record.type, target, routing };
}

/** The whole topology of one config file as one stack: lookups, peerings, flow logs, DNS, outputs. */
export class PeeringStack extends SingleStackFastPath {
  readonly vpcs: Readonly<Record<string, IPeerableVpc>>;
  /** Providers of the other accounts, by account key (alias = key). */
  readonly accountProviders: Readonly<Record<string, AwsProvider>>;
  readonly peerings: Readonly<Record<string, VpcPeering>>;
  readonly flowLogs?: FlowLogs;
  /** Private zones by name (by `<name>/<vpc key>` when two zones share a name). */
  readonly privateZones: Readonly<Record<string, PrivateHostedZone>>;

  constructor(scope: Construct, id: string, rawConfig: TopologyConfig, options: PeeringStackOptions = {}) {
    super(scope, id, { movedFromHashedAddresses: rawConfig.movedFromHashedAddresses });
    // Config text is data: every string that reaches a resource or provider argument is escaped
    // so Terraform takes `${...}` and `%{...}` literally. Keys, ids, CIDRs and DNS names are
    // validated and cannot hold either opener; the backend block is not a template.
    const config: TopologyConfig = { ...escapeTemplates(rawConfig), backend: rawConfig.backend };
    const plan = planTopology(config);
    const tags = Object.keys(config.tags).length > 0 ? config.tags : undefined;
    let input: Tunables = literalTunables;
    let providerFor: (side: ProviderSide) => TerraformProvider | undefined = () => undefined;
    let sidesFromProviders = false;
    let moduleBinding: ModuleBinding | undefined;
    const sides = providerSides(plan);
    if (options.bindModule) {
      const binding = (moduleBinding = options.bindModule(this, plan));
      input = binding.tunables;
      providerFor = (side) => binding.providerFor(side);
      sidesFromProviders = binding.sidesFromProviders ?? false;
    } else {
      new AwsProvider(this, "aws", {
        region: config.region,
        // With the account named, credentials for any other account stop the plan before a change.
        allowedAccountIds: config.accountId ? [config.accountId] : undefined,
        defaultTags: tags ? [{ tags }] : undefined,
      });
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

    const vpcs: Record<string, IPeerableVpc> = {};
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
        : ExistingVpc.fromLookup(this, `vpc-${vpc.key}`, {
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
            passedAs: options.bindModule ? inputLabel("id" in vpc.lookup ? inputName.vpcId(vpc.key) : inputName.vpcName(vpc.key)) : undefined,
          });
      new TerraformOutput(this, outputName.vpcId(vpc.key), { value: vpcs[vpc.key].vpcId, description: `Id of VPC ${vpc.key}` });
    }
    this.vpcs = vpcs;

    const peerings: Record<string, VpcPeering> = {};
    for (const p of plan.peerings) {
      const rules = p.securityRules;
      peerings[p.name] = new VpcPeering(this, `peering-${p.name}`, {
        name: input.string(inputName.peeringName(p.name), p.name),
        requester: vpcs[p.requester],
        accepter: vpcs[p.accepter],
        allowRemoteVpcDnsResolution: {
          requester: input.bool(inputName.dnsResolution(p.name, "requester"), p.allowRemoteVpcDnsResolution.requester),
          accepter: input.bool(inputName.dnsResolution(p.name, "accepter"), p.allowRemoteVpcDnsResolution.accepter),
        },
        securityRules: rules,
        defaultRegion: config.region,
        tags: p.tags,
        locateSidesAtPlanTime: sidesFromProviders,
      });
      new TerraformOutput(this, outputName.peeringId(p.name), {
        value: peerings[p.name].connectionId,
        description: `Id of peering connection ${p.name} (${p.requester} → ${p.accepter})`,
      });
    }
    this.peerings = peerings;

    if (config.flowLogs && plan.flowLogVpcs.length > 0) {
      const fl = config.flowLogs;
      const destination = () => FlowLogDestination.toCloudWatchLogs(
        {
          ...fl.logGroup,
          name: input.string(inputName.flowLogGroupName(), fl.logGroup.name),
          retentionInDays: fl.logGroup.create ? input.number(inputName.flowLogRetentionInDays(), fl.logGroup.retentionInDays) : undefined,
        },
        { ...fl.role, name: input.string(inputName.flowLogRoleName(), fl.role.name) },
      );
      // A flow log lives in its VPC's account and region: in a module each side's VPCs are logged
      // through that side's provider, and the binding decides what the two sides share.
      const bySide = sidesFromProviders
        ? PROVIDER_SIDES.map((side) => [side, plan.flowLogVpcs.filter((key) => sides[key] === side)] as const).filter(([, keys]) => keys.length > 0)
        : [["requester", plan.flowLogVpcs] as const];
      const logs: Partial<Record<ProviderSide, FlowLogs>> = {};
      for (const [side, keys] of bySide) {
        logs[side] = new FlowLogs(this, side === "requester" || bySide.length === 1 ? "flow-logs" : `flow-logs-${side}`, {
          vpcs: Object.fromEntries(keys.map((key) => [key, vpcs[key].vpcId])),
          destination: destination(),
          trafficType: input.string(inputName.flowLogTrafficType(), fl.trafficType) as FlowLogTrafficType,
          maxAggregationInterval: fl.maxAggregationInterval,
          provider: providerFor(side),
        });
        for (const [key, log] of Object.entries(logs[side].flowLogs)) {
          new TerraformOutput(this, outputName.flowLogId(key), { value: log.id, description: `Id of the flow log of VPC ${key}` });
        }
      }
      if (logs.requester && logs.accepter) moduleBinding?.shareFlowLogDestination?.(logs.requester, logs.accepter);
      this.flowLogs = logs.requester ?? logs.accepter;
      new TerraformOutput(this, "flow_log_group_arn", { value: this.flowLogs!.logGroupArn, description: "ARN of the flow-log CloudWatch Logs group" });
      new TerraformOutput(this, "flow_log_role_arn", { value: this.flowLogs!.roleArn, description: "ARN of the IAM role that delivers flow logs" });
    }

    const regions: Partial<Record<ProviderSide, string>> = {};
    const providerRegion = (side: ProviderSide) =>
      (regions[side] ??= new DataAwsRegion(this, `region-${side}`, { provider: providerFor(side) }).region);
    const zones: Record<string, PrivateHostedZone> = {};
    const sharedNames = sharedZoneNames(config);
    for (const zone of config.privateZones) {
      // Two zones may share a name when they serve different VPCs (split-horizon): the VPC key tells them apart.
      const shared = sharedNames.has(zone.name);
      const zoneKey = shared ? `${zone.name}/${zone.vpc}` : zone.name;
      // In a module the caller's provider of the VPC's side knows its region; here the config does.
      // A VPC of another account (its own provider) is associated through an authorization.
      const zoneVpc = (key: string) =>
        sidesFromProviders
          ? { vpcId: vpcs[key].vpcId, region: providerRegion(sides[key]) }
          : { vpcId: vpcs[key].vpcId, region: plan.vpcs[key].region, provider: vpcs[key].provider, key };
      const dns = new PrivateHostedZone(this, `zone-${shared ? `${zone.name}-${zone.vpc}` : zone.name}`, {
        zoneName: zone.name,
        vpc: zoneVpc(zone.vpc),
        comment: zone.comment,
        // The zone lives in its VPC's account.
        provider: sidesFromProviders ? providerFor(sides[zone.vpc]) : vpcs[zone.vpc].provider,
      });
      for (const key of zone.additionalVpcs) dns.addVpc(zoneVpc(key));
      zones[zoneKey] = dns;
      new TerraformOutput(this, outputName.zoneId(zone.name, shared ? zone.vpc : undefined), { value: dns.zoneId, description: `Id of private hosted zone ${zone.name}${shared ? ` of VPC ${zone.vpc}` : ""}` });
      for (const record of zone.records) {
        const fqdn = recordFqdn(zone.name, record.name);
        const resource = dns.addRecord({
          ...recordProps(record),
          ttl: record.alias ? undefined : input.number(inputName.recordTtl(fqdn, record.type, shared ? zone.vpc : undefined, record.setIdentifier), record.ttl),
        });
        new TerraformOutput(this, outputName.recordFqdn(fqdn, record.type, shared ? zone.vpc : undefined, record.setIdentifier), {
          value: resource.fqdn,
          description: `FQDN of the ${record.type} record ${fqdn}`,
        });
      }
    }
    this.privateZones = zones;
  }
}

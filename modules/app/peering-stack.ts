import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, Fn, TerraformOutput, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { SynthChecks } from "../constructs/checks/synth-checks";
import { PrivateHostedZone, RecordProps, RecordRouting } from "../constructs/dns/private-zone";
import { ResolverQueryLogging } from "../constructs/dns/query-logging";
import { queryLoggedVpcKeys } from "./config/dns-checks";
import { RecordTarget } from "../constructs/dns/record-target";
import { GatewayVpcEndpoint } from "../constructs/endpoints/gateway-endpoint";
import { InterfaceVpcEndpoint } from "../constructs/endpoints/interface-endpoint";
import { FlowLogDestination } from "../constructs/flow-logs/destination";
import { FlowLogs, FlowLogTrafficType } from "../constructs/flow-logs/flow-logs";
import { recordFact } from "../constructs/facts";
import { VpcPeering } from "../constructs/routing/vpc-peering";
import { StateBackend } from "../constructs/state/state-backend";
import { CreatedVpc } from "../constructs/vpc/created-vpc";
import { ExistingVpc } from "../constructs/vpc/existing-vpc";
import { ExternalVpc } from "../constructs/vpc/external-vpc";
import type { IPeerableVpc } from "../constructs/vpc/peerable-vpc";
import { recordFqdn } from "../core/dns";
import { DEFAULT_RECORD_TTL } from "../core/limits";
import { constructIdPart } from "../core/names";
import { escapeTemplates } from "../core/template";
import { resolveTopology, ResolvedTopology } from "./adapter";
import { flowLogPlacements, samePlace, type FlowLogPlace, type FlowLogPlacement } from "./flow-log-placements";
import { adoptExisting } from "./adopt";
import { attachingRegionCondition, buildTransitGateways, type TransitGatewayPlacement } from "./transit-gateways";
import type { TransitGateway } from "../constructs/transit/transit-gateway";
import { SingleStackFastPath } from "./cdktf-adapter";
import { outputName, sharedZoneNames, stackBackend } from "./names";
import type { RecordConfig, TopologyConfig } from "./config/schema";
import { inputLabel, inputName, literalTunables, PROVIDER_SIDES, ProviderSide, providerSides, transitGatewaySides, Tunables } from "./tunables";

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
  /** The provider of a config account (`accounts.<key>`), which the module's caller passes. */
  readonly accountProvider?: (key: string, accountId: string) => AwsProvider;
  /**
   * Called when both sides have flow logs (each through its own provider): lets the module share
   * a log group where two of them turn out to be in one account and region, and one role when
   * the two providers are one account. Each side is its groups, the first holding its role; the
   * groups of VPCs given their own region in the config (placed in that region) follow.
   */
  shareFlowLogDestination?(requester: readonly FlowLogs[], accepter: readonly FlowLogs[]): void;
}

/** What one stack of a split builds (see buildSplitStacks). */
export interface StackPart {
  /** Keys of the VPCs this stack owns: it looks them up (or creates them) and builds their side. */
  readonly vpcs: readonly string[];
  /** This stack's state backend (its own S3 key, local file or workspace). */
  readonly backend: TopologyConfig["backend"];
  /** Whether this stack comes first in deploy order (flow logs of listed subnets and interfaces go there). */
  readonly first: boolean;
  /** The escaped config and its plan, made once for all stacks of the split. */
  readonly shared: { readonly config: TopologyConfig; readonly plan: ResolvedTopology };
  /** The stack that owns a VPC key (undefined for an external VPC). */
  stackOf(key: string): PeeringStack | undefined;
  /**
   * The stack that creates a flow-log destination shared by several stacks: the log group of an
   * account and region, or the role of an account (region undefined). The first in deploy order.
   */
  destinationOwner(kind: "group" | "role", account: string | undefined, region: string | undefined): PeeringStack;
}

interface SidesContext {
  readonly config: TopologyConfig;
  readonly plan: ResolvedTopology;
  readonly input: Tunables;
  readonly vpcs: Record<string, IPeerableVpc>;
  readonly sidesFromProviders: boolean;
  readonly providerFor: (side: ProviderSide) => TerraformProvider | undefined;
  readonly sides: Record<string, ProviderSide>;
  readonly moduleBinding?: ModuleBinding;
  readonly accountProviders: Record<string, AwsProvider>;
  readonly options: PeeringStackOptions;
}

export interface PeeringStackOptions {
  /**
   * Build one stack of a split (config `split`): only these VPCs' lookups and sides; `buildSides`
   * is then called once every stack of the split exists. @default the whole topology
   */
  readonly part?: StackPart;
  /**
   * Makes the stack the body of a Terraform module (see modules/tf-module): called once, before
   * anything else is built, to create the module's variables and provider references. No provider
   * block and no backend are written then. @default a deployable root stack
   */
  readonly bindModule?: (stack: PeeringStack, plan: ResolvedTopology) => ModuleBinding;
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
  const common = record.setIdentifier === undefined ? undefined : { setIdentifier: record.setIdentifier, healthCheckId: record.healthCheckId };
  const routing: RecordRouting | undefined = common === undefined
    ? undefined
    : record.failover
      ? { ...common, failover: record.failover }
      : record.latencyRegion
        ? { ...common, latencyRegion: record.latencyRegion }
        : record.geolocation
          ? { ...common, geolocation: record.geolocation }
          : { ...common, weight: record.weight ?? 0 };
  return { name: record.name, type: record.type, target, routing };
}

/** The whole topology of one config file as one stack: lookups, peerings, flow logs, DNS, outputs. */
export class PeeringStack extends SingleStackFastPath {
  readonly vpcs: Readonly<Record<string, IPeerableVpc>>;
  /** Providers of the other accounts, by account key (alias = key). */
  readonly accountProviders: Readonly<Record<string, AwsProvider>>;
  /** By peering name (a split stack: the peerings whose connection it makes). */
  readonly peerings: Readonly<Record<string, VpcPeering>> = {};
  /** Private zones by name (by `<name>/<vpc key>` when two zones share a name). */
  readonly privateZones: Readonly<Record<string, PrivateHostedZone>> = {};
  private firstFlowLogs?: FlowLogs;
  private defaultProvider?: AwsProvider;
  private readonly peerVpcIds = new Map<string, string>();
  /** Built from the config in two steps when split: lookups first, then what needs other stacks' VPCs. */
  private readonly build: SidesContext;

  constructor(scope: Construct, id: string, rawConfig: TopologyConfig, options: PeeringStackOptions = {}) {
    super(scope, id, { movedFromHashedAddresses: rawConfig.movedFromHashedAddresses });
    // Config text is data: every string that reaches a resource or provider argument is escaped
    // so Terraform takes `${...}` and `%{...}` literally. Keys, ids, CIDRs and DNS names are
    // validated and cannot hold either opener; the backend block is not a template.
    const config: TopologyConfig = options.part?.shared.config ?? { ...escapeTemplates(rawConfig), backend: rawConfig.backend };
    const plan = options.part?.shared.plan ?? resolveTopology(config);
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
      this.defaultProvider = new AwsProvider(this, "aws", {
        region: config.region,
        // With the account named, credentials for any other account stop the plan before a change.
        allowedAccountIds: config.accountId ? [config.accountId] : undefined,
        defaultTags: tags ? [{ tags }] : undefined,
      });
      new StateBackend(this, "state", stackBackend(options.part?.backend ?? config.backend));
    }
    Aspects.of(this).add(new SynthChecks({ routesPerRouteTable: config.quotas.routesPerRouteTable, peeringsPerVpc: config.quotas.peeringsPerVpc }));

    // One provider per other account, in the default region: other regions use the v6 per-resource
    // `region` argument, so inter-region alone never needs a provider of its own. A module gets
    // its providers from the caller: there each account is an alias the caller passes.
    const accountProviders: Record<string, AwsProvider> = {};
    for (const [key, account] of Object.entries(plan.accounts)) {
      accountProviders[key] = moduleBinding?.accountProvider?.(key, account.id) ?? new AwsProvider(this, `aws-${key}`, {
        alias: key,
        region: config.region,
        assumeRole: [{ roleArn: account.roleArn, externalId: account.externalId, sessionName: account.sessionName }],
        allowedAccountIds: [account.id],
        defaultTags: tags ? [{ tags }] : undefined,
      });
    }
    this.accountProviders = accountProviders;

    const vpcs = this.buildVpcs({ config, plan, input, options, accountProviders, providerFor, sides });
    this.vpcs = vpcs;
    this.build = { config, plan, input, vpcs, sidesFromProviders, providerFor, sides, moduleBinding, accountProviders, options };
    if (!options.part) this.buildSides();
  }

  /**
   * This stack's VPCs: looked up, created, or (external) known by id; with their id outputs. A
   * stack of a split builds its own VPCs, and every external one (a literal id, no lookup).
   */
  private buildVpcs(ctx: Pick<SidesContext, "config" | "plan" | "input" | "options" | "accountProviders" | "providerFor" | "sides">): Record<string, IPeerableVpc> {
    const { config, plan, input, options, accountProviders, providerFor, sides } = ctx;
    const vpcs: Record<string, IPeerableVpc> = {};
    const part = options.part;
    for (const vpc of Object.values(plan.vpcs)) {
      // A stack of a split builds its own VPCs, and every external one (a literal id, no lookup).
      if (part && !vpc.external && !part.vpcs.includes(vpc.key)) continue;
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
      vpcs[vpc.key] = vpc.external
        ? new ExternalVpc(this, `vpc-${vpc.key}`, {
            key: vpc.key,
            vpcId: "id" in vpc.lookup ? vpc.lookup.id : "",
            accountId: vpc.external.accountId,
            region: placement.region,
            cidrBlocks: vpc.cidrBlocks,
            ipv6CidrBlocks: vpc.ipv6CidrBlocks,
          })
        : vpc.create
        ? new CreatedVpc(this, `vpc-${vpc.key}`, {
            ...placement,
            cidrBlocks: vpc.cidrBlocks,
            subnets: vpc.create.subnets,
            routeTableName: vpc.create.routeTableName,
            restrictDefaultSecurityGroup: vpc.create.restrictDefaultSecurityGroup,
          })
        : ExistingVpc.fromLookup(this, `vpc-${vpc.key}`, {
            ...placement,
            ...("id" in vpc.lookup
              ? { vpcId: input.string(inputName.vpcId(vpc.key), vpc.lookup.id) }
              : "tags" in vpc.lookup
                ? { tags: vpc.lookup.tags }
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
            discoverRouteTables: vpc.discoverRouteTables,
            requireDns: vpc.requiresDns,
            passedAs: options.bindModule && !("tags" in vpc.lookup) ? inputLabel("id" in vpc.lookup ? inputName.vpcId(vpc.key) : inputName.vpcName(vpc.key)) : undefined,
          });
      if (!part || !vpc.external) new TerraformOutput(this, outputName.vpcId(vpc.key), { value: vpcs[vpc.key].vpcId, description: `Id of VPC ${vpc.key}` });
    }
    return vpcs;
  }

  /**
   * The id of a VPC another stack of the split owns, as this stack may use it: the configured id,
   * or a lookup of its own (name or tags). Only a VPC another stack creates is read from that
   * stack's state (a cross-stack reference): reading state both ways would be a cycle.
   */
  private peerVpcId(key: string): string {
    const { plan, config, options } = this.build;
    const vpc = plan.vpcs[key];
    const owner = options.part?.stackOf(key);
    if (vpc.create && owner) return owner.vpcs[key].vpcId;
    if ("id" in vpc.lookup) return vpc.lookup.id;
    let id = this.peerVpcIds.get(key);
    if (id === undefined) {
      const lookup = new DataAwsVpc(this, `peer-vpc-${key}`, {
        tags: "tags" in vpc.lookup ? { ...vpc.lookup.tags } : { Name: vpc.lookup.name },
        region: vpc.region === config.region ? undefined : vpc.region,
        provider: this.providerOfAccount(vpc.account),
      });
      // The same VPC as its own stack's lookup: the report reads a split's stacks as one.
      recordFact(lookup, { vpc: key });
      id = lookup.id;
      this.peerVpcIds.set(key, id);
    }
    return id;
  }

  /** This stack's provider for an account key (the default provider for none). */
  private providerOfAccount(account: string | undefined): AwsProvider | undefined {
    return account ? this.build.accountProviders[account] : this.defaultProvider;
  }

  /** The flow logs of the default account and region (the first group of flow logs). */
  get flowLogs(): FlowLogs | undefined {
    return this.firstFlowLogs;
  }

  /**
   * Peerings, flow logs and zones. A stack of a split builds them once every stack of the split
   * has its VPCs (`buildSplitStacks` calls it); any other stack from its constructor.
   */
  buildSides(): void {
    const peerings = this.buildPeerings();
    this.buildFlowLogs();
    const zones = this.buildZones();
    this.buildEndpoints();
    const gateways = buildTransitGateways(this, this.build.plan.transitGateways, this.build.vpcs, this.build.config.region, this.transitGatewayPlacement());
    if (this.build.sidesFromProviders) this.checkAttachingAccountRegions(gateways);
    this.buildQueryLogs();
    if (this.build.config.adopt && !this.build.options.bindModule) {
      adoptExisting(this, { peerings, privateZones: zones }, this.build.config.adopt === true ? {} : this.build.config.adopt);
    }
  }

  /**
   * In a module, a gateway is placed like its attached VPCs of no config account: on their side's
   * provider (transitGatewaySides; module-stack.ts refuses a gateway whose VPCs are on two sides).
   * Elsewhere, on the default provider.
   */
  private transitGatewayPlacement(): TransitGatewayPlacement | undefined {
    const { plan, sides, sidesFromProviders, providerFor } = this.build;
    if (!sidesFromProviders) return undefined;
    const gatewaySides = transitGatewaySides(plan, sides);
    return (gateway) => {
      const side = gatewaySides[gateway.name][0];
      return { provider: providerFor(side)!, providerRegion: () => this.sideRegion(side) };
    };
  }

  /**
   * In a module, a config account's VPC attached to a gateway is attached through the caller's
   * aws.<account> (the share's acceptance and the attachment are made there, in its region): a
   * provider in another region than the gateway's stops the plan, naming the alias and the region
   * to pass (otherwise the apply would fail, the gateway not being found there). A postcondition
   * on that provider's region, one per gateway and account.
   */
  private checkAttachingAccountRegions(gateways: readonly TransitGateway[]): void {
    const { plan, sides, accountProviders } = this.build;
    const gatewaySides = transitGatewaySides(plan, sides);
    plan.transitGateways.forEach((g, i) => {
      const tgw = gateways[i];
      const side = gatewaySides[g.name][0];
      const region = () => tgw.region ?? this.sideRegion(side);
      const whose = g.region !== undefined && g.region !== this.build.config.region ? `transitGateways[${i}].region` : `the region of aws.${side}, which the gateway goes through`;
      const byAccount = new Map<string, string[]>();
      for (const a of g.attachments) {
        const account = plan.vpcs[a.vpc]?.account;
        if (account && tgw.attachmentOf(a.vpc)?.crossAccount) byAccount.set(account, [...(byAccount.get(account) ?? []), a.vpc]);
      }
      for (const [account, keys] of byAccount) {
        const accountRegion = new DataAwsRegion(this, `tgw-${constructIdPart(g.name)}-region-${constructIdPart(account)}`, { provider: accountProviders[account] });
        accountRegion.lifecycle = {
          postcondition: [attachingRegionCondition({ alias: `aws.${account}`, account: `accounts.${account}`, accountId: plan.accounts[account].id, gateway: g.name, vpcs: keys, region: region(), whose })],
        };
      }
    });
  }

  /** The region of the caller's provider of a side (a module), read once. */
  private sideRegion(side: ProviderSide): string {
    return (this.sideRegions[side] ??= new DataAwsRegion(this, `region-${side}`, { provider: this.build.providerFor(side) }).region);
  }

  private readonly sideRegions: Partial<Record<ProviderSide, string>> = {};

  /** The peerings this stack makes (a split: those whose connection is its own), each with its id output. */
  private buildPeerings(): Record<string, VpcPeering> {
    const { config, plan, input, vpcs, sidesFromProviders, options } = this.build;
    const part = options.part;
    const peerings: Record<string, VpcPeering> = {};
    for (const p of plan.peerings) {
      // A split builds a peering in its requester's stack (the accepter's, for an external requester).
      if (part && (part.stackOf(p.requester) ?? part.stackOf(p.accepter)) !== this) continue;
      const accepterStack = part?.stackOf(p.accepter);
      const across = accepterStack && accepterStack !== this ? accepterStack : undefined;
      const rules = p.securityRules;
      peerings[p.name] = new VpcPeering(this, `peering-${p.name}`, {
        ...(across
          ? { accepterScope: across, accepterVpcId: this.peerVpcId(p.accepter), accepterProvider: this.providerOfAccount(plan.vpcs[p.accepter].account) }
          : {}),
        name: input.string(inputName.peeringName(p.name), p.name),
        requester: vpcs[p.requester],
        accepter: across ? across.vpcs[p.accepter] : vpcs[p.accepter],
        allowRemoteVpcDnsResolution: {
          requester: input.bool(inputName.dnsResolution(p.name, "requester"), p.allowRemoteVpcDnsResolution.requester),
          accepter: input.bool(inputName.dnsResolution(p.name, "accepter"), p.allowRemoteVpcDnsResolution.accepter),
        },
        securityRules: rules,
        defaultRegion: config.region,
        tags: p.tags,
        locateSidesAtPlanTime: sidesFromProviders,
        existingConnection: p.connection,
        accepted: p.accepted,
        timeouts: p.timeouts,
        routeTimeouts: p.routeTimeouts,
        routeTables: p.routeTables,
      });
      new TerraformOutput(this, outputName.peeringId(p.name), {
        value: peerings[p.name].connectionId,
        description: `Id of peering connection ${p.name} (${p.requester} → ${p.accepter})`,
      });
    }
    Object.assign(this.peerings, peerings);
    return peerings;
  }

  /**
   * Where a VPC's flow log lives: in a module, a VPC of a config account by its account (the
   * caller's aws.<account>), the others by side; either way a VPC given its own region in the
   * config is logged in that region.
   */
  private flowLogPlace(key: string): FlowLogPlace {
    const { config, plan, sidesFromProviders, sides } = this.build;
    const vpc = plan.vpcs[key];
    return {
      ...(sidesFromProviders && !vpc.account ? { side: sides[key] } : { account: vpc.account, side: "requester" as const }),
      region: vpc.region === config.region ? undefined : vpc.region,
    };
  }

  /**
   * Flow logs of this stack's VPCs (and, in the first stack, the listed subnets and interfaces),
   * grouped by where they live, with their destinations and outputs.
   */
  private buildFlowLogs(): void {
    const { config, plan, input, vpcs, sidesFromProviders, providerFor, moduleBinding, accountProviders } = this.build;
    const part = this.build.options.part;
    const fl = config.flowLogs;
    // A stack of a split logs its own VPCs; the first stack logs the listed subnets and interfaces.
    const flowLogVpcs = part ? plan.flowLogVpcs.filter((key) => part.vpcs.includes(key)) : plan.flowLogVpcs;
    const flSubnets = !part || part.first ? (fl?.subnets ?? []) : [];
    const flInterfaces = !part || part.first ? (fl?.networkInterfaces ?? []) : [];
    if (fl && flowLogVpcs.length + flSubnets.length + flInterfaces.length > 0) {
      const named = flowLogPlacements({
        vpcKeys: flowLogVpcs,
        withSubnetsOrInterfaces: flSubnets.length > 0 || flInterfaces.length > 0,
        defaultRegion: config.region,
        placeOf: (key) => this.flowLogPlace(key),
        idBySide: sidesFromProviders,
      });
      const home = { side: "requester" as const };

      // CloudWatch Logs: a group per placement, a role per account (in a module: per side), trusting
      // every region when it logs in several, shared by the placements of that account (side).
      const roleArnOf = new Map<string, string>();
      const roleKey = (p: FlowLogPlacement) => (sidesFromProviders && !p.account ? `side ${p.side}` : (p.account ?? ""));
      const sideRegions = (side: ProviderSide) => new Set(named.filter((p) => !p.account && p.side === side).map((p) => p.region ?? "")).size;
      const splitAccountRegions = (account: string | undefined) =>
        new Set([...plan.flowLogVpcs.filter((k) => plan.vpcs[k].account === account).map((k) => plan.vpcs[k].region), ...(account === undefined && fl.subnets.length + fl.networkInterfaces.length > 0 ? [config.region] : [])]).size;
      const accountRegions = (account: string | undefined) => new Set(named.filter((p) => p.account === account).map((p) => p.region ?? "")).size;
      // In a module the accepter side's flow logs use the requester side's role whenever the
      // caller's two providers are one account, whatever their regions (shareWhenColocated): that
      // role trusts flow logs of any region, as the general pair module's does.
      const sharedAcrossSides = sidesFromProviders && PROVIDER_SIDES.every((side) => sideRegions(side) > 0);
      const roleAnyRegion = (p: FlowLogPlacement) => (sharedAcrossSides && !p.account && p.side === "requester") || (sidesFromProviders && !p.account ? sideRegions(p.side) : part ? splitAccountRegions(p.account) : accountRegions(p.account)) > 1;
      const destination = (p: FlowLogPlacement): FlowLogDestination => {
        if (fl.s3) return FlowLogDestination.toS3(fl.s3.bucketArn, fl.s3);
        if (fl.firehose) return FlowLogDestination.toFirehose(fl.firehose.streamArn, { crossAccountRoleArn: fl.firehose.crossAccountRoleArn });
        // Split: the group of an account and region, and the role of an account, are created by
        // one stack (the first in deploy order to log there); the others use them by name, after it.
        const makes = (owner: PeeringStack | undefined) => {
          if (owner && owner !== this) this.addDependency(owner);
          return !owner || owner === this;
        };
        const group = { ...fl.logGroup!, create: fl.logGroup!.create && makes(part?.destinationOwner("group", p.account, p.region)) };
        const role = { ...fl.role!, create: fl.role!.create && makes(part?.destinationOwner("role", p.account, undefined)) };
        const shared = roleArnOf.get(roleKey(p));
        return FlowLogDestination.toCloudWatchLogs(
          {
            ...group,
            createKmsKey: group.create && group.createKmsKey !== false,
            name: input.string(inputName.flowLogGroupName(), group.name),
            retentionInDays: group.create ? input.number(inputName.flowLogRetentionInDays(), group.retentionInDays) : undefined,
          },
          {
            ...role,
            name: input.string(inputName.flowLogRoleName(), role.name),
            arn: shared,
            anyRegion: role.create && roleAnyRegion(p),
          },
        );
      };
      const logs: FlowLogs[] = [];
      const bySide: Partial<Record<ProviderSide, FlowLogs[]>> = {};
      for (const p of named) {
        const isHome = samePlace(p, home);
        const log = new FlowLogs(this, p.id, {
          vpcs: Object.fromEntries(p.keys.map((key) => [key, vpcs[key].vpcId])),
          subnets: isHome ? Object.fromEntries(flSubnets.map((id) => [id, id])) : undefined,
          networkInterfaces: isHome ? Object.fromEntries(flInterfaces.map((id) => [id, id])) : undefined,
          destination: destination(p),
          trafficType: input.string(inputName.flowLogTrafficType(), fl.trafficType) as FlowLogTrafficType,
          maxAggregationInterval: fl.maxAggregationInterval,
          logFormat: fl.logFormat,
          region: p.region,
          provider: p.account ? accountProviders[p.account] : sidesFromProviders ? providerFor(p.side) : undefined,
        });
        if (log.roleArn && fl.role?.create && !roleArnOf.has(roleKey(p))) roleArnOf.set(roleKey(p), log.roleArn);
        logs.push(log);
        if (!p.account) (bySide[p.side] ??= []).push(log);
        for (const [key, resource] of Object.entries(log.flowLogs)) {
          new TerraformOutput(this, outputName.flowLogId(key), { value: resource.id, description: `Id of the flow log of VPC ${key}` });
        }
      }
      if (sidesFromProviders && bySide.requester && bySide.accepter) moduleBinding?.shareFlowLogDestination?.(bySide.requester, bySide.accepter);
      this.firstFlowLogs = logs[0];
      if (fl.logGroup) {
        new TerraformOutput(this, "flow_log_group_arn", { value: logs[0].logGroupArn, description: "ARN of the flow-log CloudWatch Logs group" });
        new TerraformOutput(this, "flow_log_role_arn", { value: logs[0].roleArn, description: "ARN of the IAM role that delivers flow logs" });
      }
      if (fl.s3 && !sidesFromProviders) this.flowLogBucketPolicyOutput(fl.s3, named);
    }
  }

  /**
   * A central bucket must let log delivery write for every account that logs into it. The stack
   * does not own the bucket (or its policy, which a new one would replace): it prints the
   * statements for the bucket's owner to add.
   */
  private flowLogBucketPolicyOutput(s3: { readonly bucketArn: string; readonly keyPrefix?: string }, placements: readonly FlowLogPlacement[]): void {
    const { plan } = this.build;
    const accounts = [...new Set(placements.map((p) => (p.account ? plan.accounts[p.account].id : new DataAwsCallerIdentity(this, "flow-logs-bucket-account", {}).accountId)))];
    const prefix = s3.keyPrefix?.replace(/^\/+|\/+$/g, "");
    const condition = { StringEquals: { "aws:SourceAccount": accounts } };
    new TerraformOutput(this, "flow_log_bucket_policy_statements", {
      description: "Bucket policy statements the flow-log bucket needs (add them to its policy): log delivery may write for each logging account",
      value: Fn.jsonencode([
        { Sid: "FlowLogDeliveryWrite", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: "s3:PutObject", Resource: `${s3.bucketArn}/${prefix ? `${prefix}/` : ""}AWSLogs/*`, Condition: { ...condition, StringEquals: { ...condition.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } } },
        { Sid: "FlowLogDeliveryAclCheck", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: s3.bucketArn, Condition: condition },
      ]),
    });
  }

  /**
   * The VPC endpoints of this stack's VPCs, with their id outputs (and a gateway endpoint's prefix
   * list id, for security-group egress rules). The service's region is the VPC's, from the config.
   */
  private buildEndpoints(): void {
    const { plan, vpcs } = this.build;
    const ids = new Set<string>();
    for (const e of plan.endpoints) {
      const vpc = vpcs[e.vpc];
      if (!vpc) continue; // a VPC another stack of the split owns
      const base = `endpoint-${e.vpc}-${constructIdPart(e.service)}`;
      const id = ids.has(base) ? `${base}-${ids.size}` : base;
      ids.add(id);
      const output = outputName.endpointId(id.replace(/^endpoint-/, ""));
      const common = { vpc, service: e.service, policy: e.policy, region: plan.vpcs[e.vpc].region };
      if (e.type === "gateway") {
        const endpoint = new GatewayVpcEndpoint(this, id, { ...common, routeTables: e.routeTables });
        new TerraformOutput(this, output, { value: endpoint.vpcEndpointId, description: `Id of the ${e.service} gateway endpoint in VPC ${e.vpc}` });
        new TerraformOutput(this, output.replace(/_id$/, "_prefix_list_id"), { value: endpoint.prefixList.id, description: `Id of the ${e.service} prefix list (for security-group rules) in VPC ${e.vpc}'s region` });
      } else {
        const endpoint = new InterfaceVpcEndpoint(this, id, {
          ...common,
          subnets: e.subnets ?? [],
          port: e.port,
          privateDnsEnabled: e.privateDnsEnabled,
          sharedWith: (e.sharedWith ?? []).map((k) => vpcs[k]).filter((v) => v !== undefined),
        });
        new TerraformOutput(this, output, { value: endpoint.vpcEndpointId, description: `Id of the ${e.service} interface endpoint in VPC ${e.vpc}` });
      }
    }
  }

  /**
   * DNS query logging of the VPCs in the stack's own account and region (validated: not in a
   * module). Each stack of a split logs its own VPCs, under names of its own.
   */
  private buildQueryLogs(): void {
    const { config, vpcs } = this.build;
    const q = config.dnsQueryLogs;
    const keys = queryLoggedVpcKeys(config).filter((key) => vpcs[key] !== undefined);
    if (!q || keys.length === 0) return;
    const stack = this.node.id;
    const logging = new ResolverQueryLogging(this, "dns-query-logs", {
      name: q.name ?? `${stack.slice(0, 64 - "-dns-queries".length)}-dns-queries`,
      logGroupName: q.logGroupName ?? `/route53-resolver/${stack}`,
      retentionInDays: q.retentionInDays,
      kmsKeyId: q.kmsKeyId,
      createKmsKey: q.createKmsKey,
      vpcs: Object.fromEntries(keys.map((key) => [key, vpcs[key].vpcId])),
    });
    new TerraformOutput(this, "dns_query_log_config_id", { value: logging.config.id, description: "Id of the Route 53 Resolver query logging configuration" });
    new TerraformOutput(this, "dns_query_log_group_arn", { value: logging.logGroup.arn, description: "ARN of the CloudWatch Logs group that receives the DNS queries" });
  }

  /** The private zones of this stack's VPCs, their associations, records and outputs. */
  private buildZones(): Record<string, PrivateHostedZone> {
    const { config, plan, input, vpcs, sidesFromProviders, providerFor, sides } = this.build;
    const part = this.build.options.part;
    const providerRegion = (side: ProviderSide) => this.sideRegion(side);
    // The region of a config account's provider in a module: the caller's aws.<account> decides it.
    const accountRegions: Record<string, string> = {};
    const accountRegion = (account: string) =>
      (accountRegions[account] ??= new DataAwsRegion(this, `region-account-${account}`, { provider: this.build.accountProviders[account] }).region);
    // A VPC's region in a module: its config region, else its provider's (its account's, or its side's).
    const moduleRegion = (key: string) => {
      const vpc = plan.vpcs[key];
      if (!vpc.account) return providerRegion(sides[key]);
      return vpc.region === config.region ? accountRegion(vpc.account) : vpc.region;
    };
    const zones: Record<string, PrivateHostedZone> = {};
    const sharedNames = sharedZoneNames(config);
    for (const zone of config.privateZones) {
      if (part && part.stackOf(zone.vpc) !== this) continue;
      // Two zones may share a name when they serve different VPCs (split-horizon): the VPC key tells them apart.
      const shared = sharedNames.has(zone.name);
      const zoneKey = shared ? `${zone.name}/${zone.vpc}` : zone.name;
      // In a module the caller's provider of the VPC's side knows its region; here the config does.
      // A VPC of another account (its own provider) is associated through an authorization.
      const zoneVpc = (key: string) =>
        sidesFromProviders && !plan.vpcs[key].account && !plan.vpcs[zone.vpc].account
          ? // A module cannot tell the two sides' accounts apart before plan time: every VPC joins the zone's own list.
            { vpcId: vpcs[key].vpcId, region: providerRegion(sides[key]), provider: providerFor(sides[zone.vpc]) }
          : sidesFromProviders
          ? // A config account's VPC (the caller's aws.<account>) is another account: associated through an authorization.
            { vpcId: vpcs[key].vpcId, region: moduleRegion(key), provider: vpcs[key].provider, key }
          : vpcs[key]
            ? { vpcId: vpcs[key].vpcId, region: plan.vpcs[key].region, provider: vpcs[key].provider, key }
            : // A VPC of another stack of the split: its id as this stack knows it, its account's provider here.
              { vpcId: this.peerVpcId(key), region: plan.vpcs[key].region, provider: plan.vpcs[key].account ? this.providerOfAccount(plan.vpcs[key].account) : undefined, key };
      const dns = new PrivateHostedZone(this, `zone-${shared ? `${zone.name}-${zone.vpc}` : zone.name}`, {
        zoneName: zone.name,
        vpc: zoneVpc(zone.vpc),
        comment: zone.comment,
        // The zone lives in its VPC's account.
        provider: sidesFromProviders && !plan.vpcs[zone.vpc].account ? providerFor(sides[zone.vpc]) : vpcs[zone.vpc].provider,
      });
      for (const key of zone.additionalVpcs) dns.addVpc(zoneVpc(key));
      zones[zoneKey] = dns;
      new TerraformOutput(this, outputName.zoneId(zone.name, shared ? zone.vpc : undefined), { value: dns.zoneId, description: `Id of private hosted zone ${zone.name}${shared ? ` of VPC ${zone.vpc}` : ""}` });
      for (const record of zone.records) {
        const fqdn = recordFqdn(zone.name, record.name);
        const resource = dns.addRecord({
          ...recordProps(record),
          ttl: record.alias ? undefined : input.number(inputName.recordTtl(fqdn, record.type, shared ? zone.vpc : undefined, record.setIdentifier), record.ttl ?? DEFAULT_RECORD_TTL),
        });
        new TerraformOutput(this, outputName.recordFqdn(fqdn, record.type, shared ? zone.vpc : undefined, record.setIdentifier), {
          value: resource.fqdn,
          description: `FQDN of the ${record.type} record ${fqdn}`,
        });
      }
    }
    Object.assign(this.privateZones, zones);
    return zones;
  }
}

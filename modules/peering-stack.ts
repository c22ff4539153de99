import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { TopologyConfig } from "./config/schema";
import { CreatedVpc } from "./created-vpc";
import { ExistingVpc, IPeerableVpc } from "./existing-vpc";
import { FlowLogs } from "./flow-logs";
import { recordFqdn } from "./planning/dns";
import { RuleNumbers } from "./planning/security";
import { planTopology } from "./planning/topology";
import { PrivateDns } from "./private-dns";
import { StateBackend } from "./state-backend";
import { SynthChecks } from "./synth-checks";
import { VpcPeering } from "./vpc-peering";

const outputName = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]+/g, "_");

/** The whole topology of one config file as one stack: lookups, peerings, flow logs, DNS, outputs. */
export class PeeringStack extends TerraformStack {
  readonly vpcs: Readonly<Record<string, ExistingVpc | CreatedVpc>>;
  /** Providers of the other accounts, by account key (alias = key). */
  readonly accountProviders: Readonly<Record<string, AwsProvider>>;
  readonly peerings: Readonly<Record<string, VpcPeering>>;
  readonly flowLogs?: FlowLogs;
  readonly privateZones: Readonly<Record<string, PrivateDns>>;

  constructor(scope: Construct, id: string, config: TopologyConfig) {
    super(scope, id);
    const plan = planTopology(config);
    const tags = Object.keys(config.tags).length > 0 ? config.tags : undefined;
    new AwsProvider(this, "aws", { region: config.region, defaultTags: tags ? [{ tags }] : undefined });
    new StateBackend(this, "state", config.backend);
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
        provider: vpc.account ? accountProviders[vpc.account] : undefined,
        accountId: vpc.account ? plan.accounts[vpc.account].id : undefined,
        routeTo: vpc.routeTo,
        securityGroupIds: vpc.securityGroups,
        networkAcl: vpc.networkAcl,
      };
      vpcs[vpc.key] = vpc.create
        ? new CreatedVpc(this, `vpc-${vpc.key}`, {
            ...placement,
            cidrBlocks: vpc.cidrBlocks,
            subnets: vpc.create.subnets,
            routeTableName: vpc.create.routeTableName,
          })
        : new ExistingVpc(this, `vpc-${vpc.key}`, {
            ...placement,
            ...("id" in vpc.lookup ? { vpcId: vpc.lookup.id } : { name: vpc.lookup.name }),
            cidrBlocks: vpc.cidrBlocks,
            ipv6CidrBlocks: vpc.ipv6CidrBlocks,
            routeTables: vpc.routeTables.map((t) => t.lookup),
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
        name: p.name,
        requester: vpcs[p.requester] as IPeerableVpc,
        accepter: vpcs[p.accepter] as IPeerableVpc,
        allowRemoteVpcDnsResolution: p.allowRemoteVpcDnsResolution,
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
        trafficType: fl.trafficType,
        maxAggregationInterval: fl.maxAggregationInterval,
        logGroup: fl.logGroup,
        role: fl.role,
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
        records: zone.records,
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

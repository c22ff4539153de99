import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { RouteTableRef } from "../../app/config/schema";
import { constructIdPart, routeTableLookup, RouteTablePlan } from "../../app/plan";

/** What a peering needs to know about one side, whether the VPC is looked up or created. */
export interface IPeerableVpc {
  /** Key used in construct ids and messages, e.g. `web`. */
  readonly key: string;
  readonly vpcId: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** Route table ids by the key the caller used (Name tag or id). */
  readonly routeTableIds: Readonly<Record<string, string>>;
  /** Region when it differs from the provider's; unset means the provider's region. */
  readonly region?: string;
  /** Provider of the VPC's account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** 12-digit id of the owning account; unset means the default provider's account. */
  readonly accountId?: string;
  /** Which of its blocks peers route to. @default every block in cidrBlocks and ipv6CidrBlocks */
  readonly routeTo?: RouteToProps;
  /** Security groups that admit peers when a peering has security rules. @default [] */
  readonly securityGroupIds?: readonly string[];
  /** The custom network ACL of the peered subnets, if any. @default none (no NACL rules) */
  readonly networkAcl?: NetworkAclRef;
}

export interface RouteToProps {
  /** Only these blocks (or narrower ranges inside them). @default all of the VPC's blocks */
  readonly include?: readonly string[];
  /** Blocks left out. @default [] */
  readonly exclude?: readonly string[];
}

export interface NetworkAclRef {
  /** `acl-...` */
  readonly id: string;
  /** First rule number for peer rules, counting up per direction. @default 1000 */
  readonly ruleNumberBase?: number;
}

/** What every IPeerableVpc implementation accepts besides how the VPC is found or made. */
export interface PeerableVpcOptions {
  readonly region?: string;
  readonly provider?: TerraformProvider;
  readonly accountId?: string;
  readonly routeTo?: RouteToProps;
  readonly securityGroupIds?: readonly string[];
  readonly networkAcl?: NetworkAclRef;
}

export interface ExistingVpcProps extends PeerableVpcOptions {
  /** Key used in construct ids and messages. @default the name or id */
  readonly key?: string;
  /** Id of the VPC (`vpc-...`). Give either vpcId or name. */
  readonly vpcId?: string;
  /** Name tag of the VPC to look up. */
  readonly name?: string;
  /** IPv4 blocks the VPC must have, primary first; checked at plan time. */
  readonly cidrBlocks: readonly string[];
  /** IPv6 blocks; the first must be the VPC's IPv6 block when given. @default [] */
  readonly ipv6CidrBlocks?: readonly string[];
  /**
   * Route tables to route to peers, by id (`rtb-...`) or Name tag, or as `{ key, lookup }` when
   * the value looked up (e.g. a Terraform variable) differs from the key used in construct ids.
   * @default [] (give subnets then)
   */
  readonly routeTables?: readonly (RouteTableRef | RouteTablePlan)[];
  /**
   * Subnets (id `subnet-...` or Name tag) whose explicitly associated route tables get routes
   * to peers. A subnet on the main route table has no association to find: list that table in
   * routeTables instead; list subnets that share a table only once. @default []
   */
  readonly subnets?: readonly string[];
  /** Fail the plan unless DNS support and DNS hostnames are on. @default false */
  readonly requireDns?: boolean;
  /** Region of the VPC when it differs from the provider's (AWS provider v6 `region` argument). */
  readonly region?: string;
  /** Provider for this VPC's account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** Where the VPC is declared, quoted in plan-time errors. @default `vpcs.<key>` */
  readonly configPath?: string;
}

/**
 * An existing VPC and its route tables, found with data sources whose postconditions turn a
 * world that differs from the config into a plan-time error naming the config field to fix.
 */
export class ExistingVpc extends Construct implements IPeerableVpc {
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly provider?: TerraformProvider;
  readonly accountId?: string;
  readonly routeTo?: RouteToProps;
  readonly securityGroupIds?: readonly string[];
  readonly networkAcl?: NetworkAclRef;
  readonly vpc: DataAwsVpc;

  constructor(scope: Construct, id: string, props: ExistingVpcProps) {
    super(scope, id);
    if ((props.vpcId === undefined) === (props.name === undefined)) {
      throw new Error(`ExistingVpc ${id}: give exactly one of 'vpcId' or 'name'`);
    }
    if (props.cidrBlocks.length === 0) {
      throw new Error(`ExistingVpc ${id}: 'cidrBlocks' must list the VPC's primary IPv4 block`);
    }
    this.key = props.key ?? props.name ?? props.vpcId!;
    this.cidrBlocks = props.cidrBlocks;
    this.ipv6CidrBlocks = props.ipv6CidrBlocks ?? [];
    if ((props.routeTables ?? []).length + (props.subnets ?? []).length === 0) {
      throw new Error(`ExistingVpc ${id}: give 'routeTables' or 'subnets' (whose route tables get the routes to peers)`);
    }
    this.region = props.region;
    this.provider = props.provider;
    this.accountId = props.accountId;
    this.routeTo = props.routeTo;
    this.securityGroupIds = props.securityGroupIds;
    this.networkAcl = props.networkAcl;
    const where = props.configPath ?? `vpcs.${this.key}`;
    const label = props.name ? `VPC "${props.name}"` : `VPC ${props.vpcId}`;
    const [primary, ...secondary] = this.cidrBlocks;

    const postcondition = [
      {
        condition: `\${self.cidr_block == "${primary}"}`,
        errorMessage: `${label} (${where}) has primary CIDR \${self.cidr_block}, but the config declares ${primary}: correct ${where}.cidr or point ${where} at the right VPC.`,
      },
      ...secondary.map((cidr) => ({
        condition: `\${contains(self.cidr_block_associations[*].cidr_block, "${cidr}")}`,
        errorMessage: `${label} (${where}) has no CIDR block ${cidr}: associate it with the VPC or remove it from ${where}.secondaryCidrs.`,
      })),
      ...(this.ipv6CidrBlocks.length > 0
        ? [{
            condition: `\${self.ipv6_cidr_block == "${this.ipv6CidrBlocks[0]}"}`,
            errorMessage: `${label} (${where}) has IPv6 block \${self.ipv6_cidr_block == "" ? "(none)" : self.ipv6_cidr_block}, but the config declares ${this.ipv6CidrBlocks[0]}: correct ${where}.ipv6Cidrs.`,
          }]
        : []),
      ...(props.requireDns
        ? [
            {
              condition: "${self.enable_dns_support}",
              errorMessage: `${label} (${where}) has DNS resolution (enableDnsSupport) off; a private hosted zone and peering DNS resolution need it: turn it on for the VPC.`,
            },
            {
              condition: "${self.enable_dns_hostnames}",
              errorMessage: `${label} (${where}) has DNS hostnames (enableDnsHostnames) off; a private hosted zone and peering DNS resolution need it: turn it on for the VPC.`,
            },
          ]
        : []),
    ];

    this.vpc = new DataAwsVpc(this, "vpc", {
      ...(props.vpcId ? { id: props.vpcId } : { filter: [{ name: "tag:Name", values: [props.name!] }] }),
      region: props.region,
      provider: props.provider,
      lifecycle: { postcondition },
    });
    this.vpcId = this.vpc.id;

    const tableIds: Record<string, string> = {};
    for (const ref of props.routeTables ?? []) {
      const { key, lookup } = typeof ref === "object" && "lookup" in ref ? ref : routeTableLookup(ref);
      const table = new DataAwsRouteTable(this, `route-table-${constructIdPart(key)}`, {
        vpcId: this.vpc.id,
        ...("id" in lookup ? { routeTableId: lookup.id } : { filter: [{ name: "tag:Name", values: [lookup.name] }] }),
        region: props.region,
        provider: props.provider,
      });
      tableIds[key] = table.routeTableId;
    }
    for (const subnet of props.subnets ?? []) {
      const part = constructIdPart(subnet);
      const subnetId = /^subnet-[0-9a-f]+$/.test(subnet)
        ? subnet
        : new DataAwsSubnet(this, `subnet-${part}`, {
            vpcId: this.vpc.id,
            filter: [{ name: "tag:Name", values: [subnet] }],
            region: props.region,
            provider: props.provider,
          }).id;
      const table = new DataAwsRouteTable(this, `subnet-route-table-${part}`, {
        vpcId: this.vpc.id,
        subnetId,
        region: props.region,
        provider: props.provider,
      });
      tableIds[`subnet:${subnet}`] = table.routeTableId;
    }
    this.routeTableIds = tableIds;
  }
}

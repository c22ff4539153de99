import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { RouteTableRef } from "./config/schema";
import { constructIdPart, routeTableLookup, RouteTablePlan } from "./planning/topology";

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
  readonly region?: string;
  readonly provider?: TerraformProvider;
}

export interface ExistingVpcProps {
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
   */
  readonly routeTables: readonly (RouteTableRef | RouteTablePlan)[];
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
    this.region = props.region;
    this.provider = props.provider;
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
    for (const ref of props.routeTables) {
      const { key, lookup } = typeof ref === "object" && "lookup" in ref ? ref : routeTableLookup(ref);
      const table = new DataAwsRouteTable(this, `route-table-${constructIdPart(key)}`, {
        vpcId: this.vpc.id,
        ...("id" in lookup ? { routeTableId: lookup.id } : { filter: [{ name: "tag:Name", values: [lookup.name] }] }),
        region: props.region,
        provider: props.provider,
      });
      tableIds[key] = table.routeTableId;
    }
    this.routeTableIds = tableIds;
  }
}

import { TerraformProvider, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ID } from "../../core/limits";
import type { VpcSideSpec } from "../../core/peering";
import { ConfigProblem, error } from "../../core/problems";
import { discoveredKey, type RouteTableDiscovery, type RouteToSpec } from "../../core/routes";
import { routeToProblems, vpcBlockProblems } from "../../core/vpc-blocks";
import { isLiteral, refuseProblems } from "../validation";

/** Which of a VPC's blocks its peers route to. */
export type RouteToProps = RouteToSpec;

export interface NetworkAclRef {
  /** `acl-...` */
  readonly id: string;
  /** First rule number for peer rules, counting up per direction. @default 1000 */
  readonly ruleNumberBase?: number;
}

/** What every peerable VPC carries besides how it is found or made. */
export interface PeerableVpcOptions {
  /** Region of the VPC when it differs from the provider's (AWS provider v6 `region` argument). @default the provider's */
  readonly region?: string;
  /** Provider for this VPC's account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** 12-digit id of the owning account, when it is not the default provider's. @default the default provider's account */
  readonly accountId?: string;
  /** Which of its blocks peers route to. @default every block in cidrBlocks and ipv6CidrBlocks */
  readonly routeTo?: RouteToProps;
  /** Security groups that admit peers when a peering has security rules. @default [] */
  readonly securityGroupIds?: readonly string[];
  /** The custom network ACL of the peered subnets. @default none (no NACL rules) */
  readonly networkAcl?: NetworkAclRef;
}

/**
 * A VPC that can be one side of a peering, whether looked up (`ExistingVpc.fromLookup`), known by
 * its ids (`ExistingVpc.fromAttributes`) or created (`CreatedVpc`).
 */
export interface IPeerableVpc extends IConstruct, PeerableVpcOptions {
  /** Short name used in construct ids, Name tags and messages, e.g. `web`. */
  readonly key: string;
  readonly vpcId: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** Route table ids that get routes to peers, by the key the caller used (Name tag or id). */
  readonly routeTableIds: Readonly<Record<string, string>>;
  /** Route tables known only at plan time, by key: a list of ids, one route per table (for_each). */
  readonly routeTableSets?: Readonly<Record<string, string[]>>;
  /** How the tables in routeTableSets are found (`discoverRouteTables`). @default none */
  readonly routeTableDiscovery?: RouteTableDiscovery;
  /**
   * The ids of the tables `discovery` finds at plan time (a peering's share of the found tables,
   * `VpcPeering` `routeTables: { accepter: { tags } }`). Only VPCs that find their tables have it.
   */
  findRouteTables?(discovery: RouteTableDiscovery): string[];
  /**
   * Called when a peering DNS option or a private zone needs DNS support and DNS hostnames on
   * this VPC: a looked-up VPC then fails the plan if either is off. Optional: a created VPC has both on.
   */
  requireDns?(): void;
  /**
   * Subnets the stack creates in this VPC, by Name tag with their zone and id: a Transit Gateway
   * attachment names them and is checked against them before anything is written. @default none
   */
  readonly createdSubnets?: readonly { readonly name: string; readonly az: string; readonly subnetId: string }[];
  /** True for a VPC of an account the stack does not manage (`ExternalVpc`): nothing is made on its side. */
  readonly external?: boolean;
  /**
   * What makes two declarations one VPC (core vpcIdentityOf): two lookups of one Name tag in one
   * account and region are one VPC, so the checks see a second peering of the pair.
   * @default the literal VPC id, else the construct path
   */
  readonly identity?: string;
}

/** The shared part of every IPeerableVpc implementation: the placement options, kept as given. */
export abstract class PeerableVpcBase extends Construct implements IPeerableVpc {
  abstract readonly key: string;
  abstract readonly vpcId: string;
  abstract readonly cidrBlocks: readonly string[];
  abstract readonly ipv6CidrBlocks: readonly string[];
  abstract readonly routeTableIds: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly provider?: TerraformProvider;
  readonly accountId?: string;
  readonly routeTo?: RouteToProps;
  readonly securityGroupIds?: readonly string[];
  readonly networkAcl?: NetworkAclRef;

  protected constructor(scope: Construct, id: string, options: PeerableVpcOptions) {
    super(scope, id);
    this.region = options.region;
    this.provider = options.provider;
    this.accountId = options.accountId;
    this.routeTo = options.routeTo;
    this.securityGroupIds = options.securityGroupIds;
    this.networkAcl = options.networkAcl;
  }

  /**
   * Refuses blocks AWS refuses (the rules config validation applies to `vpcs.<k>.cidr`,
   * `secondaryCidrs`, `ipv6Cidrs` and `routeTo`), before anything is built. Blocks only known at
   * plan time are left to Terraform.
   */
  protected validateBlocks(kind: string, cidrBlocks: readonly string[], ipv6CidrBlocks: readonly string[]): void {
    const literal = (blocks: readonly string[], prop: string) =>
      blocks.map((cidr, i) => ({ path: `${prop}[${i}]`, cidr })).filter((b) => isLiteral(b.cidr));
    const problems: ConfigProblem[] = cidrBlocks.length === 0
      ? [error("cidrBlocks", "must list the VPC's primary IPv4 block (e.g. 10.0.0.0/16)")]
      : vpcBlockProblems(literal(cidrBlocks, "cidrBlocks"), literal(ipv6CidrBlocks, "ipv6CidrBlocks"));
    if ([...cidrBlocks, ...ipv6CidrBlocks].every(isLiteral)) problems.push(...routeToProblems("routeTo", cidrBlocks, ipv6CidrBlocks, this.routeTo));
    refuseProblems(this, kind, problems);
  }
}

/** The plain-data side a peering plans with; identity is the literal VPC id when known, else the construct path. */
export function vpcSideSpec(vpc: IPeerableVpc): VpcSideSpec {
  const literalId = !Token.isUnresolved(vpc.vpcId) && ID.vpc.pattern.test(vpc.vpcId) ? vpc.vpcId : undefined;
  const identity = vpc.identity ?? literalId ?? vpc.node.path;
  return {
    key: vpc.key,
    identity,
    where: vpc.node.path,
    region: vpc.region,
    account: vpc.accountId,
    ipv4: vpc.cidrBlocks,
    ipv6: vpc.ipv6CidrBlocks,
    routeTo: vpc.routeTo,
    routeTables: [
      ...Object.entries(vpc.routeTableIds).map(([key, id]) => ({
        key,
        identity: !Token.isUnresolved(id) && ID.routeTable.pattern.test(id) ? id : `${identity}/${key}`,
        label: `${key} (${vpc.key})`,
      })),
      // Found sets by their keys only: reading routeTableSets would make their data sources.
      ...(vpc.routeTableDiscovery !== undefined
        ? [discoveredKey(vpc.routeTableDiscovery)].map((key) => ({ key, identity: `${identity}/${key}`, label: `${key} (${vpc.key})`, discovered: vpc.routeTableDiscovery }))
        : Object.keys(vpc.routeTableSets ?? {}).map((key) => ({ key, identity: `${identity}/${key}`, label: `${key} (${vpc.key})` }))),
    ],
    securityGroups: vpc.securityGroupIds ?? [],
    networkAcl: vpc.networkAcl,
  };
}

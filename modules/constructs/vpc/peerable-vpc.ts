import { TerraformProvider, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ID } from "../../core/limits";
import type { VpcSideSpec } from "../../core/peering";
import type { RouteToSpec } from "../../core/routes";

/** Which of a VPC's blocks its peers route to. */
export type RouteToProps = RouteToSpec;

export interface NetworkAclRef {
  /** `acl-...` */
  readonly id: string;
  /** First rule number for peer rules, counting up per direction. @default 1000 */
  readonly ruleNumberBase?: number;
}

/**
 * A VPC that can be one side of a peering, whether looked up (`ExistingVpc.fromLookup`), known by
 * its ids (`ExistingVpc.fromAttributes`) or created (`CreatedVpc`).
 */
export interface IPeerableVpc extends IConstruct {
  /** Short name used in construct ids, Name tags and messages, e.g. `web`. */
  readonly key: string;
  readonly vpcId: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** Route table ids that get routes to peers, by the key the caller used (Name tag or id). */
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
  /**
   * Called when a peering DNS option or a private zone needs DNS support and DNS hostnames on
   * this VPC: a looked-up VPC then fails the plan if either is off. Optional: a created VPC has both on.
   */
  requireDns?(): void;
}

/** What every IPeerableVpc implementation accepts besides how the VPC is found or made. */
export interface PeerableVpcOptions {
  /** Region of the VPC when it differs from the provider's (AWS provider v6 `region` argument). @default the provider's */
  readonly region?: string;
  /** Provider for this VPC's account. @default the stack's default aws provider */
  readonly provider?: TerraformProvider;
  /** 12-digit id of the owning account, when it is not the default provider's. @default the default provider's account */
  readonly accountId?: string;
  /** Which of its blocks peers route to. @default every block */
  readonly routeTo?: RouteToProps;
  /** Security groups that admit peers when a peering has security rules. @default [] */
  readonly securityGroupIds?: readonly string[];
  /** The custom network ACL of the peered subnets. @default none */
  readonly networkAcl?: NetworkAclRef;
}

/** The plain-data side a peering plans with; identity is the literal VPC id when known, else the construct path. */
export function vpcSideSpec(vpc: IPeerableVpc): VpcSideSpec {
  const literalId = !Token.isUnresolved(vpc.vpcId) && ID.vpc.pattern.test(vpc.vpcId) ? vpc.vpcId : undefined;
  const identity = literalId ?? vpc.node.path;
  return {
    key: vpc.key,
    identity,
    where: vpc.node.path,
    region: vpc.region,
    account: vpc.accountId,
    ipv4: vpc.cidrBlocks,
    ipv6: vpc.ipv6CidrBlocks,
    routeTo: vpc.routeTo,
    routeTables: Object.entries(vpc.routeTableIds).map(([key, id]) => ({
      key,
      identity: !Token.isUnresolved(id) && ID.routeTable.pattern.test(id) ? id : `${identity}/${key}`,
      label: `${key} (${vpc.key})`,
    })),
    securityGroups: vpc.securityGroupIds ?? [],
    networkAcl: vpc.networkAcl,
  };
}

import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcIpv4CidrBlockAssociation } from "@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";
import { recordFact } from "../facts";
import { PeerableVpcBase, PeerableVpcOptions } from "./peerable-vpc";

export interface CreatedSubnetProps {
  readonly cidr: string;
  /** Availability zone, e.g. `us-west-2a`. */
  readonly az: string;
  /** @default `<key>-<az>-<index>` */
  readonly name?: string;
}

export interface CreatedVpcProps extends PeerableVpcOptions {
  /** Key used in construct ids, Name tags and messages, e.g. `web`. */
  readonly key: string;
  /** IPv4 blocks, primary first; the rest are associated as secondary blocks. */
  readonly cidrBlocks: readonly string[];
  /** Subnets, all on the one route table created for them. @default [] */
  readonly subnets?: readonly CreatedSubnetProps[];
  /** Name tag of the route table. @default `<key>-rtb` */
  readonly routeTableName?: string;
  /**
   * Take over the VPC's default security group with no rules, so an instance or interface that
   * lands in it by default admits and sends nothing (AWS's default group admits its members and
   * allows all egress). The same choice as aws-cdk's `Vpc` `restrictDefaultSecurityGroup`.
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPC the stack creates, with DNS support and hostnames on (peering DNS resolution and private
 * zones need both), optional secondary blocks, subnets and one route table that peers route from.
 */
export class CreatedVpc extends PeerableVpcBase {
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[] = [];
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly vpc: Vpc;
  readonly routeTable: RouteTable;
  readonly subnets: readonly Subnet[];
  readonly createdSubnets: readonly { readonly name: string; readonly az: string; readonly subnetId: string }[];
  /** The default security group, emptied of rules (unless `restrictDefaultSecurityGroup` is false). */
  readonly defaultSecurityGroup?: DefaultSecurityGroup;

  constructor(scope: Construct, id: string, props: CreatedVpcProps) {
    super(scope, id, props);
    this.validateBlocks("CreatedVpc", props.cidrBlocks, []);
    this.key = props.key;
    this.cidrBlocks = props.cidrBlocks;
    const common = { region: props.region, provider: props.provider };
    const tags = props.tags ?? {};
    const [primary, ...secondary] = props.cidrBlocks;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: primary,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...tags, Name: props.key },
      ...common,
    });
    recordFact(this.vpc, { vpc: props.key, securityGroups: props.securityGroupIds && props.securityGroupIds.length > 0 ? [...props.securityGroupIds] : undefined, account: props.accountId });
    this.vpcId = this.vpc.id;
    if (props.restrictDefaultSecurityGroup ?? true) {
      // No ingress or egress blocks: the provider removes every rule of the group it adopts.
      this.defaultSecurityGroup = new DefaultSecurityGroup(this, "default-security-group", { vpcId: this.vpc.id, tags: { ...tags, Name: `${props.key}-default` }, ...common });
    }
    const associations = secondary.map(
      (cidr, i) => new VpcIpv4CidrBlockAssociation(this, `cidr-${constructIdPart(cidr, `secondary-${i}`)}`, { vpcId: this.vpc.id, cidrBlock: cidr, ...common }),
    );

    const tableName = props.routeTableName ?? `${props.key}-rtb`;
    this.routeTable = new RouteTable(this, "route-table", { vpcId: this.vpc.id, tags: { ...tags, Name: tableName }, ...common });
    this.routeTableIds = { [tableName]: this.routeTable.id };

    const subnetName = (subnet: CreatedSubnetProps, i: number) => subnet.name ?? `${props.key}-${subnet.az}-${i}`;
    this.subnets = (props.subnets ?? []).map((subnet, i) => {
      const part = constructIdPart(subnet.cidr, String(i));
      const created = new Subnet(this, `subnet-${part}`, {
        vpcId: this.vpc.id,
        cidrBlock: subnet.cidr,
        availabilityZone: subnet.az,
        tags: { ...tags, Name: subnetName(subnet, i) },
        // A subnet in a secondary block can only be made once the block is associated.
        dependsOn: associations.length > 0 ? associations : undefined,
        ...common,
      });
      new RouteTableAssociation(this, `subnet-${part}-route-table`, { subnetId: created.id, routeTableId: this.routeTable.id, ...common });
      return created;
    });
    this.createdSubnets = (props.subnets ?? []).map((subnet, i) => ({ name: subnetName(subnet, i), az: subnet.az, subnetId: this.subnets[i].id }));
  }
}

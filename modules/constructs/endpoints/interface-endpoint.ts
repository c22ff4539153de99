import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, Op, Token } from "cdktf";
import { Construct } from "constructs";
import { DEFAULT_ENDPOINT_PORT, endpointProblems, endpointServiceName, endpointZoneName, policyProblems, type EndpointSpec } from "../../core/endpoints";
import { ID } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import { error, formatProblem } from "../../core/problems";
import { PrivateHostedZone } from "../dns/private-zone";
import { RecordTarget } from "../dns/record-target";
import { recordFact } from "../facts";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { EndpointRegistry } from "./endpoint-registry";
import { policyText, type VpcEndpointOptions } from "./gateway-endpoint";

export interface InterfaceVpcEndpointProps extends VpcEndpointOptions {
  /** The part after `com.amazonaws.<region>.`: `ssm`, `ecr.api`, `sts`, `s3`, ... */
  readonly service: string;
  /** Subnets for the endpoint's network interfaces, one per availability zone: ids (`subnet-...`) or Name tags in the VPC. */
  readonly subnets: readonly string[];
  /** The port the endpoint's security group admits. @default 443 */
  readonly port?: number;
  /**
   * AWS's private DNS for the service's default name inside the VPC.
   * @default true; false when the endpoint is shared (sharedWith), which needs it off
   */
  readonly privateDnsEnabled?: boolean;
  /**
   * Centralized endpoint: peered VPCs (spokes) that use it. Each gets the private zone
   * `<service>.<region>.amazonaws.com` (made once, in this VPC's account, associated with this VPC
   * too), an alias to the endpoint's regional DNS name, and the security group admits its blocks.
   * Spokes must have DNS support and hostnames on (a looked-up spoke fails the plan otherwise).
   * `shareWith` adds more. @default none
   */
  readonly sharedWith?: readonly IPeerableVpc[];
}

/**
 * An interface endpoint: a network interface in each subnet (one per availability zone) behind a
 * security group of its own that admits the VPC's blocks, and each spoke's, on the port. Reached
 * from peered VPCs when routes, that group and DNS allow; with `sharedWith` it is a centralized
 * endpoint (private DNS off, a private zone per service for the spokes).
 */
export class InterfaceVpcEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  readonly securityGroup: SecurityGroup;
  readonly vpcEndpointId: string;
  readonly serviceName: string;
  readonly port: number;
  /** The private zone of a centralized endpoint (made by the first spoke). */
  zone?: PrivateHostedZone;
  private readonly spokes: IPeerableVpc[] = [];
  private readonly region: string;
  private readonly problems: ReturnType<typeof error>[] = [];

  constructor(scope: Construct, id: string, private readonly props: InterfaceVpcEndpointProps) {
    super(scope, id);
    const { vpc } = props;
    this.port = props.port ?? DEFAULT_ENDPOINT_PORT;
    const shared = (props.sharedWith ?? []).length > 0;
    const identity = vpcSideSpec(vpc).identity;
    const spec = (where: string): EndpointSpec => ({
      where, type: "interface", service: props.service, vpc: { key: vpc.key, identity }, subnets: props.subnets, port: props.port, privateDnsEnabled: props.privateDnsEnabled,
      sharedWith: this.spokes.map((s) => ({ key: s.key, identity: vpcSideSpec(s).identity, external: s.external })),
    });
    this.node.addValidation({ validate: () => [...endpointProblems(spec("")), ...policyProblems(props.policy, "policy"), ...this.problems].map(formatProblem) });
    EndpointRegistry.of(this).register(() => spec(this.node.path));

    const placement = { region: vpc.region, provider: vpc.provider };
    this.region = props.region ?? vpc.region ?? new DataAwsRegion(this, "region", { provider: vpc.provider }).region;
    this.serviceName = endpointServiceName(props.service, this.region);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      vpcId: vpc.vpcId,
      name: `${vpc.key}-${props.service}-endpoint`,
      description: `Interface endpoint for ${props.service}: admits tcp/${this.port} from ${vpc.key} and the VPCs that share it`,
      tags: { ...props.tags, Name: `${vpc.key}-${props.service}-endpoint` },
      ...placement,
    });
    this.admit(vpc);
    this.endpoint = new VpcEndpoint(this, "endpoint", {
      vpcId: vpc.vpcId,
      serviceName: this.serviceName,
      vpcEndpointType: "Interface",
      subnetIds: this.subnetIds(vpc),
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: props.privateDnsEnabled ?? !shared,
      policy: policyText(props.policy),
      tags: { ...props.tags, Name: `${vpc.key}-${props.service}` },
      lifecycle: props.subnets.length > 1 ? { precondition: [this.oneSubnetPerZone(vpc)] } : undefined,
      ...placement,
    });
    this.vpcEndpointId = this.endpoint.id;
    this.recordEndpointFact();
    for (const spoke of props.sharedWith ?? []) this.shareWith(spoke);
  }

  /**
   * Makes this a centralized endpoint for `spoke` too: the service's private zone is associated
   * with it, the security group admits its blocks, and it must have DNS support and hostnames on.
   */
  shareWith(spoke: IPeerableVpc): this {
    this.spokes.push(spoke);
    this.recordEndpointFact();
    if (spoke.external) return this; // refused by the validation; nothing can be made in its account
    this.admit(spoke);
    spoke.requireDns?.();
    const zone = this.centralZone();
    zone?.addVpc({ vpcId: spoke.vpcId, region: spoke.region ?? this.region, provider: spoke.provider, key: spoke.key });
    return this;
  }

  /** The zone spokes resolve the service's default name in: made with the first spoke, in this VPC. */
  private centralZone(): PrivateHostedZone | undefined {
    if (this.zone) return this.zone;
    if (Token.isUnresolved(this.region)) {
      this.problems.push(error("region", `give the service's region: the private zone for the spokes is named ${this.props.service}.<region>.amazonaws.com, and the VPC's region is only known at plan time`));
      return undefined;
    }
    const { vpc } = this.props;
    vpc.requireDns?.();
    const zoneName = endpointZoneName(this.props.service, this.region);
    this.zone = new PrivateHostedZone(this, "zone", {
      zoneName,
      vpc: { vpcId: vpc.vpcId, region: this.region, provider: vpc.provider, key: vpc.key },
      comment: `${zoneName} answered by the interface endpoint in ${vpc.key}, for the VPCs that share it`,
      provider: vpc.provider,
    });
    // The first DNS entry is the endpoint's regional name; the others are per availability zone.
    const entry = this.endpoint.dnsEntry.get(0);
    this.zone.addRecord({ name: zoneName, type: "A", target: RecordTarget.fromAlias({ dnsName: entry.dnsName, hostedZoneId: entry.hostedZoneId }) });
    return this.zone;
  }

  /** Ingress on the port from each of `from`'s blocks (IPv4 and IPv6). */
  private admit(from: IPeerableVpc): void {
    for (const block of [...from.cidrBlocks, ...from.ipv6CidrBlocks]) {
      new VpcSecurityGroupIngressRule(this, `ingress-${constructIdPart(from.key)}-${constructIdPart(block, "block")}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: this.port,
        toPort: this.port,
        ...(block.includes(":") ? { cidrIpv6: block } : { cidrIpv4: block }),
        description: `${from.key} to the ${this.props.service} endpoint`,
        region: this.props.vpc.region,
        provider: this.props.vpc.provider,
      });
    }
  }

  private subnetLookups?: DataAwsSubnet[];

  /** Every subnet is looked up (by id, or by Name tag in the VPC) for its availability zone. */
  private subnetIds(vpc: IPeerableVpc): string[] {
    this.subnetLookups = this.props.subnets.map((s, i) =>
      new DataAwsSubnet(this, `subnet-${constructIdPart(s, String(i))}`, {
        ...(ID.subnet.pattern.test(s) ? { id: s } : { vpcId: vpc.vpcId, filter: [{ name: "tag:Name", values: [s] }] }),
        region: vpc.region,
        provider: vpc.provider,
      }));
    return this.subnetLookups.map((s) => s.id);
  }

  /** AWS places one interface per availability zone: two subnets of one zone fail the plan, naming them. */
  private oneSubnetPerZone(vpc: IPeerableVpc) {
    const zones = (this.subnetLookups ?? []).map((s) => s.availabilityZone);
    return {
      condition: Op.eq(Fn.lengthOf(Fn.distinct(zones)), zones.length),
      errorMessage: `The subnets of the ${this.props.service} endpoint in ${vpc.key} (${this.props.subnets.join(", ")}) are in ${Fn.join(", ", zones)}: an interface endpoint takes one subnet per availability zone; list one subnet of each zone.`,
    };
  }

  private recordEndpointFact(): void {
    const sharedWith = this.spokes.map((s) => s.key);
    recordFact(this.endpoint, { endpoint: { type: "interface", service: this.props.service, vpc: this.props.vpc.key, port: this.port, ...(sharedWith.length > 0 ? { sharedWith } : {}) } });
  }
}

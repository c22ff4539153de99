import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { IPeerableVpc } from "../vpc/existing-vpc";
import { NaclRulePlan, planPeerSecurity, RuleNumbers, SgRulePlan, Side } from "../../core/security";
import { peerFacingBlocks, sameRegion } from "../../app/plan";

export interface PeerSecurityRulesProps {
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
  /** `tcp/443`, `udp/53`, `tcp/8000-8099`, `icmp`, `icmpv6` or `all`. */
  readonly ports: readonly string[];
  /** Sides that accept connections from the other. @default both */
  readonly allowInto?: readonly Side[];
  /**
   * `auto` references the peer's security groups when both VPCs are in one region and one
   * account (AWS allows no group references across regions); `cidr` always uses the peer's blocks.
   * @default "auto"
   */
  readonly source?: "auto" | "cidr";
  /** Groups of the requester that admit the accepter. @default requester.securityGroupIds */
  readonly requesterSecurityGroupIds?: readonly string[];
  /** Groups of the accepter that admit the requester. @default accepter.securityGroupIds */
  readonly accepterSecurityGroupIds?: readonly string[];
  /** Shared across peerings so rules on one network ACL get distinct numbers. @default a fresh counter */
  readonly ruleNumbers?: RuleNumbers;
  /** Region of the provider(s), for sides with no region set. @default unknown: unset regions compare equal */
  readonly defaultRegion?: string;
  /** Description on each security-group rule. @default "peer <other key>" */
  readonly description?: string;
}

/**
 * Security-group ingress rules and network-ACL rules that let two peered VPCs talk on the listed
 * ports: sources are the peer's VPC blocks (or groups), never 0.0.0.0/0.
 */
export class PeerSecurityRules extends Construct {
  readonly securityGroupRules: readonly VpcSecurityGroupIngressRule[];
  readonly networkAclRules: readonly NetworkAclRule[];
  readonly plan: { readonly sg: readonly SgRulePlan[]; readonly nacl: readonly NaclRulePlan[] };

  constructor(scope: Construct, id: string, props: PeerSecurityRulesProps) {
    super(scope, id);
    const sides = { requester: props.requester, accepter: props.accepter };
    const securitySide = (vpc: IPeerableVpc, groups?: readonly string[]) => ({
      ...peerFacingBlocks(vpc.cidrBlocks, vpc.ipv6CidrBlocks, vpc.routeTo),
      securityGroups: groups ?? vpc.securityGroupIds ?? [],
      networkAcl: vpc.networkAcl,
    });
    const local =
      sameRegion(props.requester.region, props.accepter.region, props.defaultRegion) &&
      props.requester.accountId === props.accepter.accountId;
    this.plan = planPeerSecurity(
      {
        requester: securitySide(props.requester, props.requesterSecurityGroupIds),
        accepter: securitySide(props.accepter, props.accepterSecurityGroupIds),
        ports: props.ports,
        allowInto: props.allowInto ?? ["requester", "accepter"],
        referencePeerGroups: (props.source ?? "auto") === "auto" && local,
      },
      props.ruleNumbers,
    );

    this.securityGroupRules = this.plan.sg.map((rule) => {
      const vpc = sides[rule.side];
      const peer = rule.side === "requester" ? props.accepter : props.requester;
      return new VpcSecurityGroupIngressRule(this, rule.id, {
        securityGroupId: rule.securityGroupId,
        ipProtocol: rule.ipProtocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        ...("cidrIpv4" in rule.source
          ? { cidrIpv4: rule.source.cidrIpv4 }
          : "cidrIpv6" in rule.source
            ? { cidrIpv6: rule.source.cidrIpv6 }
            : { referencedSecurityGroupId: rule.source.securityGroupId }),
        description: props.description ?? `peer ${peer.key}`,
        region: vpc.region,
        provider: vpc.provider,
      });
    });
    this.networkAclRules = this.plan.nacl.map((rule) => {
      const vpc = sides[rule.side];
      return new NetworkAclRule(this, rule.id, {
        networkAclId: rule.networkAclId,
        ruleNumber: rule.ruleNumber,
        egress: rule.egress,
        protocol: rule.protocol,
        ruleAction: "allow",
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        icmpType: rule.icmpType,
        icmpCode: rule.icmpCode,
        ...(rule.family === 4 ? { cidrBlock: rule.cidr } : { ipv6CidrBlock: rule.cidr }),
        region: vpc.region,
        provider: vpc.provider,
      });
    });
  }
}

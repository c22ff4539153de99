import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { planSecurityRules, SecurityRulesSpec } from "../../core/peering";
import { sameRegion } from "../../core/routes";
import { portListProblems, type NaclRulePlan, type SgRulePlan } from "../../core/security";
import { refuseProblems } from "../validation";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { recordFact } from "../facts";
import { RoutingRegistry } from "./routing-registry";

export interface PeerSecurityRulesOptions extends SecurityRulesSpec {
  /** Description on each security-group rule. @default "peer <other key>" */
  readonly description?: string;
}

export interface PeerSecurityRulesProps extends PeerSecurityRulesOptions {
  readonly requester: IPeerableVpc;
  readonly accepter: IPeerableVpc;
  /** Region of the provider(s), for sides with no region set. @default unknown: unset regions compare equal */
  readonly defaultRegion?: string;
  /** The peering these rules serve, recorded beside each rule for the report. @default none */
  readonly peeringName?: string;
}

/**
 * Security-group ingress rules and network-ACL rules that let two peered VPCs talk on the listed
 * ports: sources are the peer's VPC blocks (or groups), never 0.0.0.0/0. Usually made by
 * `VpcPeering.addSecurityRules`; network-ACL rule numbers are shared across the stack.
 */
export class PeerSecurityRules extends Construct {
  readonly securityGroupRules: readonly VpcSecurityGroupIngressRule[];
  readonly networkAclRules: readonly NetworkAclRule[];
  readonly plan: { readonly sg: readonly SgRulePlan[]; readonly nacl: readonly NaclRulePlan[] };

  constructor(scope: Construct, id: string, props: PeerSecurityRulesProps) {
    super(scope, id);
    const sides = { requester: props.requester, accepter: props.accepter };
    refuseProblems(this, "PeerSecurityRules", portListProblems(props.ports, (i) => `ports[${i}]`));
    // Rules are sourced from the peer's blocks, which a VPC known only at plan time has not got.
    for (const side of ["requester", "accepter"] as const) {
      if (sides[side].cidrBlocks.length === 0) {
        throw new Error(`PeerSecurityRules ${id}: ${side} VPC ${sides[side].key} has no blocks known at synth time (ExistingVpc.fromPlanTimeId), so no rule could be planned from them: give the VPC with ExistingVpc.fromLookup or fromAttributes and its cidrBlocks, or write the rules yourself`);
      }
    }
    // A side with nothing to open would make the call a silent no-op: say so instead.
    for (const side of props.allowInto ?? (["requester", "accepter"] as const)) {
      const groups = (side === "requester" ? props.requesterSecurityGroups : props.accepterSecurityGroups) ?? sides[side].securityGroupIds ?? [];
      if (groups.length === 0 && !sides[side].networkAcl) {
        throw new Error(`PeerSecurityRules ${id}: ${side} VPC ${sides[side].key} has no securityGroupIds and no networkAcl, so there is nothing to open: give it security groups or leave "${side}" out of allowInto`);
      }
    }
    this.plan = planSecurityRules({ requester: vpcSideSpec(props.requester), accepter: vpcSideSpec(props.accepter) }, props, {
      crossAccount: props.requester.accountId !== props.accepter.accountId,
      crossRegion: !sameRegion(props.requester.region, props.accepter.region, props.defaultRegion),
      ruleNumbers: RoutingRegistry.of(this).ruleNumbers,
    });

    this.securityGroupRules = this.plan.sg.map((rule) => {
      const vpc = sides[rule.side];
      const peer = rule.side === "requester" ? props.accepter : props.requester;
      const resource = new VpcSecurityGroupIngressRule(this, rule.id, {
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
      recordFact(resource, { vpc: vpc.key, peering: props.peeringName });
      return resource;
    });
    this.networkAclRules = this.plan.nacl.map((rule) => {
      const vpc = sides[rule.side];
      const resource = new NetworkAclRule(this, rule.id, {
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
      recordFact(resource, { vpc: vpc.key, peering: props.peeringName });
      return resource;
    });
  }
}


import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { recordExternalVpc } from "../facts";
import { ConfigProblem, error } from "../../core/problems";
import { refuseProblems } from "../validation";
import { ID } from "../../core/limits";
import { PeerableVpcBase } from "./peerable-vpc";

export interface ExternalVpcProps {
  /** Short name for construct ids and messages. */
  readonly key: string;
  /** `vpc-...` */
  readonly vpcId: string;
  /** 12-digit id of the account that owns it. */
  readonly accountId: string;
  /** IPv4 blocks the peering routes to, primary first. */
  readonly cidrBlocks: readonly string[];
  /** IPv6 blocks the peering routes to. @default [] */
  readonly ipv6CidrBlocks?: readonly string[];
  /** Its region, when not the provider's. @default the provider's */
  readonly region?: string;
}

/**
 * A VPC in an account this stack does not manage (a partner's, a vendor's): known by its id,
 * account and blocks. Nothing is looked up in it or changed there. As the accepter of a
 * `VpcPeering`, the stack only requests the peering; as the requester, the stack accepts the
 * request that account made (`VpcPeeringProps.existingConnection`).
 */
export class ExternalVpc extends PeerableVpcBase {
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** None: its route tables belong to the other account. */
  readonly routeTableIds: Readonly<Record<string, string>> = {};
  readonly external = true;

  constructor(scope: Construct, id: string, props: ExternalVpcProps) {
    super(scope, id, { region: props.region, accountId: props.accountId });
    const problems = [
      ID.vpc.pattern.test(props.vpcId) ? undefined : error("vpcId", `must be ${ID.vpc.expected}`),
      ID.account.pattern.test(props.accountId) ? undefined : error("accountId", `must be ${ID.account.expected}`),
    ].filter((p): p is ConfigProblem => p !== undefined);
    refuseProblems(this, "ExternalVpc", problems);
    this.validateBlocks("ExternalVpc", props.cidrBlocks, props.ipv6CidrBlocks ?? []);
    this.key = props.key;
    this.vpcId = props.vpcId;
    this.cidrBlocks = props.cidrBlocks;
    this.ipv6CidrBlocks = props.ipv6CidrBlocks ?? [];
    recordExternalVpc(TerraformStack.of(this), { key: props.key, id: props.vpcId, account: props.accountId, region: props.region, ipv4: [...props.cidrBlocks], ipv6: [...this.ipv6CidrBlocks] });
  }
}

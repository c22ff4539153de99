import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { RamResourceShareAccepter } from "@cdktf/provider-aws/lib/ram-resource-share-accepter";
import { type ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";
import type { TransitGateway } from "./transit-gateway";

/**
 * How other accounts get the gateway. `invitation`: the share allows external principals and each
 * account accepts the share's invitation (works for any accounts). `organization`: the accounts
 * are in one AWS Organization with RAM sharing enabled; the share stays in the organization and
 * no invitation is sent.
 */
export type TransitGatewaySharing = "invitation" | "organization";

export interface TransitGatewayShareProps {
  readonly transitGateway: TransitGateway;
  /** @default "invitation" */
  readonly sharing?: TransitGatewaySharing;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What an account that received the gateway has: its principal association and, for an invitation, its acceptance. */
export interface TransitGatewayGrant {
  readonly principal: RamPrincipalAssociation;
  readonly accepter?: RamResourceShareAccepter;
}

/**
 * The RAM share of a transit gateway, made in the gateway's account: the share (`<gateway>-tgw`),
 * the gateway as its resource, and a principal association per account (`addAccount`), which
 * that account accepts through its own provider when sharing by invitation. An attachment made
 * from another account depends on `dependablesFor(account)`. Made by `TransitGateway.shareWith`.
 */
export class TransitGatewayShare extends Construct {
  readonly share: RamResourceShare;
  readonly resourceAssociation: RamResourceAssociation;
  private readonly grants = new Map<string, TransitGatewayGrant>();

  constructor(scope: Construct, id: string, private readonly props: TransitGatewayShareProps) {
    super(scope, id);
    const tgw = props.transitGateway;
    const placement = { region: tgw.region, provider: tgw.provider };
    this.share = new RamResourceShare(this, "share", {
      name: `${tgw.name}-tgw`,
      allowExternalPrincipals: (props.sharing ?? "invitation") === "invitation",
      tags: { ...props.tags, Name: `${tgw.name}-tgw` },
      ...placement,
    });
    this.resourceAssociation = new RamResourceAssociation(this, "resource", { resourceArn: tgw.transitGatewayArn, resourceShareArn: this.share.arn, ...placement });
  }

  /** Shares the gateway with an account (once per account); `provider` is that account's, for accepting the invitation. */
  addAccount(accountId: string, provider?: TerraformProvider): TransitGatewayGrant {
    const existing = this.grants.get(accountId);
    if (existing) return existing;
    const tgw = this.props.transitGateway;
    const part = constructIdPart(accountId);
    const principal = new RamPrincipalAssociation(this, `principal-${part}`, { principal: accountId, resourceShareArn: this.share.arn, region: tgw.region, provider: tgw.provider });
    const accepter = (this.props.sharing ?? "invitation") === "invitation"
      ? new RamResourceShareAccepter(this, `accepter-${part}`, { shareArn: principal.resourceShareArn, region: tgw.region, provider, dependsOn: [principal, this.resourceAssociation] })
      : undefined;
    const grant = { principal, accepter };
    this.grants.set(accountId, grant);
    return grant;
  }

  /** What an attachment from `accountId` waits for: the gateway in the share, the account associated and, by invitation, accepted. */
  dependablesFor(accountId: string): ITerraformDependable[] {
    const grant = this.grants.get(accountId);
    return grant ? [this.resourceAssociation, grant.principal, ...(grant.accepter ? [grant.accepter] : [])] : [this.resourceAssociation];
  }
}

// AWS RAM: what the provider's validators refuse (a principal that is neither an account id nor
// an ARN, a resource that is not an ARN) and what RAM refuses at apply (an outside account on a
// share limited to the organization, accepting an invitation that was never sent).
import { arnProblem, arnRule, customRule, error, valueRule } from "./check";
import type { Ledger } from "./ledger";
import type { Obj, Rule, Skipped } from "./types";

const PRINCIPAL = "internal/service/ram/principal_association.go";
const RESOURCE = "internal/service/ram/resource_association.go";
const ACCEPTER = "internal/service/ram/resource_share_accepter.go";
const AWS_RAM = "AWS RAM docs (AssociateResourceShare / AcceptResourceShareInvitation errors); passed through by ";

/** A share created in this run, by its ARN, with the account that made it. */
export function shareOf(ledger: Ledger | undefined, arn: unknown): { values: Obj; account: string } | undefined {
  return typeof arn === "string" ? ledger?.everywhere("aws_ram_resource_share").find((s) => s.values.arn === arn || s.values.id === arn) : undefined;
}

/** Whether the world puts both accounts in one AWS Organization (`organization: {accounts: [...]}`). */
function sameOrganization(ledger: Ledger | undefined, a: string, b: string): boolean {
  const org = ledger?.baseWorld.organization as { accounts?: string[] } | undefined;
  return !!org?.accounts?.includes(a) && org.accounts.includes(b);
}

export const rules: Rule[] = [
  valueRule({ id: "ram_principal_association.principal.format", type: "aws_ram_principal_association", source: PRINCIPAL + " (validation.Any(verify.ValidAccountID, verify.ValidARN))", summary: "principal: a 12-digit account id or an ARN (organization, OU, IAM role or user)" }, "principal",
    (v) => (typeof v === "string" && !/^\d{12}$/.test(v) && arnProblem(v) ? `"principal" (${v}) is neither a 12-digit AWS account ID nor a valid ARN` : undefined), "Invalid value", { bad: "12345", good: "222222222222" }),
  arnRule({ id: "ram_resource_association.resource_arn.arn", type: "aws_ram_resource_association", source: RESOURCE + " (verify.ValidARN)", summary: "resource_arn: an ARN" }, "resource_arn"),
  customRule({ id: "ram_principal_association.principal.external", step: "apply", type: "aws_ram_principal_association", source: AWS_RAM + PRINCIPAL, summary: "A share without allow_external_principals takes only accounts of the owner's organization (OperationNotPermittedException)", onCreateOnly: true }, (o, ctx) => {
    const share = shareOf(ctx.ledger, o.resource_share_arn);
    const principal = typeof o.principal === "string" ? o.principal : "";
    if (!share || share.values.allow_external_principals !== false || !/^\d{12}$/.test(principal) || principal === share.account || sameOrganization(ctx.ledger, share.account, principal)) return [];
    return [error("associating RAM Resource Share principal", `principal: OperationNotPermittedException: The resource you are attempting to share can only be shared within your AWS Organization: ${principal} is outside it; set allow_external_principals = true on the share, or share with an account of the organization.`, ["principal"])];
  }),
  customRule({ id: "ram_resource_share_accepter.share_arn.invitation", step: "apply", type: "aws_ram_resource_share_accepter", source: AWS_RAM + ACCEPTER, summary: "An invitation exists only for an account associated as principal with a share that allows external principals, made by another account", onCreateOnly: true }, (o, ctx) => {
    const share = shareOf(ctx.ledger, o.share_arn);
    if (!share) return [];
    const invited = share.account !== ctx.account && share.values.allow_external_principals !== false
      && !!ctx.ledger?.everywhere("aws_ram_principal_association").some((p) => p.values.resource_share_arn === share.values.arn && p.values.principal === ctx.account);
    return invited ? [] : [error("accepting RAM Resource Share invitation", `share_arn: No RAM Resource Share (${String(o.share_arn)}) invitation found for account ${ctx.account}. If both AWS accounts are in the same AWS Organization and RAM Sharing with AWS Organizations is enabled, this resource is not necessary; otherwise associate the account with the share (allow_external_principals = true) first.`, ["share_arn"])];
  }),
];

export const skipped: Skipped[] = [
  { id: "ram_resource_association.resource.shareable", step: "apply", types: ["aws_ram_resource_association"], source: AWS_RAM + RESOURCE, summary: "Only resource types RAM shares can be associated (UnknownResourceException / MalformedArnException)", why: "our constructs share only transit gateways, which RAM shares" },
];

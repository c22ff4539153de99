// AWS RAM in the stand-in: what AWS answers for a resource share, the resources and principals
// associated with it, and an accepted invitation (ARNs and ids shaped as RAM and the provider
// give them: a share is named by its ARN; associations by "<share ARN>,<resource or principal>").
import type { Value } from "./cty";
import { hashHex, type Context } from "./plausible";

type Obj = Record<string, Value>;

/** A RAM ARN: arn:aws:ram:<region>:<account>:<kind>/<uuid-like id>. */
const ramArn = (ctx: Context, kind: string, seed: string) => {
  const h = hashHex(seed, 32);
  return `arn:aws:ram:${ctx.region}:${ctx.account}:${kind}/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** The attributes AWS gives a RAM object, by type; undefined for other types. */
export function ramAttributes(typeName: string, obj: Obj, ctx: Context): Obj | undefined {
  switch (typeName) {
    case "aws_ram_resource_share": {
      const arn = ramArn(ctx, "resource-share", ctx.seed);
      return { id: arn, arn };
    }
    case "aws_ram_resource_association":
      return { id: `${String(obj.resource_share_arn)},${String(obj.resource_arn)}` };
    case "aws_ram_principal_association":
      return { id: `${String(obj.resource_share_arn)},${String(obj.principal)}` };
    case "aws_ram_resource_share_accepter": {
      const share = String(obj.share_arn);
      // The share's ARN names its owner: arn:aws:ram:<region>:<sender>:resource-share/<id>.
      const [, , , , sender = "", rest = ""] = share.split(":");
      return {
        id: share, invitation_arn: ramArn(ctx, "resource-share-invitation", `${ctx.seed}/invitation`), share_id: rest.replace(/^resource-share\//, "rs-"),
        status: "ACCEPTED", receiver_account_id: ctx.account, sender_account_id: sender, share_name: "", resources: [],
      };
    }
    default:
      return undefined;
  }
}

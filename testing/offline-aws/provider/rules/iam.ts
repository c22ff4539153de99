// IAM roles and their inline policies: aws_iam_role, aws_iam_role_policy.
import { arnRule, conflictsRule, customRule, error, intBetweenRule, jsonProblem, patternRule, policyJsonRule, str, strLenRule, valueRule } from "./check";
import type { Obj, Rule, Skipped } from "./types";

const ROLE = "internal/service/iam/role.go";
const POLICY = "internal/service/iam/role_policy.go";
const VALIDATE = "internal/service/iam/validate.go";
const AWS_IAM = "IAM API errors (CreateRole / PutRolePolicy); passed through by ";
const NAME = /^[\w+=,.@-]*$/;

type Statement = Record<string, unknown>;
function statements(doc: string): Statement[] | undefined {
  if (jsonProblem(doc)) return undefined;
  const parsed = JSON.parse(doc) as { Statement?: unknown };
  const s = parsed?.Statement;
  return Array.isArray(s) ? (s as Statement[]) : s && typeof s === "object" ? [s as Statement] : [];
}

const roleExists = (o: Obj, name: string, ledger: NonNullable<Parameters<Rule["check"]>[1]["ledger"]>) =>
  ledger.ownWorldRecords("iam_roles").some((r) => r.name === name) || ledger.of("aws_iam_role").some((r) => r.values.name === name && r.values.id !== o.id);

export const rules: Rule[] = [
  strLenRule({ id: "iam_role.name.length", type: "aws_iam_role", source: ROLE + " (validResourceName(64))", summary: "name: at most 64 characters" }, "name", 1, 64),
  patternRule({ id: "iam_role.name.characters", type: "aws_iam_role", source: VALIDATE + " (validResourceName)", summary: "name: letters, digits and +=,.@_- only" }, "name", NAME, "must match [\\w+=,.@-]"),
  strLenRule({ id: "iam_role.name_prefix.length", type: "aws_iam_role", source: ROLE + " (validResourceName(38))", summary: "name_prefix: at most 38 characters" }, "name_prefix", 1, 38),
  patternRule({ id: "iam_role.name_prefix.characters", type: "aws_iam_role", source: VALIDATE + " (validResourceName)", summary: "name_prefix: letters, digits and +=,.@_- only" }, "name_prefix", NAME, "must match [\\w+=,.@-]"),
  conflictsRule({ id: "iam_role.name.conflicts", type: "aws_iam_role", source: ROLE, summary: "name conflicts with name_prefix" }, "name", ["name_prefix"]),
  policyJsonRule({ id: "iam_role.assume_role_policy.json", type: "aws_iam_role", source: ROLE, summary: "assume_role_policy is a JSON policy document" }, "assume_role_policy"),
  strLenRule({ id: "iam_role.description.length", type: "aws_iam_role", source: ROLE, summary: "description: at most 1000 characters" }, "description", 0, 1000),
  valueRule({ id: "iam_role.description.quotes", type: "aws_iam_role", source: ROLE, summary: "description: no typographic quotes" }, "description", (v) => (typeof v === "string" && /[“‘]/.test(v) ? "description cannot contain specially formatted single or double quotes: [“‘]" : undefined)),
  intBetweenRule({ id: "iam_role.max_session_duration.range", type: "aws_iam_role", source: ROLE, summary: "max_session_duration: 3600 to 43200 seconds" }, "max_session_duration", 3600, 43200),
  strLenRule({ id: "iam_role.path.length", type: "aws_iam_role", source: ROLE, summary: "path: at most 512 characters" }, "path", 0, 512),
  arnRule({ id: "iam_role.permissions_boundary.arn", type: "aws_iam_role", source: ROLE, summary: "permissions_boundary is an ARN" }, "permissions_boundary"),
  arnRule({ id: "iam_role.managed_policy_arns.arn", type: "aws_iam_role", source: ROLE, summary: "managed_policy_arns are ARNs" }, "managed_policy_arns"),
  patternRule({ id: "iam_role.inline_policy.name.characters", type: "aws_iam_role", source: ROLE + " (validRolePolicyName)", summary: "inline_policy.name: 1-128 of [\\w+=,.@-]" }, "inline_policy.name", /^[\w+=,.@-]{1,128}$/, "1 to 128 of [\\w+=,.@-]"),
  policyJsonRule({ id: "iam_role.inline_policy.policy.json", type: "aws_iam_role", source: ROLE, summary: "inline_policy.policy is a JSON policy document" }, "inline_policy.policy"),
  customRule({ id: "iam_role.path.slashes", step: "apply", type: "aws_iam_role", source: AWS_IAM + ROLE, summary: "path starts and ends with /", onCreateOnly: true }, (o) =>
    typeof o.path === "string" && o.path !== "" && !/^\/([\x21-\x7e]*\/)?$/.test(o.path) ? [error("IAM refused the role", `path: ValidationError: ${o.path} must begin and end with / (for example /service-role/).`, ["path"])] : []),
  customRule({ id: "iam_role.assume_role_policy.principal", step: "apply", type: "aws_iam_role", source: AWS_IAM + ROLE, summary: "Every statement of a trust policy names a Principal and no Resource (MalformedPolicyDocument)", onCreateOnly: true }, (o) => {
    const s = typeof o.assume_role_policy === "string" ? statements(o.assume_role_policy) : undefined;
    if (!s) return [];
    if (s.length === 0) return [error("IAM refused the role", "assume_role_policy: MalformedPolicyDocument: the trust policy has no Statement.", ["assume_role_policy"])];
    const bad = s.find((x) => !("Principal" in x) && !("NotPrincipal" in x));
    if (bad) return [error("IAM refused the role", "assume_role_policy: MalformedPolicyDocument: Missing required field Principal: each statement of a trust policy names who may assume the role.", ["assume_role_policy"])];
    return s.some((x) => "Resource" in x) ? [error("IAM refused the role", "assume_role_policy: MalformedPolicyDocument: Has prohibited field Resource: a trust policy names no resources.", ["assume_role_policy"])] : [];
  }),
  customRule({ id: "iam_role.name.already_exists", step: "apply", type: "aws_iam_role", source: AWS_IAM + ROLE, summary: "A role name is taken once per account (EntityAlreadyExists)", onCreateOnly: true }, (o, ctx) =>
    typeof o.name === "string" && ctx.ledger && roleExists(o, o.name, ctx.ledger) ? [error("IAM refused the role", `name: EntityAlreadyExists: Role with name ${o.name} already exists in account ${ctx.account}; import it or look it up with data.aws_iam_role.`, ["name"])] : []),

  strLenRule({ id: "iam_role_policy.name.length", type: "aws_iam_role_policy", source: POLICY + " (validRolePolicyName)", summary: "name: at most 128 characters" }, "name", 1, 128),
  patternRule({ id: "iam_role_policy.name.characters", type: "aws_iam_role_policy", source: VALIDATE + " (validRolePolicyName)", summary: "name: letters, digits and +=,.@_- only" }, "name", NAME, "must match [\\w+=,.@-]"),
  strLenRule({ id: "iam_role_policy.name_prefix.length", type: "aws_iam_role_policy", source: POLICY, summary: "name_prefix: at most 100 characters" }, "name_prefix", 1, 100),
  conflictsRule({ id: "iam_role_policy.name.conflicts", type: "aws_iam_role_policy", source: POLICY, summary: "name conflicts with name_prefix" }, "name", ["name_prefix"]),
  policyJsonRule({ id: "iam_role_policy.policy.json", type: "aws_iam_role_policy", source: POLICY + " (verify.ValidIAMPolicyJSON)", summary: "policy is a JSON policy document" }, "policy"),
  customRule({ id: "iam_role_policy.policy.no_principal", step: "apply", type: "aws_iam_role_policy", source: AWS_IAM + POLICY, summary: "An identity policy has no Principal (MalformedPolicyDocument)", onCreateOnly: true }, (o) => {
    const s = typeof o.policy === "string" ? statements(o.policy) : undefined;
    return s?.some((x) => "Principal" in x || "NotPrincipal" in x) ? [error("IAM refused the policy", "policy: MalformedPolicyDocument: Policy document should not specify a principal.", ["policy"])] : [];
  }),
  customRule({ id: "iam_role_policy.policy.size", step: "apply", type: "aws_iam_role_policy", source: AWS_IAM + POLICY + " (quota: 10,240 characters of inline policy per role)", summary: "Inline policies of a role: at most 10,240 characters" }, (o) =>
    typeof o.policy === "string" && o.policy.replace(/\s/g, "").length > 10240 ? [error("IAM refused the policy", `policy: LimitExceeded: the policy has ${o.policy.replace(/\s/g, "").length} characters without whitespace; a role's inline policies may total 10,240.`, ["policy"])] : []),
  customRule({ id: "iam_role_policy.role.exists", step: "apply", type: "aws_iam_role_policy", source: AWS_IAM + POLICY, summary: "The role must exist (NoSuchEntity)", onCreateOnly: true }, (o, ctx) => {
    const role = str(o.role);
    if (!role || !ctx.ledger) return [];
    const name = role.replace(/^arn:[^:]+:iam::\d{12}:role\/(.*\/)?/, "");
    return roleExists({}, name, ctx.ledger) ? [] : [error("IAM refused the policy", `role: NoSuchEntity: The role with name ${name} cannot be found in account ${ctx.account}.`, ["role"])];
  }),
];

export const skipped: Skipped[] = [
  { id: "iam_role.managed_policy_arns.exist", step: "apply", types: ["aws_iam_role"], source: ROLE, summary: "Attached managed policies must exist", why: "the world has no managed-policy collection; the project attaches none" },
  { id: "iam_role.policy.grammar", step: "apply", types: ["aws_iam_role", "aws_iam_role_policy"], source: ROLE, summary: "Full IAM policy grammar (actions, condition operators, ARNs in Resource)", why: "IAM's grammar is large and not in the provider; the stand-in checks the structural refusals only (Statement, Principal, Resource)" },
];

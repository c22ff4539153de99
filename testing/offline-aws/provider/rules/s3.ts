// S3 buckets and their configuration resources, and the KMS key (and its alias) the state bucket may use.
import { conflictsRule, customRule, enumRule, error, intBetweenRule, patternRule, policyJsonRule, str, strLenRule, valueRule } from "./check";
import type { Rule, Skipped } from "./types";

const BUCKET = "internal/service/s3/bucket.go";
const VERSIONING = "internal/service/s3/bucket_versioning.go";
const SSE = "internal/service/s3/bucket_server_side_encryption_configuration.go";
const POLICY = "internal/service/s3/bucket_policy.go";
const OWNERSHIP = "internal/service/s3/bucket_ownership_controls.go";
const LIFECYCLE = "internal/service/s3/bucket_lifecycle_configuration.go";
const LOGGING = "internal/service/s3/bucket_logging.go";
const KMS = "internal/service/kms/key.go";
const KMS_ALIAS = "internal/service/kms/alias.go";
const KMS_VALIDATE = "internal/service/kms/validate.go";
const B = "aws_s3_bucket";

/** S3's bucket naming rules (validBucketName in the provider's Create, then S3 itself). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3 to 63 characters long, got ${name.length}`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
  if (name.includes("..")) return "may not contain two adjacent dots";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "may not be formatted as an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return "may not begin with xn--, sthree- or amzn-s3-demo-";
  if (/(-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$/.test(name)) return "may not end with -s3alias, --ol-s3, --x-s3, --table-s3 or .mrap";
  return undefined;
}

const ACCOUNT = /^\d{12}$/;
const bucketTypes = ["aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging"];

export const rules: Rule[] = [
  strLenRule({ id: "s3_bucket.bucket.length", type: B, source: BUCKET, summary: "bucket: at most 63 characters" }, "bucket", 0, 63),
  strLenRule({ id: "s3_bucket.bucket_prefix.length", type: B, source: BUCKET, summary: "bucket_prefix: at most 37 characters (63 less the generated suffix)" }, "bucket_prefix", 0, 37),
  conflictsRule({ id: "s3_bucket.bucket.conflicts", type: B, source: BUCKET, summary: "bucket conflicts with bucket_prefix" }, "bucket", ["bucket_prefix"]),
  customRule({ id: "s3_bucket.bucket.name_rules", step: "apply", type: B, source: BUCKET + " (Create: validBucketName)", summary: "bucket follows S3's naming rules", onCreateOnly: true }, (o) => {
    const why = typeof o.bucket === "string" && o.bucket !== "" ? bucketNameProblem(o.bucket) : undefined;
    return why ? [error("Invalid S3 bucket name", `bucket: validating S3 Bucket (${String(o.bucket)}) name: ${why}`, ["bucket"])] : [];
  }),
  customRule({ id: "s3_bucket.bucket.already_exists", step: "apply", type: B, source: "S3 CreateBucket API (BucketAlreadyOwnedByYou / BucketAlreadyExists); passed through by " + BUCKET, summary: "Bucket names are unique", onCreateOnly: true }, (o, ctx) => {
    const name = str(o.bucket);
    if (!name || !ctx.ledger) return [];
    const clash = ctx.ledger.worldRecords("s3_buckets").find((b) => (b.bucket ?? b.name) === name) ?? ctx.ledger.of(B).find((b) => b.values.bucket === name && b.values.id !== o.id);
    return clash ? [error("S3 refused the bucket", `bucket: ${"account_id" in clash && clash.account_id !== ctx.account ? "BucketAlreadyExists" : "BucketAlreadyOwnedByYou"}: a bucket named ${name} already exists.`, ["bucket"])] : [];
  }),
  ...bucketTypes.map((t) => strLenRule({ id: `${t.replace(/^aws_/, "")}.bucket.length`, type: t, source: `internal/service/s3/${t.replace(/^aws_s3_/, "")}.go`, summary: "bucket: 1 to 63 characters" }, "bucket", 1, 63)),
  ...["aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging"].map((t) =>
    patternRule({ id: `${t.replace(/^aws_/, "")}.expected_bucket_owner.account_id`, type: t, source: `internal/service/s3/${t.replace(/^aws_s3_/, "")}.go (verify.ValidAccountID)`, summary: "expected_bucket_owner is a 12-digit account id" }, "expected_bucket_owner", ACCOUNT, "must be a 12-digit AWS account id", "123456789012")),
  enumRule({ id: "s3_bucket_versioning.status.enum", type: "aws_s3_bucket_versioning", source: VERSIONING, summary: "versioning_configuration.status: Enabled, Suspended or Disabled" }, "versioning_configuration.status", ["Enabled", "Suspended", "Disabled"]),
  enumRule({ id: "s3_bucket_versioning.mfa_delete.enum", type: "aws_s3_bucket_versioning", source: VERSIONING, summary: "versioning_configuration.mfa_delete: Enabled or Disabled" }, "versioning_configuration.mfa_delete", ["Enabled", "Disabled"]),
  enumRule({ id: "s3_bucket_sse.sse_algorithm.enum", type: "aws_s3_bucket_server_side_encryption_configuration", source: SSE, summary: "rule.apply_server_side_encryption_by_default.sse_algorithm: AES256, aws:kms or aws:kms:dsse" }, "rule.apply_server_side_encryption_by_default.sse_algorithm", ["AES256", "aws:kms", "aws:kms:dsse"]),
  customRule({ id: "s3_bucket_sse.kms_key.requires_kms", step: "apply", type: "aws_s3_bucket_server_side_encryption_configuration", source: "S3 PutBucketEncryption API (InvalidArgument); passed through by " + SSE, summary: "kms_master_key_id only with aws:kms or aws:kms:dsse" }, (o) => {
    const rules = Array.isArray(o.rule) ? o.rule : [];
    const bad = rules.some((r) => {
      const d = r && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>).apply_server_side_encryption_by_default : undefined;
      const x = Array.isArray(d) ? (d[0] as Record<string, unknown> | undefined) : undefined;
      return !!x && x.sse_algorithm === "AES256" && typeof x.kms_master_key_id === "string" && x.kms_master_key_id !== "";
    });
    return bad ? [error("S3 refused the encryption configuration", "rule: InvalidArgument: a KMS key id (kms_master_key_id) is only valid with sse_algorithm aws:kms or aws:kms:dsse, not AES256.", ["rule"])] : [];
  }),
  policyJsonRule({ id: "s3_bucket_policy.policy.json", type: "aws_s3_bucket_policy", source: POLICY + " (verify.ValidIAMPolicyJSON)", summary: "policy is a JSON policy document" }, "policy"),
  customRule({ id: "s3_bucket_policy.policy.principal", step: "apply", type: "aws_s3_bucket_policy", source: "S3 PutBucketPolicy API (MalformedPolicy); passed through by " + POLICY, summary: "Every statement of a bucket policy names a Principal" }, (o) => {
    if (typeof o.policy !== "string") return [];
    let doc: { Statement?: unknown };
    try {
      doc = JSON.parse(o.policy);
    } catch {
      return [];
    }
    const s = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return s.length === 0 || s.some((x) => !x || typeof x !== "object" || (!("Principal" in x) && !("NotPrincipal" in x)))
      ? [error("S3 refused the bucket policy", "policy: MalformedPolicy: a bucket policy needs statements, each naming a Principal.", ["policy"])]
      : [];
  }),
  enumRule({ id: "s3_bucket_ownership_controls.object_ownership.enum", type: "aws_s3_bucket_ownership_controls", source: OWNERSHIP, summary: "rule.object_ownership: BucketOwnerPreferred, ObjectWriter or BucketOwnerEnforced" }, "rule.object_ownership", ["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"]),
  enumRule({ id: "s3_bucket_lifecycle.rule.status.enum", type: "aws_s3_bucket_lifecycle_configuration", source: LIFECYCLE, summary: "rule.status: Enabled or Disabled" }, "rule.status", ["Enabled", "Disabled"]),
  strLenRule({ id: "s3_bucket_lifecycle.rule.id.length", type: "aws_s3_bucket_lifecycle_configuration", source: LIFECYCLE, summary: "rule.id: 1 to 255 characters" }, "rule.id", 1, 255),
  enumRule({ id: "s3_bucket_lifecycle.transition.storage_class.enum", type: "aws_s3_bucket_lifecycle_configuration", source: LIFECYCLE, summary: "rule.transition.storage_class: an S3 transition storage class" }, "rule.transition.storage_class", ["GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"]),
  enumRule({ id: "s3_bucket_lifecycle.noncurrent_transition.storage_class.enum", type: "aws_s3_bucket_lifecycle_configuration", source: LIFECYCLE, summary: "rule.noncurrent_version_transition.storage_class: an S3 transition storage class" }, "rule.noncurrent_version_transition.storage_class", ["GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"]),
  valueRule({ id: "s3_bucket_lifecycle.expiration.days.positive", type: "aws_s3_bucket_lifecycle_configuration", step: "apply", source: "S3 PutBucketLifecycleConfiguration API (InvalidArgument); passed through by " + LIFECYCLE, summary: "rule.expiration.days and noncurrent_days are positive" }, "rule.expiration.days", (v) => (typeof v === "number" && v < 1 ? `expiration days must be a positive integer, got ${v}` : undefined)),
  valueRule({ id: "s3_bucket_lifecycle.noncurrent_expiration.days.positive", type: "aws_s3_bucket_lifecycle_configuration", step: "apply", source: "S3 PutBucketLifecycleConfiguration API (InvalidArgument); passed through by " + LIFECYCLE, summary: "rule.noncurrent_version_expiration.noncurrent_days is positive" }, "rule.noncurrent_version_expiration.noncurrent_days", (v) => (typeof v === "number" && v < 1 ? `noncurrent_days must be a positive integer, got ${v}` : undefined)),
  customRule({ id: "s3_bucket_logging.target_bucket.self", step: "apply", type: "aws_s3_bucket_logging", source: "S3 server access logging docs (a bucket logging to itself loops); passed through by " + LOGGING, summary: "Access logs go to another bucket, not the logged one" }, (o) =>
    typeof o.bucket === "string" && o.bucket === o.target_bucket ? [error("S3 refused the logging configuration", `target_bucket: InvalidTargetBucketForLogging: ${o.bucket} cannot log to itself; deliver its access logs to another bucket.`, ["target_bucket"])] : []),

  intBetweenRule({ id: "kms_key.deletion_window_in_days.range", type: "aws_kms_key", source: KMS, summary: "deletion_window_in_days: 7 to 30" }, "deletion_window_in_days", 7, 30),
  enumRule({ id: "kms_key.key_usage.enum", type: "aws_kms_key", source: KMS, summary: "key_usage: a KMS key usage" }, "key_usage", ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]),
  strLenRule({ id: "kms_key.description.length", type: "aws_kms_key", source: KMS, summary: "description: at most 8192 characters" }, "description", 0, 8192),
  policyJsonRule({ id: "kms_key.policy.json", type: "aws_kms_key", source: KMS, summary: "policy is a JSON policy document" }, "policy"),
  intBetweenRule({ id: "kms_key.rotation_period_in_days.range", type: "aws_kms_key", source: KMS, summary: "rotation_period_in_days: 90 to 2560" }, "rotation_period_in_days", 90, 2560),

  patternRule({ id: "kms_alias.name.characters", type: "aws_kms_alias", source: KMS_VALIDATE + " (validNameForResource)", summary: "name: alias/ then letters, digits, / _ -" }, "name", /^alias\/[a-zA-Z0-9/_-]+$/, "must begin with alias/ and be comprised of only [a-zA-Z0-9/_-]", "alias/terraform-state/lab"),
  valueRule({ id: "kms_alias.name.reserved", type: "aws_kms_alias", source: KMS_VALIDATE + " (validNameForResource)", summary: "name may not begin with alias/aws/ (AWS managed keys)" }, "name", (v) => (typeof v === "string" && /^alias\/aws\//.test(v) ? `name ${v} begins with alias/aws/, which is reserved for AWS managed keys` : undefined), "Invalid value", { bad: "alias/aws/s3", good: "alias/state" }),
  strLenRule({ id: "kms_alias.name.length", type: "aws_kms_alias", source: KMS_ALIAS, summary: "name: at most 256 characters" }, "name", 1, 256),
  conflictsRule({ id: "kms_alias.name.conflicts", type: "aws_kms_alias", source: KMS_ALIAS, summary: "name conflicts with name_prefix" }, "name", ["name_prefix"]),
  customRule({ id: "kms_alias.name.already_exists", step: "apply", type: "aws_kms_alias", source: "KMS CreateAlias API (AlreadyExistsException); passed through by " + KMS_ALIAS, summary: "An alias name is taken once per account and region", onCreateOnly: true }, (o, ctx) => {
    const name = typeof o.name === "string" ? o.name : undefined;
    if (!name || !ctx.ledger) return [];
    const region = (typeof o.region === "string" && o.region) || ctx.region;
    const clash = ctx.ledger.of("aws_kms_alias").some((a) => a.values.name === name && a.values.id !== o.id && a.account === ctx.account && ((typeof a.values.region === "string" && a.values.region) || a.region) === region);
    return clash ? [error("KMS refused the alias", `name: AlreadyExistsException: an alias with the name ${name} already exists in ${region}.`, ["name"])] : [];
  }),
];

export const skipped: Skipped[] = [
  { id: "kms_key.policy.lockout", step: "apply", types: ["aws_kms_key"], source: KMS, summary: "A key policy must let the caller manage the key (MalformedPolicyDocument: lockout safety check)", why: "needs IAM evaluation of the caller against the policy" },
  { id: "s3_bucket_logging.target_bucket.permissions", step: "apply", types: ["aws_s3_bucket_logging"], source: LOGGING, summary: "The target bucket must allow the logging service to write", why: "needs bucket-policy evaluation" },
];

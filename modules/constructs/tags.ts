import { Fn, Token, Tokenization } from "cdktf";

/** Tags as a construct takes them: a map, or a Terraform expression of one (e.g. a module variable). */
export type Tags = Readonly<Record<string, string>>;

/**
 * Tag maps merged left to right (later keys win): a plain map when every part is one, otherwise
 * Terraform's `merge(...)`, evaluated at plan time.
 */
export function mergeTags(...parts: readonly Tags[]): Record<string, string> {
  if (parts.some((p) => Tokenization.isResolvable(p) || Token.isUnresolved(p))) {
    return (parts.length === 1 ? parts[0] : Fn.merge([...parts])) as unknown as Record<string, string>;
  }
  return Object.assign({}, ...parts) as Record<string, string>;
}

import { DefaultTokenResolver, Fn, IResolvable, Op, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";

// Existence decided at plan time, for a whole subtree of constructs. cdktf 0.21 decides what
// exists at synth time; a module whose inputs may be null (or whose two providers may be one
// account) needs a resource to exist or not when Terraform plans. onlyWhen gives every resource
// and data source under a scope a for_each of one instance or none, and rewrites every
// reference to them in the stack (`aws_x.y.attr`, invalid on a for_each resource) to
// `one([for r in aws_x.y : r.attr])`: the attribute of the one instance, or null.

/** A plan-time boolean: a Terraform expression token (e.g. `Op.neq(variable.value, Token.nullValue())`) or a literal. */
export type PlanTimeBoolean = boolean | IResolvable;

export interface OnlyWhenOptions {
  /** The key of the one instance (`aws_x.y["this"]`). @default "this" */
  readonly key?: string;
  /**
   * The resources were unconditional before (one instance, no key): a `moved` block takes each
   * from its unkeyed address to its key, so state made then is kept. @default false
   */
  readonly movedFromUnkeyed?: boolean;
}

interface Registration {
  readonly scope: IConstruct;
  readonly condition: PlanTimeBoolean;
  readonly key: string;
  readonly movedFromUnkeyed: boolean;
}

interface Move {
  readonly from: string;
  readonly to: string;
}

type Element = TerraformResource | TerraformDataSource;

const isElement = (c: IConstruct): c is Element => TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c);

/** `type.name` of a resource, `data.type.name` of a data source. */
function addressOf(element: Element): string {
  const prefix = TerraformDataSource.isTerraformDataSource(element) ? "data." : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

// Plan-time conditions combined: literal `true`/`false` fold; anything else is an expression.

/** All of `conditions` hold. */
export function and(conditions: readonly PlanTimeBoolean[]): PlanTimeBoolean {
  if (conditions.some((c) => c === false)) return false;
  const open = conditions.filter((c) => c !== true);
  if (open.length === 0) return true;
  return open.reduce((all, c) => Op.and(all, c)) as PlanTimeBoolean;
}

/** Any of `conditions` holds. */
export function or(conditions: readonly PlanTimeBoolean[]): PlanTimeBoolean {
  if (conditions.some((c) => c === true)) return true;
  const open = conditions.filter((c) => c !== false);
  if (open.length === 0) return false;
  return open.reduce((any, c) => Op.or(any, c)) as PlanTimeBoolean;
}

/** `condition` does not hold. */
export const not = (condition: PlanTimeBoolean): PlanTimeBoolean => (typeof condition === "boolean" ? !condition : (Op.not(condition) as PlanTimeBoolean));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** An attribute path after an address: `arn`, `requester[0].allow_remote_vpc_dns_resolution`, `tags["Name"]`. */
const ATTRIBUTE_PATH = String.raw`[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"\\]*"\])*`;

/**
 * `ADDR.path` → `one([for r in ADDR : r.path])` in one string, for each address. An address
 * preceded by a name character or a dot is another one (`data.aws_vpc.x` is not `aws_vpc.x`);
 * one followed by `[` (an instance), ` :` (already a for expression) or nothing (depends_on,
 * for_each over the resource) is left alone.
 */
export function rewriteConditionedReferences(text: string, addresses: readonly string[]): string {
  if (addresses.length === 0 || !text.includes("${")) return text;
  let out = text;
  for (const address of addresses) {
    if (!out.includes(address)) continue;
    const pattern = new RegExp(String.raw`(?<![\w.-])${escapeRegExp(address)}\.(${ATTRIBUTE_PATH})`, "g");
    out = out.replace(pattern, (_match, path: string) => `one([for r in ${address} : r.${path}])`);
  }
  return out;
}

function rewriteDeep(value: unknown, addresses: readonly string[]): unknown {
  if (typeof value === "string") return rewriteConditionedReferences(value, addresses);
  if (Array.isArray(value)) return value.map((v) => rewriteDeep(v, addresses));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, rewriteDeep(v, addresses)]));
  }
  return value;
}

/**
 * The conditions of one stack. The first `onlyWhen` in a stack wraps its `toTerraform` once:
 * before rendering, each element under a conditioned scope gets its for_each (the conjunction of
 * every condition above it); after, references to those that had none of their own are rewritten.
 */
class PlanTimeConditions {
  private static readonly byStack = new WeakMap<TerraformStack, PlanTimeConditions>();
  private readonly registrations: Registration[] = [];

  static of(stack: TerraformStack): PlanTimeConditions {
    let conditions = PlanTimeConditions.byStack.get(stack);
    if (!conditions) {
      const made = new PlanTimeConditions(stack);
      conditions = made;
      PlanTimeConditions.byStack.set(stack, made);
      const render = stack.toTerraform.bind(stack);
      stack.toTerraform = () => {
        const { addresses, moves } = made.apply();
        const rendered = rewriteDeep(render(), addresses) as Record<string, unknown>;
        if (moves.length > 0) rendered.moved = [...((rendered.moved as Move[] | undefined) ?? []), ...moves];
        return rendered;
      };
    }
    return conditions;
  }

  private constructor(private readonly stack: TerraformStack) {}

  add(registration: Registration): void {
    this.registrations.push(registration);
  }

  /**
   * Sets each conditioned element's for_each; returns the addresses whose references need
   * rewriting, and the moves from unkeyed addresses (movedFromUnkeyed).
   */
  private apply(): { addresses: string[]; moves: Move[] } {
    const addresses: string[] = [];
    const moves: Move[] = [];
    for (const element of this.stack.node.findAll().filter(isElement)) {
      if (TerraformStack.of(element) !== this.stack) continue;
      const above = this.registrations.filter((r) => element.node.scopes.includes(r.scope as never));
      if (above.length === 0) continue;
      const condition = and(above.map((r) => r.condition));
      const own = element.forEach?._getForEachExpression();
      if (own !== undefined) {
        // Instances of its own (a map or a set): kept only when the condition holds. References
        // to it already name an instance, so they are left as they are.
        element.addOverride("for_each", `\${{ for k, v in ${hcl(this.stack, own)} : k => v if ${hcl(this.stack, condition)} }}`);
        continue;
      }
      const key = above[above.length - 1].key;
      element.addOverride("for_each", Fn.conditional(condition, Fn.toset([key]), Fn.toset([])));
      addresses.push(addressOf(element));
      if (TerraformResource.isTerraformResource(element) && above.some((r) => r.movedFromUnkeyed)) moves.push({ from: addressOf(element), to: `${addressOf(element)}[${JSON.stringify(key)}]` });
    }
    return { addresses, moves };
  }
}

/** A value as one HCL expression, without its `${}` (a literal as JSON, which HCL reads). */
function hcl(stack: TerraformStack, value: unknown): string {
  const resolved: unknown = Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  if (typeof resolved !== "string") return JSON.stringify(resolved);
  const whole = /^\$\{([\s\S]*)\}$/.exec(resolved);
  return whole ? whole[1] : JSON.stringify(resolved);
}

/**
 * Every resource and data source under `scope` (created before or after this call) exists only
 * when `condition` holds at plan time: `for_each = condition ? toset([key]) : toset([])`, and
 * every reference to one of them in the stack reads `one([for r in ADDR : r.ATTR])` (null when
 * it does not exist; use `Fn.coalesce` or a conditional where null will not do). An element with
 * its own for_each keeps its instances, filtered by the condition. Nested calls combine with `&&`;
 * the innermost call's key names the instance. With `movedFromUnkeyed`, state of the resources
 * as they were before (unconditional) moves to the key.
 */
export function onlyWhen(scope: IConstruct, condition: PlanTimeBoolean, options: OnlyWhenOptions = {}): void {
  PlanTimeConditions.of(TerraformStack.of(scope)).add({ scope, condition, key: options.key ?? "this", movedFromUnkeyed: options.movedFromUnkeyed ?? false });
}

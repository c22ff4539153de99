import { TerraformLocal, TerraformVariable } from "cdktf";
import { Construct } from "constructs";

// What the hand-configured general modules (terraform/vpc-peering, terraform/transit-gateway)
// declare the same way: variables with raw defaults, locals under their own names, and raw
// Terraform expressions.

/** Raw Terraform expression: cdktf passes `${...}` strings through as written. */
export const tf = (expression: string) => `\${${expression}}`;

/** A module variable named `name`; its default is set raw (cdktf would snake_case the keys of a map or object default). */
export function variable(scope: Construct, name: string, props: ConstructorParameters<typeof TerraformVariable>[2] & { default?: unknown }): TerraformVariable {
  const { default: value, ...rest } = props;
  const v = new TerraformVariable(scope, name, rest);
  if ("default" in props) v.addOverride("default", value);
  return v;
}

/** A `locals` entry named `name` (locals share the construct namespace with variables). */
export function local(scope: Construct, name: string, expression: unknown): TerraformLocal {
  const l = new TerraformLocal(scope, `local-${name}`, expression);
  l.overrideLogicalId(name);
  return l;
}

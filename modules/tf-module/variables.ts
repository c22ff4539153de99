import { Fn, IResolvable, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import type { InputRef, Tunables } from "../app/tunables";
import type { InputSpec } from "./inputs";

export interface ModuleVariablesProps {
  readonly inputs: readonly InputSpec[];
}

/** One `variable` block per input spec, named exactly as the spec says. */
export class ModuleVariables extends Construct implements Tunables {
  readonly variables: Readonly<Record<string, TerraformVariable>>;

  constructor(scope: Construct, id: string, props: ModuleVariablesProps) {
    super(scope, id);
    const variables: Record<string, TerraformVariable> = {};
    for (const spec of props.inputs) {
      const variable = new TerraformVariable(this, spec.name, {
        type: spec.type,
        description: spec.description,
        nullable: false,
        validation: spec.validation.map((check) => ({ condition: `\${${check.condition}}`, errorMessage: check.errorMessage })),
      });
      // Stable names: a module's variables are its interface.
      variable.overrideLogicalId(spec.name);
      // Set raw: cdktf would snake_case the keys of a map default (tag keys such as ManagedBy).
      variable.addOverride("default", spec.default);
      variables[spec.name] = variable;
    }
    this.variables = variables;
  }

  get tags(): { [key: string]: string } {
    return Token.asStringMap(this.value({ variable: "tags" }));
  }

  string(input: InputRef): string {
    return Token.asString(this.value(input));
  }

  number(input: InputRef): number {
    return Token.asNumber(this.value(input));
  }

  bool(input: InputRef): IResolvable {
    // A lookup is a string-typed token; wrapped, constructs see an expression and keep it.
    return Token.asAny(this.value(input));
  }

  element(input: InputRef, index: number): string {
    return Token.asString(Fn.element(this.value(input), index));
  }

  /** `var.<name>`, `var.<name>["<key>"]` or `var.<name>["<key>"].<field>`. */
  private value(input: InputRef): IResolvable {
    const variable = this.variables[input.variable];
    if (!variable) throw new Error(`ModuleVariables: no input "${input.variable}"; add it to modules/tf-module/inputs.ts`);
    let value: unknown = variable.value;
    // The key is config text, already escaped by the stack (it arrives as a template).
    if (input.key !== undefined) value = Fn.lookup(value, input.key);
    if (input.field !== undefined) value = Fn.lookup(value, input.field);
    return value as IResolvable;
  }
}

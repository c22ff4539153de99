import { Fn, IResolvable, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import type { Tunables } from "../app/tunables";
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
    return Token.asStringMap(this.variable("tags").value);
  }

  string(name: string): string {
    return this.variable(name).stringValue;
  }

  number(name: string): number {
    return this.variable(name).numberValue;
  }

  bool(name: string): IResolvable {
    return this.variable(name).booleanValue;
  }

  element(name: string, index: number): string {
    return Token.asString(Fn.element(this.variable(name).listValue, index));
  }

  private variable(name: string): TerraformVariable {
    const found = this.variables[name];
    if (!found) throw new Error(`ModuleVariables: no input "${name}"; add it to modules/tf-module/inputs.ts`);
    return found;
  }
}

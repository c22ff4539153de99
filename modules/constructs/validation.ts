import { Annotations, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ConfigError, type ConfigProblem } from "../core/problems";

// How a construct refuses bad props, as aws-cdk constructs do: at the call that made it, every
// problem at once, each naming the prop and the fix, in the words config validation uses (the
// rules live in core/ and serve both). Warnings become annotations, which `cdktf synth` prints.

/** Throws for the errors among `problems`; warnings are annotated on `scope`. */
export function refuseProblems(scope: IConstruct, kind: string, problems: readonly ConfigProblem[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  for (const w of problems.filter((p) => p.severity === "warning")) Annotations.of(scope).addWarning(`${w.path}: ${w.message}`);
  if (errors.length > 0) throw new ConfigError(`${kind} ${scope.node.path}`, errors, "its props");
}

/** Values only known at plan time (module variables, other resources' attributes) are checked by Terraform, not here. */
export const isLiteral = (value: string): boolean => !Token.isUnresolved(value);

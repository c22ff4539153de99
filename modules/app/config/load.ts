import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { validateTopology } from "./validate";
import { ConfigError, ConfigProblem, formatPath } from "../../core/problems";
import { TopologyConfig, topologySchema } from "./schema";

export interface LoadOptions {
  /** Called once per warning (e.g. a quota that needs raising); warnings never fail the load. @default ignored */
  readonly onWarning?: (problem: ConfigProblem) => void;
}

/** Turns raw data (already parsed YAML/JSON) into a checked config, or throws ConfigError. */
export function parseConfig(raw: unknown, source = "config", options: LoadOptions = {}): TopologyConfig {
  const result = topologySchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(source, result.error.issues.map(describeIssue));
  }
  const problems = validateTopology(result.data);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new ConfigError(source, errors);
  problems.filter((p) => p.severity === "warning").forEach((p) => options.onWarning?.(p));
  return result.data;
}

/** Reads a YAML or JSON topology file. */
export function loadConfig(file: string, options: LoadOptions = {}): TopologyConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(file, [
      { path: "", message: `cannot read the file (${(err as NodeJS.ErrnoException).code}): pass an existing file to --config`, severity: "error" },
    ]);
  }
  return parseConfig(parseText(text, file), file, options);
}

function parseText(text: string, file: string): unknown {
  if (extname(file).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new ConfigError(file, [{ path: "", message: `not valid JSON: ${(err as Error).message}`, severity: "error" }]);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: "", message: `not valid YAML: ${e.message.split("\n")[0]}`, severity: "error" })),
    );
  }
  return doc.toJS();
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem {
  const path = formatPath(issue.path);
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: remove or correct ${issue.keys.length > 1 ? "them" : "it"}`;
  } else if (issue.code === "invalid_value" && issue.values.length > 1 && issue.message.startsWith("Invalid option")) {
    message = `must be one of ${issue.values.map(String).join(", ")}`;
  } else if (issue.code === "invalid_key") {
    // A record key broke its rule: say which rule, not just "Invalid key".
    message = issue.issues.map((i) => i.message).join("; ");
  } else if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    message = `is required (expected ${issue.expected})`;
  }
  return { path, message, severity: "error" };
}

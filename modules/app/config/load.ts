import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { LineCounter, parseDocument, visit } from "yaml";
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
  const depth = nestingDepth(raw);
  if (depth > MAX_DEPTH) {
    throw new ConfigError(source, [{ path: "", message: `is nested ${depth} levels deep; a topology needs at most ${MAX_DEPTH}: check the file's indentation and brackets`, severity: "error" }]);
  }
  const result = topologySchema.safeParse(raw);
  if (!result.success) {
    const fieldProblems = result.error.issues.flatMap(unlessFalse).map(describeIssue);
    throw new ConfigError(source, [...fieldProblems, ...crossFieldProblemsDespite(raw, result.error.issues)]);
  }
  const problems = validateTopology(result.data);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new ConfigError(source, errors);
  problems.filter((p) => p.severity === "warning").forEach((p) => options.onWarning?.(p));
  return result.data;
}

/**
 * Cross-field problems of a config whose fields did not all pass, so that one run reports both
 * kinds. The entries that failed (a VPC, an account, a peering, a zone or record, a whole section)
 * are set aside, the rest is checked as a whole, and problems that only repeat a set-aside entry
 * (an "unknown" key that is unknown because it was set aside) are dropped.
 */
function crossFieldProblemsDespite(raw: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return [];
  const copy = structuredClone(raw) as Record<string, unknown>;
  const setAside: string[] = [];
  const removals: { container: unknown; key: string | number }[] = [];
  for (const issue of issues) {
    const [top, second] = issue.path;
    if (top === "vpcs" && second !== undefined && copy.vpcs && typeof copy.vpcs === "object" && !setAside.includes(String(second))) {
      // A broken VPC keeps its key (other entries name it) behind a stand-in that checks clean
      // and overlaps nothing (a benchmarking block, one /24 each); what is said about it is dropped below.
      (copy.vpcs as Record<string, unknown>)[second as string] = { name: `set-aside-${setAside.length}`, cidr: `198.18.${setAside.length}.0/24`, routeTables: ["set-aside"] };
      setAside.push(String(second));
    } else if (top === "vpcs" && second !== undefined) {
      continue;
    } else if (top === "vpcs" || top === "accounts") {
      if (second === undefined) return []; // the whole map is broken: nothing to check across it
      removals.push({ container: copy[top], key: second as string });
      setAside.push(String(second));
    } else if (top === "peerings" || top === "privateZones") {
      if (second === undefined) return [];
      removals.push({ container: copy[top], key: second as number });
    } else if (top === "flowLogs" || top === "mesh" || top === "quotas" || top === "tags") {
      delete copy[top];
    } else if (top === "backend") {
      copy.backend = { type: "local" };
    } else {
      return []; // stack, region or the root itself: too little to check the rest against
    }
  }
  // Remove array elements from the end so earlier indexes stay right.
  for (const { container, key } of removals.sort((a, b) => Number(b.key) - Number(a.key))) {
    if (Array.isArray(container)) container[key as number] = undefined;
    else if (container && typeof container === "object") delete (container as Record<string, unknown>)[key as string];
  }
  for (const k of ["peerings", "privateZones"]) if (Array.isArray(copy[k])) copy[k] = (copy[k] as unknown[]).filter((x) => x !== undefined);
  const rest = topologySchema.safeParse(copy);
  if (!rest.success) return [];
  // Paths of array entries shift once entries are set aside: keep only problems whose place is stable.
  const shifted = removals.some((r) => Array.isArray(r.container));
  // Entries that name a set-aside VPC: what is said about them may be about its stand-in.
  const entries = (k: string) => (Array.isArray(rest.data[k as "peerings"]) ? (rest.data[k as "peerings"] as unknown[]) : []);
  const naming = (entry: unknown) => setAside.some((key) => (JSON.stringify(entry) ?? "").includes(`"${key}"`));
  const tainted = [
    ...entries("peerings").flatMap((e, i) => (naming(e) ? [`peerings[${i}]`] : [])),
    ...entries("privateZones").flatMap((e, i) => (naming(e) ? [`privateZones[${i}]`] : [])),
    ...(naming(rest.data.flowLogs) ? ["flowLogs"] : []),
    ...(naming(rest.data.mesh) ? ["mesh"] : []),
  ];
  const isTainted = (p: ConfigProblem) =>
    tainted.some((t) => p.path === t || p.path.startsWith(`${t}.`) || p.path.startsWith(`${t}[`)) && !/^unknown VPC key/.test(p.message);
  return validateTopology(rest.data).filter(
    (p) =>
      p.severity === "error" &&
      !isTainted(p) &&
      !setAside.some((key) => p.message.includes(`"${key}"`) || p.path === `vpcs.${key}` || p.path.startsWith(`vpcs.${key}.`)) &&
      !(shifted && /^(peerings|privateZones)\[/.test(p.path)) &&
      !/^(peerings|mesh)$/.test(p.path),
  );
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

/** The deepest a valid topology nests (records in zones in lists): anything far deeper is a broken file. */
const MAX_DEPTH = 32;

/** How deeply `value` nests objects and arrays, counted without recursion (a hostile file cannot overflow the stack). */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, d + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return deepest;
}

const tooDeep = (file: string) =>
  new ConfigError(file, [{ path: "", message: `is nested too deeply to read (more than ${MAX_DEPTH} levels): check the file's brackets and indentation`, severity: "error" }]);

function parseText(text: string, file: string): unknown {
  if (extname(file).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (err) {
      if (err instanceof RangeError) throw tooDeep(file);
      throw new ConfigError(file, [{ path: "", message: `not valid JSON: ${(err as Error).message}`, severity: "error" }]);
    }
  }
  let doc: ReturnType<typeof parseDocument>;
  const lineCounter = new LineCounter();
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    throw err;
  }
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: "", message: `not valid YAML: ${yamlMessage(e.message)}`, severity: "error" })),
    );
  }
  try {
    return doc.toJS();
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(file);
    if (/Excessive alias count/.test((err as Error).message)) throw aliasBomb(file, doc, lineCounter);
    throw err;
  }
}

/**
 * The yaml library refuses aliases (`*name`) that expand to more than 100 copies, a resource
 * exhaustion attack, without saying where: point at the first alias of an anchor that holds
 * aliases itself (the nesting that multiplies), else the first alias.
 */
function aliasBomb(file: string, doc: ReturnType<typeof parseDocument>, lines: LineCounter): ConfigError {
  let first: { offset: number } | undefined;
  let nested: { offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      const at = { offset: node.range?.[0] ?? 0 };
      first ??= at;
      const target = node.resolve(doc);
      let holdsAliases = false;
      if (target) visit(target, { Alias: () => ((holdsAliases = true), visit.BREAK) });
      if (holdsAliases && nested === undefined) nested = at;
      return nested ? visit.BREAK : undefined;
    },
  });
  const where = nested ?? first;
  const pos = where ? lines.linePos(where.offset) : undefined;
  return new ConfigError(file, [{
    path: "",
    message: `not valid YAML: its aliases (*name) expand to more than 100 copies, which no topology needs${pos ? ` at line ${pos.line}, column ${pos.col}` : ""}: write the values out, or reuse them with fewer nested aliases`,
    severity: "error",
  }]);
}

/**
 * The yaml library's message with its line and column and the offending line, in plain words: a
 * parser's stack-overflow text becomes "nested too deeply", and its hints about its own API go.
 */
function yamlMessage(message: string): string {
  const [first, ...rest] = message.split("\n");
  if (/Maximum call stack size exceeded/.test(first)) return `nested too deeply to read (${first.replace(/^.*? at /, "at ")})`;
  const excerpt = rest.map((l) => l.trimEnd()).filter((l) => l.trim().length > 0).slice(0, 2);
  const at = / at line \d+, column \d+:?$/.exec(first)?.[0] ?? "";
  const plain = /multiple documents/.test(first) ? `the file holds more than one YAML document (---): keep one topology per file${at}` : first.trimEnd();
  return excerpt.length > 0 ? `${plain}\n      ${excerpt.join("\n      ")}` : plain;
}

/**
 * A section that may also be `false` (an opt-out, e.g. `flowLogs: false`) fails as a union; the
 * user meant the section, so report what is wrong inside it rather than "Invalid input".
 */
function unlessFalse(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union" || issue.errors.length !== 2) return [issue];
  const isFalseBranch = (branch: z.core.$ZodIssue[]) => branch.length === 1 && branch[0].path.length === 0 && branch[0].code === "invalid_value" && branch[0].values.length === 1 && branch[0].values[0] === false;
  const rest = issue.errors.filter((branch) => !isFalseBranch(branch));
  if (rest.length !== 1) return [issue];
  return rest[0].map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
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
    message = `is required: give ${KIND[issue.expected] ?? issue.expected}`;
  } else if (issue.code === "invalid_type" && /^Invalid input: expected/.test(issue.message)) {
    // zod's words ("expected record, received string") in the words of a YAML file.
    const got = /received (\w+)/.exec(issue.message)?.[1];
    message = `must be ${KIND[issue.expected] ?? issue.expected}${got ? ` (found ${KIND[got] ?? got})` : ""}`;
  }
  return { path, message, severity: "error" };
}

/** How a YAML or JSON user names each kind of value. */
const KIND: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a map of fields",
  record: "a map (key: value)",
  null: "nothing (null)",
  undefined: "a value",
  bigint: "a number",
};

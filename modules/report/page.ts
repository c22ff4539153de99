import { counted } from "../core/problems";
import { directionResults, directionVerdict, MATRIX_ABOVE_VPCS, STYLES } from "./diagram";
import type { ReachabilityDiff } from "./diff";
import type { NetworkModel } from "./network-model";
import { verdictLabel, type PairResult, type ReachabilityReport } from "./reachability";

// One self-contained HTML page per run of `npm run report`: for each stack the diagram (or the matrix
// above MATRIX_ABOVE_VPCS VPCs) inline, a sortable table of pairs with their blocks and reasons, the
// zone and record resolution, the peering DNS option per direction, warnings, and with a baseline
// what was gained and lost. Inline CSS and script only; a Content-Security-Policy forbids any fetch.

export interface PageStack {
  readonly model: NetworkModel;
  readonly report: ReachabilityReport;
  /** The diagram or matrix as SVG markup (rendered by the caller: Graphviz is asynchronous and not pure). */
  readonly svg: string;
  /** The difference against a baseline, when one was given. */
  readonly diff?: ReachabilityDiff;
  /** What the baseline was (a path), for the heading. */
  readonly baseline?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** SVG as it can sit inside HTML: without the XML declaration and doctype Graphviz writes. */
export const inlineSvg = (svg: string) => svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "").replace(/^\s*<!DOCTYPE[^>]*>\s*/, "").replace(/<!--[\s\S]*?-->\s*/g, "");

/** Sort key of a result: faults first, then intended blocks, partly, assumed, flows. */
const RANK: Record<string, number> = { blocked: 0, intended: 1, partly: 2, assumed: 3, flows: 4 };
const pairClass = (p: PairResult) => (p.verdict === "blocked" ? (p.intended ? "intended" : "blocked") : p.partial ? "partly" : p.verdict);

/** Resources in a cell: listed when few, folded when many (a flowing pair's whole path). */
function decidedCell(by: readonly string[]): string {
  const list = by.map((d) => `<code>${esc(d)}</code>`).join("<br>");
  return by.length > 3 ? `<details><summary>${by.length} resources</summary>${list}</details>` : list;
}

/**
 * A row per pair. At mesh scale (`compact`) a row says only what is its own: a note many pairs
 * share is in the warnings once, a flowing pair's path (its peering's routes) is not listed, and a
 * single destination block that says what the pair says is not repeated.
 */
function pairsTable(report: ReachabilityReport, shared: ReadonlySet<string>, compact: boolean): string {
  const rows = report.pairs.map((p) => {
    const cls = pairClass(p);
    const flowing = p.verdict !== "blocked" && !p.partial;
    const sameAsPair = p.blocks.length === 1 && p.blocks[0].verdict === p.verdict && !p.blocks[0].routed && p.blocks[0].detail === p.detail;
    const blocks = compact && sameAsPair
      ? `<code>${esc(p.blocks[0].block)}</code>`
      : `<ul class="blocks">${p.blocks
          .map((b) => `<li class="${b.verdict === "blocked" ? (b.intended ? "intended" : "blocked") : b.routed ? "partly" : b.verdict}"><code>${esc(b.block)}</code> ${esc(verdictLabel({ ...b, partial: b.routed !== undefined }))}${b.step ? ` — ${esc(b.step)}: ` : " — "}${esc(b.detail)}${b.verdict === "blocked" && b.decidedBy.length ? ` <span class="by">decided by ${b.decidedBy.map((d) => `<code>${esc(d)}</code>`).join(", ")}</span>` : ""}</li>`)
          .join("")}</ul>`;
    const notes = p.notes.filter((n) => !/does not flow:/.test(n) && !shared.has(template(n, p.from, p.to)));
    return (
      `<tr class="${cls}">` +
      `<td>${esc(p.from)}</td><td>${esc(p.to)}</td><td>${esc(p.port)}</td>` +
      `<td data-sort="${RANK[cls]}"><span class="badge ${cls}">${esc(verdictLabel(p))}</span></td>` +
      `<td>${esc(p.step ?? "")}</td>` +
      `<td>${esc(p.detail)}${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}</td>` +
      `<td>${compact && flowing ? "" : decidedCell(p.decidedBy)}</td>` +
      `<td>${blocks}</td></tr>`
    );
  });
  return (
    `<table class="sortable pairs"><thead><tr><th>From</th><th>To</th><th>Port</th><th>Result</th><th>First failing step</th><th>Path or reason</th><th>Decided by</th><th>Destination blocks</th></tr></thead>` +
    `<tbody>${rows.join("\n")}</tbody></table>`
  );
}

function namesTable(report: ReachabilityReport): string {
  if (report.names.length === 0) return "<p>No private hosted zone records in this stack.</p>";
  const rows = report.names.map(
    (n) =>
      `<tr class="${n.resolves ? "flows" : "blocked"}"><td><code>${esc(n.name)}</code></td><td>${esc(n.type)}</td><td>${esc(n.from)}</td>` +
      `<td data-sort="${n.resolves ? 1 : 0}"><span class="badge ${n.resolves ? "flows" : "blocked"}">${n.resolves ? "resolves" : "does not resolve"}</span></td>` +
      `<td>${esc(n.why)}</td><td>${n.chain.map((c) => esc(c)).join(" →<br>")}${n.answers.length ? `<br>⇒ ${esc(n.answers.join(", "))}` : ""}</td><td><code>${esc(n.decidedBy)}</code></td></tr>`,
  );
  return `<table class="sortable names"><thead><tr><th>Name</th><th>Type</th><th>From</th><th>Result</th><th>Why</th><th>Resolution</th><th>Decided by</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

/** Items in groups of equal key, in first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) (groups.get(key(item)) ?? groups.set(key(item), []).get(key(item))!).push(item);
  return [...groups.values()];
}

/** The DNS option per direction; at mesh scale directions with the same answer for the same reason share a row. */
function dnsOptionTable(report: ReachabilityReport, compact: boolean): string {
  if (report.dnsOption.length === 0) return "";
  const rows = !compact
    ? report.dnsOption.map((d) => `<tr><td>${esc(d.peering)}</td><td>${esc(d.from)}</td><td>${esc(d.to)}</td><td>${d.privateIps ? "private IPs" : "public IPs"}</td><td>${esc(d.why)}</td></tr>`)
    : groupBy(report.dnsOption, (d) => `${d.privateIps} ${template(d.why.split(d.peering).join("the peering"), d.from, d.to)}`).map((same) => {
        const first = same[0];
        const directions = same.map((d) => `${d.from} → ${d.to}`);
        return `<tr><td colspan="3"><details><summary>${same.length} direction${same.length === 1 ? "" : "s"}</summary>${esc(directions.join(", "))}</details></td><td>${first.privateIps ? "private IPs" : "public IPs"}</td><td>${esc(template(first.why.split(first.peering).join("the peering"), first.from, first.to))}</td></tr>`;
      });
  return (
    `<h3>Peering DNS option: peer public DNS hostnames resolve to private IPs</h3>` +
    `<p class="hint">It does not carry private hosted zones across a peering; it makes the peer's instance public DNS hostnames answer with private IPs.</p>` +
    `<table class="sortable dns"><thead><tr><th>Peering</th><th>From</th><th>Peer</th><th>Peer's hostnames resolve to</th><th>Why</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

/** Who reaches each VPC endpoint: a gateway endpoint its own VPC only, an interface endpoint across peerings where routes, its group and DNS allow. */
function endpointsTable(report: ReachabilityReport): string {
  const reach = report.endpoints ?? [];
  if (reach.length === 0) return "";
  const rows = reach.map(
    (r) =>
      `<tr class="${r.reachable ? "flows" : "blocked"}"><td>${esc(r.endpoint)}</td><td>${esc(r.type)}</td><td>${esc(r.from)}</td>` +
      `<td data-sort="${r.reachable ? 1 : 0}"><span class="badge ${r.reachable ? "flows" : "blocked"}">${r.reachable ? "reachable" : "not reachable"}</span></td><td>${esc(r.why)}</td><td>${decidedCell(r.decidedBy)}</td></tr>`,
  );
  return (
    `<h3>VPC endpoints</h3><p class="hint">A gateway endpoint serves its own VPC only (no edge-to-edge routing through a peering); an interface endpoint is reached across a peering when routes go both ways, its security group admits the source and the source resolves the service's name to it.</p>` +
    `<table class="sortable endpoints"><thead><tr><th>Endpoint</th><th>Type</th><th>From</th><th>Result</th><th>Why</th><th>Decided by</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

/** Each transit gateway: the TGW route table each attachment is associated with, and what each table routes where. */
function transitList(model: NetworkModel): string {
  const gateways = model.transitGateways ?? [];
  if (gateways.length === 0) return "";
  const items = gateways.map((t) => {
    const attachments = t.attachments.map((a) => `<li><b>${esc(a.vpc)}</b>: associated with <code>${esc(a.routeTable)}</code>${a.propagateTo.length ? `, propagates to ${a.propagateTo.map((r) => `<code>${esc(r)}</code>`).join(", ")}` : ""}</li>`);
    const tables = t.routeTables.map((rt) => `<li><code>${esc(rt.name)}</code>: ${rt.routes.length ? rt.routes.map((r) => esc(r.blackhole ? `${r.destination} blackhole (${r.origin})` : `${r.destination} → ${r.vpc ?? "?"} (${r.origin})`)).join("; ") : "no routes"}</li>`);
    return `<li>Transit gateway <b>${esc(t.name)}</b><ul>${attachments.join("")}</ul>Route tables<ul>${tables.join("")}</ul></li>`;
  });
  return `<h3>Transit gateways</h3><p class="hint">A VPC's traffic is looked up in the TGW route table its attachment is associated with: it reaches what that table routes to (propagated or static), not a blackhole.</p><ul>${items.join("")}</ul>`;
}

function zonesList(model: NetworkModel): string {
  if (model.zones.length === 0) return "";
  const label = (ref: string) => model.vpcs.find((v) => v.ref === ref)?.label ?? ref;
  const items = model.zones.map((z) => `<li><code>${esc(z.name)}</code> (<code>${esc(z.ref)}</code>) associated with ${z.vpcs.map((v) => esc(label(v))).join(", ") || "no VPC"}</li>`);
  return `<h3>Zones</h3><ul>${items.join("")}</ul>`;
}

/** One kind of warning and every pair (or name) it concerns. */
export interface WarningGroup {
  /** The warning with the pair's own VPCs written as "the source" / "the destination". */
  readonly message: string;
  /** Where it holds: `vpc01 → vpc02 tcp/443`, or `name (type) from vpc`. */
  readonly cases: readonly string[];
}

const wordOf = (label: string) => new RegExp(`(?<![\\w.-])${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "g");
/** A message of a pair with its own VPCs named by role, so that the same fault of many pairs reads as one. */
const template = (text: string, from: string, to: string) => text.replace(wordOf(to), "the destination").replace(wordOf(from), "the source");

/**
 * What deserves attention: faults, names that do not resolve, and each distinct note, grouped by
 * kind (at mesh scale one line with a count instead of hundreds of identical lines).
 */
export function warnings(report: ReachabilityReport): WarningGroup[] {
  const groups = new Map<string, Set<string>>();
  const add = (message: string, where: string) => (groups.get(message) ?? groups.set(message, new Set()).get(message)!).add(where);
  const pair = (p: PairResult) => `${p.from} → ${p.to} ${p.port}`;
  for (const p of report.pairs) if (p.verdict === "blocked" && !p.intended && p.step !== "no peering") add(template(`is blocked: ${p.step}: ${p.detail}`, p.from, p.to), pair(p));
  for (const p of report.pairs) if (p.partial) add(template(`flows only partly: ${p.detail}`, p.from, p.to), pair(p));
  for (const n of report.names) if (!n.resolves) add(`does not resolve: ${template(n.why, n.from, "")}`, `${n.name} (${n.type}) from ${n.from}`);
  for (const p of report.pairs) for (const n of p.notes) if (!/does not flow:/.test(n)) add(template(n, p.from, p.to), pair(p));
  return [...groups].map(([message, cases]) => ({ message, cases: [...cases] }));
}

/** Notes that many pairs share are said once, in the warnings; a row keeps only its own. */
const SHARED_NOTE_PAIRS = 10;

function warningsList(groups: readonly WarningGroup[], pairCount: number): string {
  if (groups.length === 0) return "<p>None.</p>";
  const items = groups.map((g) =>
    g.cases.length === 1
      ? `<li>${esc(g.cases[0])}: ${esc(g.message)}</li>`
      : g.cases.length === pairCount && pairCount > SHARED_NOTE_PAIRS
        ? `<li>every pair (${g.cases.length}): ${esc(g.message)}</li>`
        : `<li><details><summary>${g.cases.length} × ${esc(g.message)}</summary>${esc(g.cases.join(", "))}</details></li>`,
  );
  return `<ul class="warnings">${items.join("")}</ul>`;
}

function diffSection(s: PageStack): string {
  if (!s.diff) return "";
  const rows = [...s.diff.lost.map((c) => ["lost", c] as const), ...s.diff.gained.map((c) => ["gained", c] as const)].map(
    ([kind, c]) => `<tr class="${kind === "lost" ? "blocked" : "flows"}"><td><span class="badge ${kind === "lost" ? "blocked" : "flows"}">${kind}</span></td><td>${esc(c.what)}</td><td>${esc(c.before)}</td><td>${esc(c.after)}</td></tr>`,
  );
  return (
    `<section class="diff"><h3>Against the baseline${s.baseline ? ` <code>${esc(s.baseline)}</code>` : ""}: ${s.diff.lost.length} lost, ${s.diff.gained.length} gained</h3>` +
    (rows.length ? `<table class="sortable diff"><thead><tr><th>Change</th><th>What</th><th>Before</th><th>After</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : "<p>No pair, block or name gained or lost reachability.</p>") +
    `</section>`
  );
}

function summary(s: PageStack): string {
  const counts = new Map<string, number>();
  for (const from of s.model.vpcs) for (const to of s.model.vpcs) if (from !== to) {
    const v = directionVerdict(directionResults(s.report, from.label, to.label));
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return `<p class="summary">${counted(s.model.vpcs.length, "VPC")}, ${counted(s.model.peerings.length, "peering")}, ports ${esc(s.report.ports.join(", "))}; directions: ${[...counts].map(([k, n]) => `<span class="badge ${k}">${n} ${esc(k)}</span>`).join(" ")}</p>`;
}

const CSS = `
body{font-family:Helvetica,Arial,"Liberation Sans",sans-serif;margin:1.5em;color:#212121;font-size:14px}
h1{font-size:1.5em}h2{border-bottom:2px solid #90a4ae;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}th,td{border:1px solid #cfd8dc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eceff1;cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
code{font-size:.9em}ul{margin:0;padding-left:1.2em}.notes{color:#555;font-size:.9em}.by{color:#555}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;color:#fff;white-space:nowrap}
${(Object.keys(STYLES) as (keyof typeof STYLES)[]).map((k) => `.badge.${k}{background:${STYLES[k].color}}li.${k}::marker{color:${STYLES[k].color}}`).join("")}
tr.blocked td:first-child{border-left:4px solid ${STYLES.blocked.color}}tr.intended td:first-child{border-left:4px dotted ${STYLES.intended.color}}
.figure{overflow:auto;border:1px solid #cfd8dc;padding:.5em;margin-bottom:1em}.figure svg{max-width:100%;max-height:calc(100vh - 18em);height:auto;width:auto}details summary{cursor:pointer;color:#455a64}
.warnings li{margin:.2em 0}.hint{color:#555}.filter{margin:.3em 0;padding:3px;width:20em}
`;

// Sorting by a header click (numbers and data-sort keys understood), and a text filter per table.
const SCRIPT = `
(function () {
  function key(cell) { var k = cell.getAttribute("data-sort"); return k !== null ? k : cell.textContent.trim(); }
  function cmp(a, b) { var x = Number(a), y = Number(b); return a !== "" && b !== "" && !isNaN(x) && !isNaN(y) ? x - y : a.localeCompare(b); }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        Array.prototype.slice.call(body.rows)
          .sort(function (r1, r2) { var c = cmp(key(r1.cells[col]), key(r2.cells[col])); return asc ? c : -c; })
          .forEach(function (r) { body.appendChild(r); });
      });
    });
    var input = document.createElement("input");
    input.type = "search"; input.className = "filter"; input.placeholder = "Filter rows…";
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) { r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
    table.parentNode.insertBefore(input, table);
  });
})();
`;

export function toHtml(stacks: readonly PageStack[], title = "Reachability report"): string {
  const sections = stacks.map((s) => {
    const warn = warnings(s.report);
    const shared = new Set(warn.filter((g) => g.cases.length >= SHARED_NOTE_PAIRS).map((g) => g.message));
    const big = s.model.vpcs.length > MATRIX_ABOVE_VPCS;
    return (
      `<section class="stack" id="stack-${esc(s.model.stack)}"><h2>Stack ${esc(s.model.stack)}</h2>${summary(s)}` +
      diffSection(s) +
      `<h3>${big ? `Reachability matrix (more than ${MATRIX_ABOVE_VPCS} VPCs: row reaches column)` : "Diagram"}</h3><div class="figure">${inlineSvg(s.svg)}</div>` +
      `<h3>Warnings</h3>${warningsList(warn, s.report.pairs.length)}` +
      `<h3>Pairs (${s.report.pairs.length}: every ordered pair of VPCs, every port)</h3>` +
      `<p class="hint">FLOWS*: peering and routes verified, security groups and/or network ACLs not managed by this stack and assumed open. (partly): some of the peer's blocks, or parts of them, do not flow. BLOCKED (intended): closed on purpose by the config (securityRules.allowInto, routeTo). Notes shared by ${SHARED_NOTE_PAIRS} or more pairs are under Warnings.${big ? " At this scale a flowing pair's path (its peering's routes) is not listed." : ""} Click a header to sort.</p>` +
      pairsTable(s.report, shared, big) +
      dnsOptionTable(s.report, big) +
      transitList(s.model) +
      endpointsTable(s.report) +
      zonesList(s.model) +
      `<h3>Names (private hosted zone records, from each VPC)</h3>${namesTable(s.report)}</section>`
    );
  });
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8">`,
    // Nothing on this page may load anything: it is read offline, from a file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head>`,
    `<body><h1>${esc(title)}</h1>`,
    stacks.length > 1 ? `<nav><ul>${stacks.map((s) => `<li><a href="#stack-${esc(s.model.stack)}">${esc(s.model.stack)}</a></li>`).join("")}</ul></nav>` : "",
    ...sections,
    `<script>${SCRIPT}</script></body></html>`,
  ].join("\n");
}

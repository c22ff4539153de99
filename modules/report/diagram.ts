import type { NetworkModel, PeeringNode, VpcNode } from "./network-model";
import type { PairResult, ReachabilityReport } from "./reachability";
import { transitRoute } from "./transit";

// Pure rendering of a NetworkModel and its reachability report: Graphviz DOT and Mermaid graphs with
// one directed edge per direction of a peering, each styled by that direction's own verdict over
// every port, VPCs inside nested account and region clusters; above MATRIX_ABOVE_VPCS VPCs a
// reachability matrix (SVG heat map) instead, since a graph of that many edges cannot be read.

/** What one direction (from → to, over every port checked) comes to. */
export type DirectionVerdict = "flows" | "assumed" | "partly" | "blocked" | "intended" | "unpeered";

export const COLORS = { flows: "#2e7d32", assumed: "#ef8f00", partly: "#1565c0", blocked: "#c62828", intended: "#757575", unpeered: "#e57373" } as const;

/** Each verdict's look, meaning, and the symbol its matrix cell shows. Graphviz and SVG dash names. */
export const STYLES: Record<DirectionVerdict, { readonly color: string; readonly look: string; readonly dot: string; readonly dash: string; readonly symbol: string; readonly meaning: string }> = {
  flows: { color: COLORS.flows, look: "green solid", dot: "solid", dash: "", symbol: "✓", meaning: "flows: every port, every block of the peer; all steps managed here" },
  assumed: { color: COLORS.assumed, look: "amber solid", dot: "solid", dash: "", symbol: "*", meaning: "flows* (assumed): peering and routes verified, SG/NACL not managed here and assumed open" },
  partly: { color: COLORS.partly, look: "blue dashed", dot: "dashed", dash: "6 3", symbol: "◐", meaning: "partly: some ports or some of the peer's blocks do not flow" },
  blocked: { color: COLORS.blocked, look: "red bold", dot: "bold", dash: "", symbol: "✗", meaning: "blocked: a fault (first failing step named)" },
  intended: { color: COLORS.intended, look: "grey dotted", dot: "dotted", dash: "2 3", symbol: "–", meaning: "blocked on purpose: one-way by config (securityRules.allowInto) or left out (routeTo)" },
  unpeered: { color: COLORS.unpeered, look: "light red dashed", dot: "dashed", dash: "4 4", symbol: "·", meaning: "no peering between the two (peering is not transitive)" },
};

/** Above this many VPCs the diagram is a reachability matrix, not a graph. */
export const MATRIX_ABOVE_VPCS = 8;
/** Unpeered pairs are drawn up to this many VPCs; above, a full graph of them would bury the peerings. */
const MAX_VPCS_FOR_UNPEERED_EDGES = 6;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const id = (s: string) => `n_${s.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** The results of one direction, every port. */
export const directionResults = (report: ReachabilityReport, from: string, to: string) => report.pairs.filter((p) => p.from === from && p.to === to);

export function directionVerdict(results: readonly PairResult[]): DirectionVerdict {
  if (results.length === 0 || results.every((r) => r.step === "no peering")) return "unpeered";
  const open = results.filter((r) => r.verdict !== "blocked");
  if (open.length === 0) return results.every((r) => r.intended) ? "intended" : "blocked";
  if (open.length < results.length || open.some((r) => r.partial)) return "partly";
  return open.some((r) => r.verdict === "assumed") ? "assumed" : "flows";
}

/** Account and region of a VPC as the clusters name them. */
export const accountName = (v: VpcNode) => (v.account ? `account ${v.account}` : "account of the default provider");
export const regionName = (v: VpcNode) => `region ${v.region ?? "(provider default)"}`;

/** VPCs grouped by account, then region (the clusters), each in model order. */
export function clusters(model: NetworkModel): { account: string; regions: { region: string; vpcs: VpcNode[] }[] }[] {
  const out: { account: string; regions: { region: string; vpcs: VpcNode[] }[] }[] = [];
  for (const v of model.vpcs) {
    let a = out.find((x) => x.account === accountName(v));
    if (!a) out.push((a = { account: accountName(v), regions: [] }));
    let r = a.regions.find((x) => x.region === regionName(v));
    if (!r) a.regions.push((r = { region: regionName(v), vpcs: [] }));
    r.vpcs.push(v);
  }
  return out;
}

const dnsText = (v: VpcNode) =>
  `DNS support ${v.dnsSupport === undefined ? "unknown" : v.dnsSupport ? "on" : "off"}, hostnames ${v.dnsHostnames === undefined ? "unknown" : v.dnsHostnames ? "on" : "off"}`;

/** What the edge from → to of peering `p` says: the role marker, the peering, DNS option, and ports that fail. */
function edgeLabel(report: ReachabilityReport, p: PeeringNode, from: VpcNode, to: VpcNode): string {
  const results = directionResults(report, from.label, to.label);
  const role = p.requester === from.ref ? "R→A" : "A→R";
  const dns = report.dnsOption.find((d) => d.peering === p.label && d.from === from.label && d.to === to.label);
  const failing = results.filter((r) => r.verdict === "blocked" || r.partial).map((r) => `${r.port}: ${r.verdict === "blocked" ? `${r.step}${r.intended ? " (intended)" : ""}` : "partly"}`);
  return [`${role} ${p.label}`, ...(dns ? [`DNS ${dns.privateIps ? "priv" : "pub"}`] : []), ...failing].join("\n");
}

function unpeeredPairs(model: NetworkModel): [VpcNode, VpcNode][] {
  if (model.vpcs.length > MAX_VPCS_FOR_UNPEERED_EDGES) return [];
  const out: [VpcNode, VpcNode][] = [];
  model.vpcs.forEach((a, i) =>
    model.vpcs.slice(i + 1).forEach((b) => {
      const peered = model.peerings.some((p) => (p.requester === a.ref && p.accepter === b.ref) || (p.requester === b.ref && p.accepter === a.ref));
      // Two VPCs on one transit gateway, or on two peered ones, are connected through them: the gateways' nodes say how.
      if (!peered && !transitRoute(model, a, b)) out.push([a, b]);
    }),
  );
  return out;
}

/** Pinned position (inches) of node i of n on a circle wide enough that neighbours do not touch. */
const circleRadius = (n: number) => Math.max(3, (n * 1.5) / (2 * Math.PI));
function circle(i: number, n: number): string {
  const radius = circleRadius(n);
  const angle = Math.PI / 2 - (2 * Math.PI * i) / n;
  return `${(radius * Math.cos(angle)).toFixed(2)},${(radius * Math.sin(angle)).toFixed(2)}!`;
}

/** Legend lines: every style and abbreviation the diagrams use. */
export function legendEntries(): { key: string; color?: string; dash?: string; line?: string; look?: string; text: string }[] {
  return [
    ...(Object.keys(STYLES) as DirectionVerdict[]).map((k) => ({ key: k, color: STYLES[k].color, dash: STYLES[k].dash, line: STYLES[k].dot, look: STYLES[k].look, text: STYLES[k].meaning })),
    { key: "associated", color: "#8d6e63", dash: "1 3", line: "dotted", look: "brown dotted", text: "associated: a private hosted zone answers in that VPC" },
    { key: "R→A / A→R", text: "R→A: requester to accepter of the peering; A→R: accepter to requester (one edge per direction)" },
    { key: "DNS priv / pub", text: "peering DNS option, per direction: the source resolves the peer's public DNS hostnames to private IPs (priv) or public IPs (pub)" },
    { key: "rtb", text: "a route table of the VPC this stack manages routes in" },
    { key: "tcp/443: step", text: "a port that does not flow (or only partly) and its first failing step" },
  ];
}

export function toDot(model: NetworkModel, report: ReachabilityReport): string {
  const big = model.vpcs.length > MAX_VPCS_FOR_UNPEERED_EDGES;
  const vpc = (ref: string) => model.vpcs.find((v) => v.ref === ref);
  const legendRows = legendEntries()
    .map((e) => `<tr><td bgcolor="${e.color ?? "#ffffff"}"><font color="${e.color ? "white" : "black"}">${esc(e.key)}${e.line ? ` (${e.line} line)` : ""}</font></td><td align="left">${esc(e.text)}</td></tr>`)
    .join("");
  const lines = [
    `digraph "${esc(model.stack)}" {`,
    // A mesh goes on a circle we place ourselves (neato with pinned nodes: instant even for 50 VPCs);
    // dot reads best for a few VPCs and draws the account and region clusters.
    `  layout=${big ? "neato" : "dot"}; rankdir=LR; bgcolor="white"; pad=0.3; nodesep=0.6; ranksep=1.6; compound=true;${big ? " splines=false; outputorder=edgesfirst;" : ""}`,
    `  label="${esc(model.stack)}: one edge per direction, styled by its reachability on ${esc(report.ports.join(", "))}"; labelloc=t; fontname="Helvetica"; fontsize=14;`,
    `  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=9];`,
    `  legend [shape=plain${big ? `, pos="0,${(-circleRadius(model.vpcs.length) - 2).toFixed(2)}!"` : ""}, label=<<table border="0" cellspacing="1" cellpadding="2"><tr><td colspan="2"><b>Legend</b></td></tr>${legendRows}</table>>];`,
  ];
  const node = (v: VpcNode, indent: string) => {
    const tables = model.routeTables.filter((t) => t.vpc === v.ref).map((t) => t.label);
    const rows = [
      `<tr><td bgcolor="#e3f2fd"><b>${esc(v.label)}</b></td></tr>`,
      ...(big ? [`<tr><td><font point-size="9" color="#555555">${esc(v.region ?? "")}${v.account ? ` · ${esc(v.account)}` : ""}</font></td></tr>`] : []),
      ...[...v.ipv4, ...v.ipv6].map((c) => `<tr><td>${esc(c)}</td></tr>`),
      ...(big ? [] : tables.map((t) => `<tr><td><font point-size="9" color="#555555">rtb ${esc(t)}</font></td></tr>`)),
      ...(big ? [] : [`<tr><td><font point-size="9" color="#555555">${v.created ? "created" : "looked up"} · ${dnsText(v)}</font></td></tr>`]),
    ];
    lines.push(`${indent}${id(v.ref)} [shape=plain${big ? `, pos="${circle(model.vpcs.indexOf(v), model.vpcs.length)}"` : ""}, label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" bgcolor="white">${rows.join("")}</table>>];`);
  };
  if (big) {
    for (const v of model.vpcs) node(v, "  ");
  } else {
    clusters(model).forEach((a, i) => {
      lines.push(`  subgraph cluster_account_${i} { label="${esc(a.account)}"; style="rounded"; color="#90a4ae"; fontsize=12;`);
      a.regions.forEach((r, j) => {
        lines.push(`    subgraph cluster_account_${i}_region_${j} { label="${esc(r.region)}"; style="rounded,filled"; fillcolor="#f5f9fc"; color="#b0bec5"; fontsize=11;`);
        for (const v of r.vpcs) node(v, "      ");
        lines.push("    }");
      });
      lines.push("  }");
    });
  }
  for (const p of model.peerings) {
    const [req, acc] = [vpc(p.requester), vpc(p.accepter)];
    if (!req || !acc) continue;
    for (const [from, to] of [[req, acc], [acc, req]]) {
      const style = STYLES[directionVerdict(directionResults(report, from.label, to.label))];
      const label = big ? "" : `, label="${esc(edgeLabel(report, p, from, to))}"`;
      lines.push(`  ${id(from.ref)} -> ${id(to.ref)} [color="${style.color}", style=${style.dot}, penwidth=${big ? 1 : 2}${label}, fontcolor="${style.color}"];`);
    }
  }
  for (const [a, b] of unpeeredPairs(model)) {
    lines.push(`  ${id(a.ref)} -> ${id(b.ref)} [dir=none, style=dashed, color="${COLORS.unpeered}", fontcolor="${COLORS.unpeered}", label="no peering", constraint=false];`);
  }
  // A transit gateway is a node: an edge to each attached VPC names the TGW route table its traffic is looked up in.
  for (const t of model.transitGateways ?? []) {
    const tables = t.routeTables.map((rt) => `${rt.name}: ${rt.routes.map((r) => (r.blackhole ? `${r.destination} blackhole` : `${r.destination} → ${r.vpc ?? "?"}`)).join(", ") || "no routes"}`);
    lines.push(`  ${id(`tgw ${t.name}`)} [shape=box3d${big ? `, pos="0,0!"` : ""}, style=filled, fillcolor="#ede7f6", label="${esc(["transit gateway " + t.name, ...tables].join("\n"))}"];`);
    for (const a of t.attachments) {
      const v = model.vpcs.find((x) => x.label === a.vpc);
      if (v) lines.push(`  ${id(v.ref)} -> ${id(`tgw ${t.name}`)} [dir=both, color="#5e35b1", label="${esc(`associated: ${a.routeTable}`)}", fontcolor="#5e35b1"];`);
    }
  }
  for (const z of model.zones) {
    const records = model.records.filter((r) => r.zone === z.ref).map((r) => `${r.fqdn} ${r.type}${r.target ? ` → ${r.target.kind} ${r.target.name}` : ""}`);
    lines.push(`  ${id(z.ref)} [shape=note${big ? `, pos="0,0!"` : ""}, style=filled, fillcolor="#fff8e1", label="${esc([...new Set(["zone " + z.name, ...records])].join("\n"))}"];`);
    for (const v of z.vpcs) if (vpc(v)) lines.push(`  ${id(z.ref)} -> ${id(v)} [dir=none, style=dotted, color="#8d6e63", label="associated"];`);
  }
  lines.push("}");
  return lines.join("\n");
}

export function toMermaid(model: NetworkModel, report: ReachabilityReport): string {
  const big = model.vpcs.length > MAX_VPCS_FOR_UNPEERED_EDGES;
  const vpc = (ref: string) => model.vpcs.find((v) => v.ref === ref);
  const text = (s: string) => s.replace(/"/g, "#quot;");
  const lines = ["graph LR"];
  const styles: string[] = [];
  let edge = 0;
  clusters(model).forEach((a, i) => {
    lines.push(`  subgraph account_${i}["${text(a.account)}"]`);
    a.regions.forEach((r, j) => {
      lines.push(`    subgraph account_${i}_region_${j}["${text(r.region)}"]`);
      for (const v of r.vpcs) {
        const tables = big ? [] : model.routeTables.filter((t) => t.vpc === v.ref).map((t) => `rtb ${t.label}`);
        lines.push(`      ${id(v.ref)}["<b>${text(v.label)}</b><br/>${[...v.ipv4, ...v.ipv6, ...tables].map(text).join("<br/>")}"]`);
      }
      lines.push("    end");
    });
    lines.push("  end");
  });
  for (const p of model.peerings) {
    const [req, acc] = [vpc(p.requester), vpc(p.accepter)];
    if (!req || !acc) continue;
    for (const [from, to] of [[req, acc], [acc, req]]) {
      const verdict = directionVerdict(directionResults(report, from.label, to.label));
      const arrow = verdict === "intended" || verdict === "partly" ? "-.->" : "-->";
      lines.push(big ? `  ${id(from.ref)} ${arrow} ${id(to.ref)}` : `  ${id(from.ref)} ${arrow}|"${text(edgeLabel(report, p, from, to).replace(/\n/g, " · "))}"| ${id(to.ref)}`);
      styles.push(`  linkStyle ${edge++} stroke:${STYLES[verdict].color},stroke-width:2px${STYLES[verdict].dash ? `,stroke-dasharray:${STYLES[verdict].dash}` : ""}`);
    }
  }
  for (const [a, b] of unpeeredPairs(model)) {
    lines.push(`  ${id(a.ref)} -.-|"no peering"| ${id(b.ref)}`);
    styles.push(`  linkStyle ${edge++} stroke:${COLORS.unpeered}`);
  }
  for (const t of model.transitGateways ?? []) {
    lines.push(`  ${id(`tgw ${t.name}`)}{{"transit gateway ${text(t.name)}<br/>${t.routeTables.map((rt) => text(rt.name)).join("<br/>")}"}}`);
    for (const a of t.attachments) {
      const v = model.vpcs.find((x) => x.label === a.vpc);
      if (!v) continue;
      lines.push(`  ${id(v.ref)} <-->|"associated: ${text(a.routeTable)}"| ${id(`tgw ${t.name}`)}`);
      styles.push(`  linkStyle ${edge++} stroke:#5e35b1`);
    }
  }
  for (const z of model.zones) {
    const records = [...new Set(model.records.filter((r) => r.zone === z.ref).map((r) => `${r.fqdn} ${r.type}`))];
    lines.push(`  ${id(z.ref)}[/"zone ${text(z.name)}<br/>${records.map(text).join("<br/>")}"/]`);
    for (const v of z.vpcs) {
      if (!vpc(v)) continue;
      lines.push(`  ${id(z.ref)} -.-|associated| ${id(v)}`);
      styles.push(`  linkStyle ${edge++} stroke:#8d6e63`);
    }
  }
  const legend = legendEntries().map((e) => (e.look ? `${e.look} line: ${e.text}` : `${e.key}: ${e.text}`));
  lines.push(`  legend["<b>Legend</b><br/>${legend.map(text).join("<br/>")}"]`);
  return [...lines, ...styles].join("\n");
}

/**
 * The reachability matrix for many VPCs: a row per source, a column per destination (grouped by
 * account and region), each cell styled by that direction's verdict, with a tooltip giving each
 * port's result; a legend below. Plain SVG, no fonts or scripts needed.
 */
export function toMatrixSvg(model: NetworkModel, report: ReachabilityReport): string {
  const groups = clusters(model).flatMap((a) => a.regions.map((r) => ({ name: `${r.region.replace(/^region /, "")}${clusters(model).length > 1 ? ` · ${a.account}` : ""}`, vpcs: r.vpcs })));
  const vpcs = groups.flatMap((g) => g.vpcs);
  const cell = 22;
  const labelWidth = Math.max(60, ...vpcs.map((v) => v.label.length * 7 + 12));
  // A band on each axis names the region (and account) of each group of rows and columns.
  const band = 18;
  const top = labelWidth + 40 + band;
  const left = labelWidth + band;
  const legend = legendEntries().filter((e) => e.key in STYLES);
  const width = left + vpcs.length * cell + 20;
  const gridBottom = top + vpcs.length * cell;
  const height = gridBottom + 30 + legend.length * 18 + 20;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, 760)}" height="${height}" viewBox="0 0 ${Math.max(width, 760)} ${height}" font-family="Helvetica,Arial,Liberation Sans,sans-serif" font-size="11" role="img" aria-label="Reachability matrix of ${esc(model.stack)}">`,
    `<title>Reachability of ${esc(model.stack)}: rows reach columns (${esc(report.ports.join(", "))})</title>`,
    // Cells are styled by verdict here, once, rather than on each of the N×N cells.
    `<style>.cell rect{stroke:white}.cell text{fill:white;text-anchor:middle}${(Object.keys(STYLES) as (keyof typeof STYLES)[]).map((k) => `.cell[data-verdict=${k}] rect{fill:${STYLES[k].color};fill-opacity:${k === "unpeered" ? 0.35 : 0.85}}`).join("")}</style>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="16" font-size="13" font-weight="bold">${esc(model.stack)}: row → column on ${esc(report.ports.join(", "))}</text>`,
  ];
  vpcs.forEach((v, i) => {
    const y = top + i * cell + cell / 2 + 4;
    const x = left + i * cell + cell / 2 + 4;
    out.push(`<text x="${left - 6}" y="${y}" text-anchor="end"><title>${esc(`${v.label}: ${accountName(v)}, ${regionName(v)}`)}</title>${esc(v.label)}</text>`);
    out.push(`<text x="${x}" y="${top - 6}" transform="rotate(-60 ${x} ${top - 6})"><title>${esc(`${v.label}: ${accountName(v)}, ${regionName(v)}`)}</title>${esc(v.label)}</text>`);
  });
  // The region bands: a bracket along each axis per group of consecutive VPCs, with its name.
  let start = 0;
  for (const g of groups) {
    const from = start * cell;
    const span = g.vpcs.length * cell;
    start += g.vpcs.length;
    out.push(`<g class="region-band" font-size="10" fill="#37474f"><title>${esc(g.name)}</title>` +
      `<rect x="${left + from + 1}" y="24" width="${span - 2}" height="${band - 4}" fill="#eceff1"/><text x="${left + from + 4}" y="${24 + band - 8}">${esc(g.name)}</text>` +
      `<rect x="2" y="${top + from + 1}" width="${band - 4}" height="${span - 2}" fill="#eceff1"/><text transform="translate(${band - 6} ${top + from + span - 4}) rotate(-90)">${esc(g.name)}</text></g>`);
  }
  vpcs.forEach((from, i) =>
    vpcs.forEach((to, j) => {
      const x = left + j * cell;
      const y = top + i * cell;
      if (from === to) {
        out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="#eeeeee" stroke="white"/>`);
        return;
      }
      const results = directionResults(report, from.label, to.label);
      const v = directionVerdict(results);
      // One line per port, unless a single port says no more than the cell's verdict.
      const ports = results.map((r) => `${r.port}: ${r.verdict}${r.partial ? " (partly)" : ""}${r.step ? ` — ${r.step}: ${r.detail}` : ""}`);
      const tip = [`${from.label} → ${to.label}: ${v}${results.length === 1 && !results[0].step && !results[0].partial ? ` (${results[0].port})` : ""}`, ...(results.length === 1 && !results[0].step && !results[0].partial ? [] : ports)].join("\n");
      out.push(
        `<g class="cell" data-verdict="${v}"><title>${esc(tip)}</title><rect x="${x}" y="${y}" width="${cell}" height="${cell}"/>` +
          (STYLES[v].symbol ? `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}">${STYLES[v].symbol}</text>` : "") + `</g>`,
      );
    }),
  );
  // Account and region boundaries between consecutive VPCs.
  vpcs.forEach((v, i) => {
    if (i === 0 || (accountName(v) === accountName(vpcs[i - 1]) && regionName(v) === regionName(vpcs[i - 1]))) return;
    const at = top + i * cell;
    const atX = left + i * cell;
    out.push(`<line x1="${left}" y1="${at}" x2="${left + vpcs.length * cell}" y2="${at}" stroke="#37474f" stroke-width="2"/>`);
    out.push(`<line x1="${atX}" y1="${top}" x2="${atX}" y2="${gridBottom}" stroke="#37474f" stroke-width="2"/>`);
  });
  out.push(`<text x="8" y="${gridBottom + 22}" font-weight="bold">Legend (dark lines separate accounts and regions; hover a cell for each port)</text>`);
  legend.forEach((e, k) => {
    const y = gridBottom + 30 + k * 18;
    const symbol = (STYLES as Record<string, { symbol: string }>)[e.key]?.symbol ?? "";
    out.push(e.color ? `<rect x="8" y="${y}" width="14" height="14" fill="${e.color}"/><text x="15" y="${y + 11}" text-anchor="middle" fill="white">${esc(symbol)}</text>` : "");
    out.push(`<text x="30" y="${y + 11}">${esc(e.text)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

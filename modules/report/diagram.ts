import type { NetworkModel, PeeringNode, VpcNode } from "./network-model";
import type { PairResult, ReachabilityReport } from "./reachability";

// Pure rendering of a NetworkModel and its reachability report as Graphviz DOT and Mermaid.
// Peering edges are colored by the report: green flows, amber flows with SG/NACL assumed open,
// red blocked (in either direction, on any port). Unpeered pairs appear as dashed red
// "no peering" edges while the graph is small enough to stay readable.

export const COLORS = { flows: "#2e7d32", assumed: "#ef8f00", blocked: "#c62828" } as const;
type Verdict = keyof typeof COLORS;

/** Unpeered pairs are drawn up to this many VPCs; above, a full graph of them would bury the peerings. */
const MAX_VPCS_FOR_UNPEERED_EDGES = 6;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const id = (s: string) => `n_${s.replace(/[^A-Za-z0-9_]/g, "_")}`;

function worst(results: readonly PairResult[]): Verdict | undefined {
  if (results.length === 0) return undefined;
  if (results.some((r) => r.verdict === "blocked")) return "blocked";
  return results.some((r) => r.verdict === "assumed") ? "assumed" : "flows";
}

function between(report: ReachabilityReport, a: VpcNode, b: VpcNode) {
  return report.pairs.filter((p) => (p.from === a.label && p.to === b.label) || (p.from === b.label && p.to === a.label));
}

function dnsFlags(p: PeeringNode): string {
  if (!p.dns.requester && !p.dns.accepter) return "DNS off";
  if (p.dns.requester && p.dns.accepter) return "DNS both";
  return p.dns.requester ? "DNS requester" : "DNS accepter";
}

function edgeLabel(report: ReachabilityReport, p: PeeringNode, a: VpcNode, b: VpcNode): string {
  const results = between(report, a, b);
  const blocked = results.find((r) => r.verdict === "blocked");
  return [p.label, dnsFlags(p), ...(blocked ? [`${blocked.from}→${blocked.to} ${blocked.port}: ${blocked.step}`] : [])].join("\n");
}

function unpeeredPairs(model: NetworkModel): [VpcNode, VpcNode][] {
  if (model.vpcs.length > MAX_VPCS_FOR_UNPEERED_EDGES) return [];
  const out: [VpcNode, VpcNode][] = [];
  model.vpcs.forEach((a, i) =>
    model.vpcs.slice(i + 1).forEach((b) => {
      if (!model.peerings.some((p) => (p.requester === a.ref && p.accepter === b.ref) || (p.requester === b.ref && p.accepter === a.ref))) out.push([a, b]);
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

export function toDot(model: NetworkModel, report: ReachabilityReport): string {
  const big = model.vpcs.length > MAX_VPCS_FOR_UNPEERED_EDGES;
  const vpc = (ref: string) => model.vpcs.find((v) => v.ref === ref);
  const lines = [
    `graph "${esc(model.stack)}" {`,
    // A mesh goes on a circle we place ourselves (neato with pinned nodes: instant even for 50 VPCs and
    // 1,225 edges, where circo takes minutes); dot reads best for a few VPCs.
    `  layout=${big ? "neato" : "dot"}; rankdir=LR; bgcolor="white"; pad=0.3; nodesep=0.6; ranksep=1.6;${big ? " splines=false; outputorder=edgesfirst;" : ""}`,
    `  label="${esc(model.stack)}: peerings colored by reachability on ${esc(report.ports.join(", "))}"; labelloc=t; fontname="Helvetica"; fontsize=14;`,
    `  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=9];`,
    // Legend: one colored cell per verdict, so no text run depends on font metrics matching.
    `  legend [shape=plain${big ? `, pos="0,${(-circleRadius(model.vpcs.length) - 1).toFixed(2)}!"` : ""}, label=<<table border="0" cellspacing="2" cellpadding="3"><tr>` +
      `<td bgcolor="${COLORS.flows}"><font color="white">flows</font></td>` +
      `<td bgcolor="${COLORS.assumed}"><font color="white">flows if SG/NACL open (not managed here)</font></td>` +
      `<td bgcolor="${COLORS.blocked}"><font color="white">blocked</font></td></tr></table>>];`,
  ];
  for (const v of model.vpcs) {
    const tables = model.routeTables.filter((t) => t.vpc === v.ref).map((t) => t.label);
    const rows = [
      `<tr><td bgcolor="#e3f2fd"><b>${esc(v.label)}</b></td></tr>`,
      ...(v.region && !big ? [`<tr><td><font point-size="9" color="#555555">${esc(v.region)}</font></td></tr>`] : []),
      ...[...v.ipv4, ...v.ipv6].map((c) => `<tr><td>${esc(c)}</td></tr>`),
      ...(big ? [] : tables.map((t) => `<tr><td><font point-size="9" color="#555555">rtb ${esc(t)}</font></td></tr>`)),
      ...(big ? [] : [`<tr><td><font point-size="9" color="#555555">${v.created ? "created" : "looked up"} · DNS ${v.dnsSupport === false ? "off" : v.dnsSupport ? "on" : "?"}/${v.dnsHostnames === false ? "off" : v.dnsHostnames ? "on" : "?"}</font></td></tr>`]),
    ];
    lines.push(`  ${id(v.ref)} [shape=plain${big ? `, pos="${circle(model.vpcs.indexOf(v), model.vpcs.length)}"` : ""}, label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" bgcolor="white">${rows.join("")}</table>>];`);
  }
  for (const p of model.peerings) {
    const [a, b] = [vpc(p.requester), vpc(p.accepter)];
    if (!a || !b) continue;
    const verdict = worst(between(report, a, b)) ?? "flows";
    const label = big ? "" : `, label="${esc(edgeLabel(report, p, a, b))}"`;
    lines.push(`  ${id(a.ref)} -- ${id(b.ref)} [color="${COLORS[verdict]}", penwidth=${big ? 1 : 2}${label}, fontcolor="${COLORS[verdict]}"];`);
  }
  for (const [a, b] of unpeeredPairs(model)) {
    lines.push(`  ${id(a.ref)} -- ${id(b.ref)} [style=dashed, color="${COLORS.blocked}", fontcolor="${COLORS.blocked}", label="no peering", constraint=false];`);
  }
  for (const z of model.zones) {
    const records = model.records.filter((r) => r.zone === z.ref).map((r) => `${r.fqdn} ${r.type}`);
    lines.push(`  ${id(z.ref)} [shape=note${big ? `, pos="0,0!"` : ""}, style=filled, fillcolor="#fff8e1", label="${esc(["zone " + z.name, ...records].join("\n"))}"];`);
    for (const v of z.vpcs) if (vpc(v)) lines.push(`  ${id(z.ref)} -- ${id(v)} [style=dotted, color="#8d6e63", label="associated"];`);
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
  for (const v of model.vpcs) {
    const tables = big ? [] : model.routeTables.filter((t) => t.vpc === v.ref).map((t) => `rtb ${t.label}`);
    lines.push(`  ${id(v.ref)}["<b>${text(v.label)}</b><br/>${[...v.ipv4, ...v.ipv6, ...tables].map(text).join("<br/>")}"]`);
  }
  for (const p of model.peerings) {
    const [a, b] = [vpc(p.requester), vpc(p.accepter)];
    if (!a || !b) continue;
    const verdict = worst(between(report, a, b)) ?? "flows";
    lines.push(big ? `  ${id(a.ref)} --- ${id(b.ref)}` : `  ${id(a.ref)} ---|"${text(edgeLabel(report, p, a, b).replace(/\n/g, " · "))}"| ${id(b.ref)}`);
    styles.push(`  linkStyle ${edge++} stroke:${COLORS[verdict]},stroke-width:2px`);
  }
  for (const [a, b] of unpeeredPairs(model)) {
    lines.push(`  ${id(a.ref)} -.-|"no peering"| ${id(b.ref)}`);
    styles.push(`  linkStyle ${edge++} stroke:${COLORS.blocked}`);
  }
  for (const z of model.zones) {
    const records = model.records.filter((r) => r.zone === z.ref).map((r) => `${r.fqdn} ${r.type}`);
    lines.push(`  ${id(z.ref)}[/"zone ${text(z.name)}<br/>${records.map(text).join("<br/>")}"/]`);
    for (const v of z.vpcs) {
      if (!vpc(v)) continue;
      lines.push(`  ${id(z.ref)} -.-|associated| ${id(v)}`);
      styles.push(`  linkStyle ${edge++} stroke:#8d6e63`);
    }
  }
  return [...lines, ...styles].join("\n");
}

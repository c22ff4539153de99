import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MATRIX_ABOVE_VPCS, toDot, toMatrixSvg, toMermaid } from "../modules/report/diagram";
import { readNetworkModel, TerraformJson } from "../modules/report/network-model";
import { analyzeReachability, configuredPorts, parsePortSpec, PortSpec } from "../modules/report/reachability";
import { stackFiles } from "./reachability";
import { parseFlags, STACK_FLAGS } from "../modules/app/cli";

/** Renders DOT to SVG offline with Graphviz compiled to WebAssembly (an ESM package: dynamic import). */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  const svg = graphviz.layout(dot, "svg", /layout=neato/.test(dot) ? "neato" : "dot");
  return fitText(svg);
}

/**
 * Graphviz sizes boxes with Helvetica metrics; where Helvetica is missing the fallback (e.g. DejaVu
 * Sans) is up to ~12% wider and text spills out of its box. Drawing text 12% smaller fits both.
 */
export function fitText(svg: string): string {
  return svg
    .replace(/font-size="([\d.]+)"/g, (_, size: string) => `font-size="${(Number(size) * 0.88).toFixed(2)}"`)
    .replace(/font-family="Helvetica,sans-Serif"/g, 'font-family="Helvetica,Arial,Liberation Sans,sans-serif"');
}

async function main() {
  const values = parseFlags({
    usage: "npm run diagram --",
    summary: `Draws each stack's topology (SVG with Graphviz, and Mermaid): one edge per direction styled by its reachability, accounts and regions as clusters; above ${MATRIX_ABOVE_VPCS} VPCs a reachability matrix (SVG) instead.`,
    flags: {
      ...STACK_FLAGS,
      svg: { type: "string", value: "<file>", description: "SVG file; default: <output>/topology.svg" },
      mermaid: { type: "string", value: "<file>", description: "Mermaid file; default: <output>/topology.mmd" },
    },
  });
  if (!values) return;
  const outdir = values.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const files = stackFiles(values.stack, outdir);
  for (const file of files) {
    const stack = basename(dirname(file));
    const model = readNetworkModel(JSON.parse(readFileSync(file, "utf8")) as TerraformJson, stack);
    // A stack with no VPC (the state bucket's) has nothing to draw.
    if (model.vpcs.length === 0) continue;
    const flagPorts = values.ports?.split(",").map((p) => parsePortSpec(p)).filter((p): p is PortSpec => typeof p !== "string") ?? [];
    const ports = [...configuredPorts(model), ...flagPorts];
    const report = analyzeReachability(model, ports.length ? ports : [{ protocol: "tcp", port: 443 }]);
    const name = files.length === 1 ? "topology" : `topology-${stack}`;
    const svgFile = values.svg ?? join(outdir, `${name}.svg`);
    mkdirSync(dirname(svgFile), { recursive: true });
    if (model.vpcs.length > MATRIX_ABOVE_VPCS) {
      // Too many VPCs for a graph anyone can read: the matrix, and no Mermaid graph.
      writeFileSync(svgFile, toMatrixSvg(model, report));
      console.log(`wrote ${svgFile} (reachability matrix: ${model.vpcs.length} VPCs, more than ${MATRIX_ABOVE_VPCS})`);
      continue;
    }
    const mermaidFile = values.mermaid ?? join(outdir, `${name}.mmd`);
    mkdirSync(dirname(mermaidFile), { recursive: true });
    writeFileSync(svgFile, await renderSvg(toDot(model, report)));
    const mermaid = toMermaid(model, report);
    writeFileSync(mermaidFile, mermaidFile.endsWith(".md") ? `# Topology of stack ${stack}\n\n\`\`\`mermaid\n${mermaid}\n\`\`\`\n` : `${mermaid}\n`);
    console.log(`wrote ${svgFile} and ${mermaidFile}`);
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exitCode = 1;
});

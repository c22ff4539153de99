import { MATRIX_ABOVE_VPCS, toDot, toMatrixSvg } from "../modules/report/diagram";
import type { NetworkModel } from "../modules/report/network-model";
import type { ReachabilityReport } from "../modules/report/reachability";

// Graphviz DOT to SVG, offline: Graphviz compiled to WebAssembly (shared by npm run diagram and npm run report).

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

/** The figure of a stack: the Graphviz diagram, or above MATRIX_ABOVE_VPCS VPCs the reachability matrix. */
export async function figureSvg(model: NetworkModel, report: ReachabilityReport): Promise<string> {
  return model.vpcs.length > MATRIX_ABOVE_VPCS ? toMatrixSvg(model, report) : renderSvg(toDot(model, report));
}

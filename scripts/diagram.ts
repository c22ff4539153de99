import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MATRIX_ABOVE_VPCS, toMermaid } from "../modules/report/diagram";
import { analyzeStacks, stackFiles } from "./reachability";
import { figureSvg } from "./render-svg";
import { parseFlags, runCli, STACK_FLAGS } from "../modules/app/cli";

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
  for (const { model, report } of analyzeStacks(files, values.ports)) {
    const stack = model.stack;
    // A stack with no VPC (the state bucket's) has nothing to draw.
    if (model.vpcs.length === 0) continue;
    const name = files.length === 1 ? "topology" : `topology-${stack}`;
    const svgFile = values.svg ?? join(outdir, `${name}.svg`);
    mkdirSync(dirname(svgFile), { recursive: true });
    writeFileSync(svgFile, await figureSvg(model, report));
    if (model.vpcs.length > MATRIX_ABOVE_VPCS) {
      // Too many VPCs for a graph anyone can read: the matrix, and no Mermaid graph.
      console.log(`wrote ${svgFile} (reachability matrix: ${model.vpcs.length} VPCs, more than ${MATRIX_ABOVE_VPCS})`);
      continue;
    }
    const mermaidFile = values.mermaid ?? join(outdir, `${name}.mmd`);
    mkdirSync(dirname(mermaidFile), { recursive: true });
    const mermaid = toMermaid(model, report);
    writeFileSync(mermaidFile, mermaidFile.endsWith(".md") ? `# Topology of stack ${stack}\n\n\`\`\`mermaid\n${mermaid}\n\`\`\`\n` : `${mermaid}\n`);
    console.log(`wrote ${svgFile} and ${mermaidFile}`);
  }
}

runCli(main);

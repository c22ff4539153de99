// Builds the package's `vpc-peering-cdktf/testing` entry into lib/testing/ (part of `npm run
// build:lib` and `prepare`, after tsc): the consumer kit (testing/offline-aws/package/) bundled with
// esbuild, its declarations, and beside it in lib/testing/offline-aws/ the stand-in provider bundle,
// the protocol descriptor and the resource modules the library itself imports. Everything a
// consumer's jest needs at run time is in these files: no dependency to install, nothing to fetch.
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import * as ts from "typescript";
import { parseFlags, runCli } from "../modules/app/cli";
import { protoDescriptor } from "../testing/offline-aws/proto/descriptor";
import { deepImportsIn } from "../testing/offline-aws/schema/used-types";

const root = path.resolve(__dirname, "..");
const kit = path.join(root, "testing", "offline-aws");

/** The two entries' declarations, which must stand alone (no imports of files the package does not ship). */
function declarations(entries: string[], outDir: string): void {
  const program = ts.createProgram(entries, { declaration: true, emitDeclarationOnly: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: ["node"], skipLibCheck: true, esModuleInterop: true });
  const wanted = new Map(entries.map((e) => [path.basename(e, ".ts"), e]));
  const { diagnostics } = program.emit(undefined, (file, text) => {
    const name = path.basename(file, ".d.ts");
    if (!wanted.has(name) || path.dirname(file) !== path.dirname(wanted.get(name)!)) return;
    const imports = [...text.matchAll(/from "(\.[^"]+)"/g)].map((m) => m[1]).filter((p) => p !== "./index");
    if (imports.length) throw new Error(`${name}.d.ts imports ${imports.join(", ")}: keep the exported types of testing/offline-aws/package/${name}.ts in that file`);
    fs.writeFileSync(path.join(outDir, `${name}.d.ts`), text);
  });
  if (diagnostics.length) throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
}

runCli(async () => {
  const flags = parseFlags({
    usage: "npm run build:testing --",
    summary: "Builds lib/testing/ (the package's vpc-peering-cdktf/testing entry): the consumer kit, its declarations, the stand-in provider bundle and descriptor.",
    flags: { output: { type: "string", short: "o", value: "<dir>", description: "Where to write; default lib/testing" } },
  });
  if (!flags) return;
  const out = path.resolve(flags.output ?? path.join(root, "lib", "testing"));
  const assets = path.join(out, "offline-aws");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(assets, { recursive: true });
  const common = { bundle: true, minify: true, platform: "node", target: "node20", logLevel: "warning", legalComments: "none" } as const;
  await esbuild.build({ ...common, entryPoints: [path.join(kit, "provider", "main.ts")], outfile: path.join(assets, "provider.js") });
  await esbuild.build({ ...common, minify: false, entryPoints: [path.join(kit, "package", "index.ts")], outfile: path.join(out, "index.js") });
  // The jest entry loads ./index at run time instead of carrying a second copy of it.
  const indexExternal: esbuild.Plugin = { name: "index-external", setup: (b) => b.onResolve({ filter: /^\.\/index$/ }, () => ({ path: "./index.js", external: true })) };
  await esbuild.build({ ...common, minify: false, entryPoints: [path.join(kit, "package", "jest-global-setup.ts")], outfile: path.join(out, "jest-global-setup.js"), plugins: [indexExternal] });
  const protos = ["tfplugin6-subset.proto", "go-plugin-subset.proto"].map((p) => path.join(kit, "proto", p));
  fs.writeFileSync(path.join(assets, "descriptor.json"), JSON.stringify(protoDescriptor(protos)));
  fs.writeFileSync(path.join(assets, "modules.json"), JSON.stringify([...deepImportsIn([path.join(root, "modules")], /\.ts$/)].sort()));
  declarations([path.join(kit, "package", "index.ts"), path.join(kit, "package", "jest-global-setup.ts")], out);
  const size = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
  console.log(`wrote ${path.relative(process.cwd(), out) || "."} (${Math.round(size(out) / 1024)} KB)`);
});

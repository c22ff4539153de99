// npm run bench:plan: how long Terraform takes to plan a full mesh against the offline stand-in
// provider, per peering, beside the Terraform-core floor: the same resource graph written as
// built-in `terraform_data` resources (no provider at all; every reference kept, so the graph and
// the unknown values are the same). Plans at scale live here, not in `npm test`.
// Usage: npm run bench:plan -- [--sizes 10,50] [--runs 3]
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareOfflineTerraform, runTerraform, terraformAvailable } from "../testing/offline-aws";
import { parseFlags, runCli } from "../modules/app/cli";

type Json = Record<string, unknown>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The stack with every managed resource turned into `terraform_data.<type>__<name>` whose `input`
 * holds the resource's arguments, references rewritten to the stand-ins' (computed) `id`.
 */
export function asTerraformData(tf: Json): Json {
  if (tf.data) throw new Error("the floor conversion handles managed resources only (this stack has data sources)");
  const ref = /\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_]+)?/g;
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(/\$\{[^}]*\}/g, (expr) => expr.replace(ref, (_, type, name) => `terraform_data.${type}__${name}.id`));
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  const resources: Record<string, Json> = {};
  for (const [type, byName] of Object.entries((tf.resource ?? {}) as Record<string, Record<string, Json>>)) {
    for (const [name, body] of Object.entries(byName)) {
      const { lifecycle: _lifecycle, depends_on, provider: _provider, ...args } = body;
      resources[`${type}__${name}`] = { input: rewrite(args), ...(depends_on ? { depends_on: rewrite(depends_on) } : {}) };
    }
  }
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    resource: { terraform_data: resources },
    ...(tf.output ? { output: rewrite(tf.output) } : {}),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags({
    usage: "npm run bench:plan --",
    summary: "Times terraform plan of N-VPC full meshes (offline stand-in provider) against the same graph as terraform_data.",
    flags: {
      sizes: { type: "string", value: "<n,n>", description: "Mesh sizes in VPCs, comma-separated; default 50" },
      runs: { type: "string", value: "<n>", description: "Plans per size and variant (median reported); default 3" },
    },
  });
  if (!flags) return;
  const sizes = (flags.sizes ?? "50").split(",").map(Number);
  const runs = Number(flags.runs ?? 3);
  const t = terraformAvailable();
  if (!t.ok) throw new Error(t.reason);

  const root = process.cwd();
  execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  const { env } = await prepareOfflineTerraform();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
  const rows: string[][] = [];
  try {
    for (const n of sizes) {
      const config = path.join(work, `mesh-${n}.yaml`);
      // Without the created VPCs' default flow logs: this times peerings, and the floor converts managed resources only.
      execFileSync(process.execPath, [path.join(root, "scripts/gen-mesh-config.mjs"), String(n), config, "--no-flow-logs"]);
      execFileSync(process.execPath, [path.join(root, "dist/main.js"), "--config", config, "--output", path.join(work, `out-${n}`)], { stdio: "ignore" });
      const stackDir = path.join(work, `out-${n}`, "stacks", `mesh-${n}`);
      const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as Json;
      const floorDir = path.join(work, `floor-${n}`);
      fs.mkdirSync(floorDir);
      fs.writeFileSync(path.join(floorDir, "main.tf.json"), JSON.stringify(asTerraformData(tf)));

      const byType = tf.resource as Record<string, Json>;
      const count = (type: string) => Object.keys(byType[type] ?? {}).length;
      const resources = Object.values(byType).reduce((s, m) => s + Object.keys(m).length, 0);
      const peerings = (n * (n - 1)) / 2;
      const peeringResources = ["aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter", "aws_vpc_peering_connection_options", "aws_route"].reduce((s, k) => s + count(k), 0);

      const time = (dir: string) => {
        const init = runTerraform(dir, ["init", "-input=false"], { env });
        if (init.code !== 0) throw new Error(`init failed in ${dir}:\n${init.stderr}`);
        const walls: number[] = [];
        for (let i = 0; i < runs; i++) {
          const r = runTerraform(dir, ["plan", "-input=false", "-lock=false"], { env, timeoutMs: 900_000 });
          if (r.code !== 0) throw new Error(`plan failed in ${dir}:\n${r.stderr.slice(0, 2000)}`);
          if (!r.stdout.includes(`Plan: ${resources} to add`)) throw new Error(`plan in ${dir} did not add ${resources} resources:\n${r.stdout.slice(-500)}`);
          walls.push(r.seconds);
        }
        return median(walls);
      };
      const floor = time(floorDir);
      const real = time(stackDir);
      rows.push([
        String(n), String(peerings), String(resources), (peeringResources / peerings).toFixed(2),
        `${real.toFixed(1)} s`, `${((real / peerings) * 1000).toFixed(1)} ms`,
        `${floor.toFixed(1)} s`, `${((floor / peerings) * 1000).toFixed(1)} ms`, (real / floor).toFixed(2),
      ]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const header = ["VPCs", "peerings", "resources", "peering resources/peering", `plan (median of ${runs})`, "per peering", "terraform_data floor", "per peering", "plan/floor"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${os.cpus().length} CPUs; terraform plan, stand-in provider vs the same graph as terraform_data`);
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
}

runCli(main);

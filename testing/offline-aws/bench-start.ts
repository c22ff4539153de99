// Measures the stand-in provider's start-up: spawn -> handshake line, as Terraform sees it.
// Usage: node scripts/app.cjs --packages=external testing/offline-aws/bench-start.ts [runs]
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROVIDER_VERSION, ensureOfflineBuild } from "./build";

const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

function once(exe: string, clientCert: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const p = spawn(exe, [], { env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: COOKIE, PLUGIN_CLIENT_CERT: clientCert, PLUGIN_PROTOCOL_VERSIONS: "6" } });
    p.stdout.once("data", () => {
      resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      p.kill();
    });
    p.on("error", reject);
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 10);
  const b = await ensureOfflineBuild();
  const exe = path.join(b.dir, "mirror/registry.terraform.io/hashicorp/aws", PROVIDER_VERSION, "linux_amd64", `terraform-provider-aws_v${PROVIDER_VERSION}`);
  const cert = fs.readFileSync(path.join(b.dir, "server-cert.pem"), "utf8"); // any PEM will do for a start-up timing
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await once(exe, cert));
  ms.sort((a, c) => a - c);
  console.log(`provider start to handshake over ${runs} runs: median ${ms[Math.floor(runs / 2)].toFixed(0)} ms, min ${ms[0].toFixed(0)} ms, max ${ms[runs - 1].toFixed(0)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

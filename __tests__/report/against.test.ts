import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { PeeringStack } from "../../modules/app/peering-stack";
import { labConfig } from "../helpers/lab";

// What a change breaks: `npm run reachability -- --stack <new> --against <old>` lists what gained or
// lost reachability and exits 1 when anything was lost, so it can gate a pull request.

const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "against-"));
const app = new App({ outdir: join(work, "out") });
new PeeringStack(app, "lab", { ...labConfig(), backend: { type: "local" } });
app.synth();
const baseline = join(work, "out", "stacks", "lab");
const json = JSON.parse(readFileSync(join(baseline, "cdk.tf.json"), "utf8"));
// The change under review drops web-vpc-rtb's route to api.
const routes = json.resource.aws_route as Record<string, { destination_cidr_block?: string }>;
const [dropped] = Object.entries(routes).find(([, r]) => r.destination_cidr_block === "10.1.0.0/16")!;
delete routes[dropped];
const changed = join(work, "changed");
mkdirSync(changed);
writeFileSync(join(changed, "cdk.tf.json"), JSON.stringify(json));

const reachability = (...args: string[]) => spawnSync("npm", ["run", "-s", "reachability", "--", ...args], { cwd: root, encoding: "utf8" });

it("lists the pairs a change loses and exits 1", () => {
  const r = reachability("--stack", changed, "--against", baseline);
  expect(r.status).toBe(1);
  // Both directions: web → api has no route there, api → web's replies have no route back.
  expect(r.stdout).toMatch(/2 lost, 0 gained/);
  expect(r.stdout).toMatch(/LOST {4}web → api tcp\/443: flows\* → blocked \(no route there/);
  expect(r.stdout).toMatch(/LOST {4}api → web tcp\/443: flows\* → blocked \(no route back/);
});

it("lists what a change gains and exits 0 when nothing is lost", () => {
  const r = reachability("--stack", baseline, "--against", changed);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/0 lost, 2 gained/);
  expect(r.stdout).toMatch(/GAINED {2}web → api tcp\/443: blocked \(no route there: .*\) → flows\*/);
});

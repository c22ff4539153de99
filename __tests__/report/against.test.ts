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

it("a narrower routed part of a block is a loss too: web's routeTo narrowed from its /16 to a /21 (it exited 0 with 0 lost)", () => {
  const narrowApp = new App({ outdir: join(work, "narrow") });
  const lab = labConfig();
  new PeeringStack(narrowApp, "lab", { ...lab, backend: { type: "local" }, vpcs: { ...lab.vpcs, web: { ...lab.vpcs.web, routeTo: { include: ["10.0.0.0/21"], exclude: [] } } } });
  narrowApp.synth();
  const r = reachability("--stack", join(work, "narrow", "stacks", "lab"), "--against", baseline);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/LOST {4}api → web tcp\/443 block 10\.0\.0\.0\/16: flows → flows to 10\.0\.0\.0\/21 only \(lost 10\.0\.8\.0\/21, 10\.0\.16\.0\/20, 10\.0\.32\.0\/19, 10\.0\.64\.0\/18, 10\.0\.128\.0\/17\)/);
});

// Callers of a module generated in module mode (`npm run synth:module`) keep their state when the
// generator changes: each fixture (testing/fixtures/module-<example>-0.3.main.tf.json, the module
// as main generated it before the flow-log sharing rule moved to onlyWhen) is applied through a
// caller with the offline stand-in, then today's module for the same config plans against that
// state with no resource action. The accepter side's flow-log group, key and role exist or not
// by the caller's providers (one account and region, or not), decided at plan time: so each
// example is called with one provider for both sides, and with an accepter provider of another
// region or account.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../modules/app/config/load";
import { writeModule } from "../../modules/tf-module/writer";
import { offlineTerraformEnv, offlineTerraformMissing, terraform, writeCallerRoot, type CallerOptions } from "../../testing/module-caller";
import { servedWorld } from "../../testing/offline-aws/server";
import { vpcNamed, worldVariant } from "../../testing/offline-aws/worlds";
import type { World } from "../../testing/offline-aws/provider/world";

const missing = offlineTerraformMissing();
if (missing) console.warn(`module mode moved state: terraform checks skipped: ${missing}`);
const withTerraform = missing ? test.skip : test;

const ROOT = join(__dirname, "../..");
const FIXTURES = join(ROOT, "testing/fixtures");
const WORLD = join(ROOT, "testing/worlds/pair-module.json");
const OTHER_ACCOUNT = "210987654321";

type Caller = "one provider" | "accepter in us-east-1" | `accepter in account ${typeof OTHER_ACCOUNT}`;

/** The lab looks its VPCs up: the accepter's (web) is where the caller's aws.accepter looks. */
function labWorld(caller: Caller): (w: World) => void {
  return (w) => {
    if (caller === "one provider") return;
    const web = vpcNamed(w, "web-vpc");
    const tables = (w.route_tables ?? []).filter((t) => t.vpc_id === web.id);
    // The zone's record looks its load balancer up through the zone's side (the accepter's).
    const balancers = (kind: "load_balancers" | "classic_load_balancers") => (w[kind] ?? []).map((b) => ({ ...b, region: caller === "accepter in us-east-1" ? "us-east-1" : b.region }));
    if (caller === "accepter in us-east-1") {
      for (const r of [web, ...tables]) r.region = "us-east-1";
      w.load_balancers = [...(w.load_balancers ?? []), ...balancers("load_balancers")];
      w.classic_load_balancers = [...(w.classic_load_balancers ?? []), ...balancers("classic_load_balancers")];
      return;
    }
    w.vpcs = (w.vpcs ?? []).filter((v) => v !== web);
    w.route_tables = (w.route_tables ?? []).filter((t) => !tables.includes(t));
    const other = ((w.accounts ??= {})[OTHER_ACCOUNT] ??= {}) as Partial<World>;
    other.vpcs = [...(other.vpcs ?? []), web];
    other.route_tables = [...(other.route_tables ?? []), ...tables];
    other.iam_roles = [...(other.iam_roles ?? []), ...(w.iam_roles ?? [])];
    other.load_balancers = [...(other.load_balancers ?? []), ...balancers("load_balancers")];
    other.classic_load_balancers = [...(other.classic_load_balancers ?? []), ...balancers("classic_load_balancers")];
  };
}

const ACCEPTER: Record<Caller, CallerOptions["accepter"]> = {
  "one provider": undefined,
  "accepter in us-east-1": { region: "us-east-1" },
  [`accepter in account ${OTHER_ACCOUNT}`]: { roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/peering-admin` },
};

interface Case {
  readonly example: string;
  readonly config: string;
  readonly output: string;
  readonly accounts?: CallerOptions["accounts"];
  readonly callers: readonly Caller[];
}

const ALL: readonly Caller[] = ["one provider", "accepter in us-east-1", `accepter in account ${OTHER_ACCOUNT}`];
const CASES: readonly Case[] = [
  // Shares the requester's group in one account and region; the role is looked up on each side.
  { example: "lab", config: "config/lab.yaml", output: "peering_api_web_pc_id", callers: ALL },
  // The accepter's group is in its VPC's own region (never shared); its role is shared in one
  // account. Not with an accepter of another account: the fixture's connection names no peer_owner_id, so
  // the request goes to the requester's account and the acceptance fails (as on main).
  { example: "inter-region", config: "examples/inter-region.yaml", output: "peering_oregon_ireland_id", callers: ["one provider", "accepter in us-east-1"] },
  // Every accepter is a config account's (aws.shared): no side shares with the other.
  { example: "cross-account", config: "examples/cross-account.yaml", output: "peering_app_shared_id", accounts: { shared: { roleArn: "arn:aws:iam::222222222222:role/peering-admin" } }, callers: ALL },
  // Created group, key and role on both sides, shared or not. Its subnets name us-west-2 zones,
  // so its accepter provider stays in us-west-2.
  { example: "hub-and-spoke", config: "examples/hub-and-spoke.yaml", output: "peering_a_to_b_id", callers: ["one provider", `accepter in account ${OTHER_ACCOUNT}`] },
  // The accepter side's second group is in a VPC's own region (accepterRegional): never shared,
  // its flow log uses the side's role or the requester's. One provider only, as on main: an
  // accepter in us-east-1 makes its first group there under the regional group's name (the apply
  // fails with main's module; today's is applied so below), and in another account c's connection
  // fails as inter-region's does.
  { example: "accepter-regional", config: "testing/fixtures/module-accepter-regional.yaml", output: "peering_a_b_id", callers: ["one provider"] },
];

/** The requester side's created flow-log role and its policy (see the in-place fix below). */
const WIDENED = /\.aws_iam_role\.flow-logs_role$|\.aws_iam_role_policy\.flow-logs_role-policy$/;

/** The callers whose apply makes instances keyed "own" (the others make none). */
const OWN: Record<string, readonly Caller[]> = {
  lab: ["accepter in us-east-1", `accepter in account ${OTHER_ACCOUNT}`],
  "hub-and-spoke": [`accepter in account ${OTHER_ACCOUNT}`],
};

describe("module mode: state applied with the module main generated", () => {
  const work = mkdtempSync(join(tmpdir(), "module-mode-moved-"));
  let env: Record<string, string> = {};

  beforeAll(async () => {
    for (const c of CASES) writeModule(loadConfig(join(ROOT, c.config)), { outdir: join(work, "today", c.example) });
    if (!missing) env = await offlineTerraformEnv();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const runs = CASES.flatMap((c) => c.callers.map((caller): [string, Case, Caller] => [`${c.example}, ${caller}`, c, caller]));

  withTerraform.each(runs)("%s: today's module plans no resource action but the role fix", async (name, c, caller) => {
    // A world of its own per run: the stand-in remembers what an apply made, as AWS would.
    const world = await servedWorld(worldVariant(WORLD, c.example === "lab" ? labWorld(caller) : () => undefined));
    const runEnv = { ...env, OFFLINE_AWS_WORLD: world };
    const dir = join(work, name.replace(/[^\w-]+/g, "-"));
    const moduleDir = join(dir, "module");
    mkdirSync(moduleDir, { recursive: true });
    copyFileSync(join(FIXTURES, `module-${c.example}-0.3.main.tf.json`), join(moduleDir, "main.tf.json"));
    const root = join(dir, "root");
    writeCallerRoot({ moduleDir, rootDir: root, accepter: ACCEPTER[caller], accounts: c.accounts, output: c.output });
    const run = (args: string[]) => {
      const r = terraform(root, [...args, "-no-color"], runEnv);
      if (r.code !== 0) console.log(`${name}: terraform ${args[0]}\n${r.output.slice(-3000)}`);
      return r;
    };
    expect(run(["init", "-input=false"]).code).toBe(0);
    expect(run(["apply", "-input=false", "-auto-approve"]).code).toBe(0);
    // The state holds what the caller's providers decided: the accepter's own group (and key,
    // role) under the key "own" only where it shares nothing with the requester.
    const own = terraform(root, ["state", "list"], runEnv).output.split("\n").filter((a) => a.endsWith('["own"]'));
    expect(own.length > 0).toBe((OWN[c.example] ?? []).includes(caller));

    // Today's module in the same place: the caller's state is all it has.
    copyFileSync(join(work, "today", c.example, "main.tf.json"), join(moduleDir, "main.tf.json"));
    const plan = run(["plan", "-input=false", "-out=plan.bin"]);
    expect(plan.code).toBe(0);
    const shown = JSON.parse(terraform(root, ["show", "-json", "plan.bin"], runEnv).output);
    const changes = (shown.resource_changes ?? []) as { address: string; change: { actions: string[]; before?: Record<string, unknown>; after?: Record<string, unknown> } }[];
    // One fix changes resources in place: the requester side's created role, which the accepter
    // side's flow logs use in one account, now trusts (and writes to its group name in) any
    // region, so an accepter in another region can deliver. Only those two documents change.
    const widened = changes.filter((ch) => WIDENED.test(ch.address) && ch.change.actions.join() === "update");
    for (const ch of widened) {
      const changed = Object.keys(ch.change.after ?? {}).filter((k) => JSON.stringify(ch.change.before?.[k]) !== JSON.stringify(ch.change.after?.[k]));
      expect(changed).toEqual([ch.address.endsWith("role-policy") ? "policy" : "assume_role_policy"]);
      expect(JSON.stringify(ch.change.after)).toContain(":*:");
    }
    // Every other resource stays (or moves); none is created, updated, replaced or destroyed.
    expect(changes.filter((ch) => !widened.includes(ch) && !ch.change.actions.every((a) => a === "no-op" || a === "read")).map((ch) => `${ch.address}: ${ch.change.actions.join("/")}`)).toEqual([]);
    expect(plan.output).toMatch(widened.length > 0 ? new RegExp(`0 to add, ${widened.length} to change, 0 to destroy`) : /No changes\.|0 to add, 0 to change, 0 to destroy/);
  }, 300_000);

  // Fixed with this generator: c's group is in c's own region (us-east-1), and a caller whose
  // aws.accepter (or aws.requester, in the same account) is in us-east-1 made another group of
  // that name there: the apply failed. Now a group exists only where no earlier group (requester's
  // first, requester's regionals, accepter's first, accepter's regionals) is, and the flow logs of
  // one that does not write to the one that does.
  const COLLIDING = [
    { caller: "accepter in us-east-1", requester: "us-west-2", accepter: "us-east-1", moved: "vpc-b_subnet-10-0-0-0-24", there: 'aws_cloudwatch_log_group.flow-logs-accepter_log-group["own"]' },
    { caller: "requester in us-east-1", requester: "us-east-1", accepter: "us-west-2", moved: "vpc-a_subnet-172-16-0-0-24", there: "aws_cloudwatch_log_group.flow-logs_log-group" },
  ] as const;
  withTerraform.each(COLLIDING)("accepter-regional, $caller: today's module makes one group in us-east-1, and c's flow log writes to it", async ({ caller, requester, accepter, moved, there }) => {
    const world = await servedWorld(worldVariant(WORLD, () => undefined));
    const runEnv = { ...env, OFFLINE_AWS_WORLD: world };
    const dir = join(work, `accepter-regional-${caller.replace(/\W+/g, "-")}-today`);
    const moduleDir = join(dir, "module");
    mkdirSync(moduleDir, { recursive: true });
    // The VPC on the provider in us-east-1 names a zone there (the stand-in refuses another
    // region's zone, and the config, whose default region is us-west-2, cannot name one).
    const module = JSON.parse(readFileSync(join(work, "today", "accepter-regional", "main.tf.json"), "utf8")) as { resource: { aws_subnet: Record<string, { availability_zone?: string }> } };
    const subnet = module.resource.aws_subnet[moved];
    expect(subnet.availability_zone).toBe("us-west-2a");
    subnet.availability_zone = "us-east-1a";
    writeFileSync(join(moduleDir, "main.tf.json"), JSON.stringify(module, null, 2));
    const root = join(dir, "root");
    writeCallerRoot({ moduleDir, rootDir: root, region: requester, accepter: { region: accepter }, output: "peering_a_b_id" });
    expect(terraform(root, ["init", "-input=false", "-no-color"], runEnv).code).toBe(0);
    const apply = terraform(root, ["apply", "-input=false", "-auto-approve", "-no-color"], runEnv);
    if (apply.code !== 0) console.log(apply.output.slice(-3000));
    expect(apply.output).toMatch(/Apply complete!/);
    type Made = { address: string; type: string; values: Record<string, unknown> };
    const made = JSON.parse(terraform(root, ["show", "-json"], runEnv).output).values.root_module.child_modules[0].resources as Made[];
    const groups = made.filter((r) => r.type === "aws_cloudwatch_log_group" && r.values.name === "vpc-flow-logs");
    const inUsEast1 = groups.filter((g) => g.values.region === "us-east-1");
    expect(inUsEast1.map((g) => g.address)).toEqual([`module.peering.${there}`]);
    expect(groups.map((g) => g.values.region).sort()).toEqual(["us-east-1", "us-west-2"]);
    const logOfC = made.find((r) => r.address === "module.peering.aws_flow_log.flow-logs-accepter-us-east-1_flow-log-c");
    expect(logOfC?.values.log_destination).toBe(inUsEast1[0].values.arn);
  }, 300_000);

  // Fixed with this generator: a connection across regions named no peer_owner_id when the config
  // put both sides in one account, so an accepter provider of another account could not accept.
  withTerraform("inter-region, accepter in another account: today's module names the accepter provider's account and applies", async () => {
    const world = await servedWorld(worldVariant(WORLD, () => undefined));
    const runEnv = { ...env, OFFLINE_AWS_WORLD: world };
    const dir = join(work, "inter-region-other-account-today");
    const moduleDir = join(dir, "module");
    mkdirSync(moduleDir, { recursive: true });
    copyFileSync(join(work, "today", "inter-region", "main.tf.json"), join(moduleDir, "main.tf.json"));
    const root = join(dir, "root");
    writeCallerRoot({ moduleDir, rootDir: root, accepter: ACCEPTER[`accepter in account ${OTHER_ACCOUNT}`], output: "peering_oregon_ireland_id" });
    expect(terraform(root, ["init", "-input=false", "-no-color"], runEnv).code).toBe(0);
    const apply = terraform(root, ["apply", "-input=false", "-auto-approve", "-no-color"], runEnv);
    expect(apply.output).toMatch(/Apply complete!/);
    const connection = JSON.parse(terraform(root, ["show", "-json"], runEnv).output).values.root_module.child_modules[0].resources.find((r: { type: string }) => r.type === "aws_vpc_peering_connection");
    expect(connection.values.peer_owner_id).toBe(OTHER_ACCOUNT);
  }, 300_000);
});

// `npm run offline -- deploy` interrupted mid-apply, and two deploys of one stack at once: nothing
// the stand-in created may go missing from the state, and no lock may stay behind. The stand-in
// takes OFFLINE_AWS_APPLY_DELAY_MS per resource, as AWS takes seconds, so there is an apply in
// flight to interrupt or to contend with.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../testing/offline-aws/build";
import { describeWithTerraform } from "../../testing/offline-aws/jest";
import { leftoverLocks } from "../../testing/offline-aws/locks";

const plain = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g"), "");
const managed = (state: { resources: { mode: string }[] }) => state.resources.filter((r) => r.mode === "managed");

interface Run {
  readonly pid: number;
  output(): string;
  /** Resolves once `pattern` shows in the output. */
  waitFor(pattern: RegExp): Promise<void>;
  readonly done: Promise<number | null>;
}

/** `npm run offline -- --sandbox <dir> <args>`, as npm runs it, in a process group of its own. */
function offline(sandbox: string, args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [join(repoRoot(), "scripts", "app.cjs"), "--packages=external", "scripts/offline.ts", "--sandbox", sandbox, ...args], {
    cwd: repoRoot(),
    detached: true,
    env: { ...process.env, CI: "1", FORCE_COLOR: "0", CHECKPOINT_DISABLE: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(plain(out))) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return {
    pid: child.pid!,
    output: () => plain(out),
    waitFor: (pattern) => new Promise((resolve) => (pattern.test(plain(out)) ? resolve() : waiters.push({ pattern, resolve }))),
    done: new Promise((resolve) => child.on("close", (code) => resolve(code))),
  };
}

describeWithTerraform("npm run offline: interrupts and concurrent deploys lose nothing", () => {
  jest.setTimeout(120_000);
  const stateObject = (sandbox: string) => join(sandbox, "s3", "vpc-peering-lab-tfstate", "vpc-peering", "lab.tfstate._S3rver_object");

  // An interrupt as a CI runner sends it, to the run's process group. (To the run alone, kill -INT,
  // takes the same path: the run forwards it to Terraform once. Under a pseudo-terminal made with
  // util-linux `script`, a typed Ctrl-C interrupted no process of the run and the apply completed,
  // so the terminal case is not asserted here.)
  it("an interrupt during apply: Terraform finishes what is in flight and writes it to the state, the lock is released, and the next plan picks up the rest", async () => {
    const work = mkdtempSync(join(tmpdir(), "offline-interrupt-"));
    const sandbox = join(work, "sandbox");
    const deploy = offline(sandbox, ["deploy", "lab", "--auto-approve", "--output", join(work, "cdktf.out")], { OFFLINE_AWS_APPLY_DELAY_MS: "2500" });
    await deploy.waitFor(/Creating\.\.\./);
    process.kill(-deploy.pid, "SIGINT");
    const code = await deploy.done;
    expect(code).not.toBe(0);
    expect(deploy.output()).toMatch(/waiting for Terraform \(pid \d+\) to finish the operations in flight and write its state/);
    const state = JSON.parse(readFileSync(stateObject(sandbox), "utf8"));
    const created = managed(state).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(8);
    expect(leftoverLocks(join(sandbox, "s3"))).toEqual([]);

    const plan = offline(sandbox, ["diff", "lab", "--output", join(work, "cdktf.out")]);
    expect(await plan.done).toBe(0);
    expect(plan.output()).toContain(`Plan: ${8 - created} to add, 0 to change, 0 to destroy.`);
  });

  it("two deploys of one stack at once: the second stops with Terraform's lock error, the first applies everything and releases the lock", async () => {
    const work = mkdtempSync(join(tmpdir(), "offline-lock-"));
    const sandbox = join(work, "sandbox");
    // The first holds the lock through its apply (about 3 waves of 4 s): the second's plan comes then.
    const first = offline(sandbox, ["deploy", "lab", "--auto-approve", "--output", join(work, "a")], { OFFLINE_AWS_APPLY_DELAY_MS: "4000" });
    await first.waitFor(/Creating\.\.\./);
    const second = offline(sandbox, ["deploy", "lab", "--auto-approve", "--output", join(work, "b")]);
    const [firstCode, secondCode] = await Promise.all([first.done, second.done]);
    expect(second.output()).toMatch(/Error acquiring the state lock/);
    expect(secondCode).not.toBe(0);
    if (firstCode !== 0) console.log(first.output().slice(-3000));
    expect(firstCode).toBe(0);
    expect(managed(JSON.parse(readFileSync(stateObject(sandbox), "utf8")))).toHaveLength(8);
    expect(leftoverLocks(join(sandbox, "s3"))).toEqual([]);
    expect(existsSync(join(sandbox, "s3", ".conditional-write"))).toBe(false);
  });
});

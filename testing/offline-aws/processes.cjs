// Which Terraform processes a cdktf run started, and waiting for them (Linux /proc; elsewhere
// nothing is found). Plain CommonJS: `npm run offline` uses it, and it is also preloaded into the
// cdktf CLI (NODE_OPTIONS=--require), where it keeps cdktf's interrupt handlers from running
// while Terraform does.
//
// Why: cdktf answers SIGINT/SIGTERM by aborting, which kills Terraform at once, before Terraform
// has written the state of what it was creating, and leaves the state lock behind. Terraform
// handles an interrupt itself (it finishes the operations in flight, writes state, unlocks and
// exits non-zero); Ctrl-C reaches it directly, as it is in the terminal's foreground group. So
// while a Terraform process runs below cdktf, cdktf's own handlers are skipped, and cdktf ends
// when Terraform does, reporting its failure. With no Terraform running they run as usual.
"use strict";
const fs = require("fs");

function processes() {
  let entries;
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const list = [];
  for (const e of entries) {
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      list.push({ pid: Number(e), ppid: Number(stat.slice(close + 2).split(" ")[1]), name: stat.slice(stat.indexOf("(") + 1, close) });
    } catch {
      // exited while we looked
    }
  }
  return list;
}

/** The pids of the processes named `name` below `root` (children, grandchildren, ...). */
function descendantsNamed(root, name) {
  const all = processes();
  const below = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== root && below.has(p.pid) && p.name === name).map((p) => p.pid);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** Resolves once none of `pids` runs any more. */
async function waitForExit(pids, pollMs = 100) {
  while (pids.some(alive)) await new Promise((r) => setTimeout(r, pollMs));
}

/** In the cdktf CLI: its SIGINT/SIGTERM listeners run only while no Terraform runs below it. */
function deferInterruptsToTerraform() {
  const signals = new Set(["SIGINT", "SIGTERM"]);
  for (const method of ["on", "addListener", "once", "prependListener"]) {
    const original = process[method];
    process[method] = function (event, listener) {
      if (!signals.has(event) || typeof listener !== "function") return original.call(this, event, listener);
      return original.call(this, event, function (...args) {
        if (descendantsNamed(process.pid, "terraform").length > 0) return;
        return listener.apply(this, args);
      });
    };
  }
}

module.exports = { descendantsNamed, waitForExit, deferInterruptsToTerraform };
if (process.env.OFFLINE_DEFER_INTERRUPTS === "1" && require.main !== module) {
  // Only the cdktf CLI itself: not the app it runs or anything else started below it.
  delete process.env.OFFLINE_DEFER_INTERRUPTS;
  deferInterruptsToTerraform();
}

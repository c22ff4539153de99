// Variations of a world fixture for tests: start from a file, change what the test is about.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { World } from "./provider/world";

export function readWorld(file: string): World {
  return JSON.parse(fs.readFileSync(file, "utf8")) as World;
}

/** Writes `change(copy of file)` to a temp file and returns its path. */
export function worldVariant(file: string, change: (w: World) => void): string {
  const w = readWorld(file);
  change(w);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-aws-world-"));
  const out = path.join(dir, path.basename(file));
  fs.writeFileSync(out, JSON.stringify(w, null, 2));
  return out;
}

/** The VPC record tagged Name=<name>. */
export function vpcNamed(w: World, name: string): Record<string, unknown> {
  const v = (w.vpcs ?? []).find((r) => r.tags?.Name === name);
  if (!v) throw new Error(`world has no VPC named ${name}`);
  return v;
}

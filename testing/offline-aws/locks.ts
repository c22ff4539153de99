// Terraform's S3 state locks (use_lockfile) as the sandbox's s3rver stores them: an object
// `<key>.tflock` whose body names the lock's ID, kept as `<key>.tflock._S3rver_object` plus
// s3rver's metadata files in its data directory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface LeftoverLock {
  /** bucket/key of the lock object */
  readonly object: string;
  readonly id: string;
  /** The files that make up the object in s3rver's directory (remove them to release the lock). */
  readonly files: string[];
}

const SUFFIX = ".tflock._S3rver_object";

/** Every lock object under s3rver's data directory `dataDir`. */
export function leftoverLocks(dataDir: string): LeftoverLock[] {
  if (!existsSync(dataDir)) return [];
  const found: LeftoverLock[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(SUFFIX)) {
        let id = "unknown";
        try {
          id = String(JSON.parse(readFileSync(file, "utf8")).ID ?? id);
        } catch {
          // not JSON: still a lock
        }
        const base = file.slice(0, -"._S3rver_object".length);
        const files = [file, `${file}.md5`, `${base}._S3rver_metadata.json`].filter((f) => existsSync(f));
        found.push({ object: relative(dataDir, base), id, files });
      }
    }
  };
  walk(dataDir);
  return found;
}

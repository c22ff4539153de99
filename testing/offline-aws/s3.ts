// A loopback S3 (s3rver) for Terraform's S3 backend in tests. s3rver ignores conditional
// writes (If-None-Match), so S3 native state locking (use_lockfile) is NOT enforced by it:
// only the state round trip can be tested against it, never lock contention.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface LoopbackS3 {
  endpoint: string;
  /** s3rver's fixed credentials */
  accessKey: string;
  secretKey: string;
  bucket: string;
  dir: string;
  /** The stored object body for a key, or undefined. */
  readObject(key: string): string | undefined;
  close(): Promise<void>;
}

export async function startLoopbackS3(bucket = "tf-state"): Promise<LoopbackS3> {
  const S3rver = require("s3rver");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: "S3RVER",
    secretKey: "S3RVER",
    bucket,
    dir,
    readObject(key: string) {
      const file = path.join(dir, bucket, `${key}._S3rver_object`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The services Terraform's S3 backend talks to, on loopback, for the offline sandbox
// (`npm run offline`): s3rver for the state objects (kept in a directory between runs) and an
// answer to STS GetCallerIdentity, which the backend asks before it touches S3 (credential
// validation). The backend is pointed at them through the environment only
// (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_STS), so the synthesized JSON stays exactly what
// `npm run synth` writes. Without `use_path_style` (which has no environment variable) the SDK
// asks for <bucket>.s3.sandbox.test, a name no DNS knows: HTTP_PROXY sends those requests to
// s3rver itself, which reads the bucket from the Host header (its virtual-host support). The
// STS endpoint is a loopback IP, which Go never proxies.
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";

export interface SandboxServices {
  /** Environment for terraform (and cdktf) so the S3 backend uses these services. */
  readonly env: Record<string, string>;
  readonly s3Endpoint: string;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Where s3rver keeps buckets and objects between runs. */
  readonly dataDir: string;
  /** Buckets that must exist (the config's state bucket). */
  readonly buckets: readonly string[];
  /** Account the STS answer names. @default 123456789012 */
  readonly accountId?: string;
}


/** A reserved name (RFC 6761 .test): it never resolves, so nothing leaves the machine. */
const SERVICE_DOMAIN = "sandbox.test";

export async function startSandboxServices(options: SandboxOptions): Promise<SandboxServices> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const S3rver = require("s3rver");
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: options.dataDir,
    serviceEndpoint: SERVICE_DOMAIN,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port: s3Port } = (await s3.run()) as { port: number };
  const account = options.accountId ?? "123456789012";
  const sts = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "text/xml" });
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
          `<Arn>arn:aws:iam::${account}:user/offline-sandbox</Arn><UserId>AIDAOFFLINESANDBOX01</UserId><Account>${account}</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, "127.0.0.1", resolve));
  const stsPort = (sts.address() as AddressInfo).port;
  const s3Endpoint = `http://s3.${SERVICE_DOMAIN}`;
  return {
    s3Endpoint,
    env: {
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      HTTP_PROXY: `http://127.0.0.1:${s3Port}`,
      http_proxy: `http://127.0.0.1:${s3Port}`,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${stsPort}`,
      // s3rver's fixed credentials; the stand-in provider ignores credentials.
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    async close() {
      await new Promise<void>((resolve) => sts.close(() => resolve()));
      await s3.close();
    },
  };
}

/** The cdktf commands that run `terraform providers lock` unless told not to. */
const LOCKING_COMMANDS = ["deploy", "diff", "destroy", "output"];

/**
 * The cdktf arguments for an offline run: cdktf's provider lock asks registry.terraform.io for
 * checksums (it ignores the filesystem mirror), so the commands that lock get
 * --skip-provider-lock.
 */
export function offlineCdktfArgs(args: readonly string[]): string[] {
  const locks = LOCKING_COMMANDS.includes(args[0]) && !args.includes("--skip-provider-lock");
  return locks ? [...args, "--skip-provider-lock"] : [...args];
}

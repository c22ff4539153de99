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
import * as path from "path";
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
  const front = await startConditionalWrites(options.dataDir, s3Port);
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
      HTTP_PROXY: `http://127.0.0.1:${front.port}`,
      http_proxy: `http://127.0.0.1:${front.port}`,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${stsPort}`,
      // s3rver's fixed credentials; the stand-in provider ignores credentials.
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    async close() {
      await new Promise<void>((resolve) => sts.close(() => resolve()));
      await front.close();
      await s3.close();
    },
  };
}

/**
 * s3rver ignores conditional writes, and Terraform's S3 lock is one: it writes `<key>.tflock`
 * with `If-None-Match: *` and takes a 412 as "locked". This front answers that header the way S3
 * does and passes everything else through. Every `npm run offline` starts its own s3rver on the
 * same directory, so the check-then-write is serialized across processes with a directory
 * created in the data directory (mkdir is atomic).
 */
async function startConditionalWrites(dataDir: string, s3Port: number): Promise<{ port: number; close(): Promise<void> }> {
  const mutex = path.join(dataDir, ".conditional-write");
  const acquire = async () => {
    for (const started = Date.now(); ; ) {
      try {
        fs.mkdirSync(mutex);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        // A holder that died mid-write leaves the directory: a write takes milliseconds.
        if (Date.now() - started > 5_000) fs.rmSync(mutex, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, done: () => void = () => undefined) => {
    const upstream = http.request({ host: "127.0.0.1", port: s3Port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("end", done);
    });
    upstream.on("error", (err) => {
      done();
      res.writeHead(502).end(String(err));
    });
    req.pipe(upstream);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== "PUT" || req.headers["if-none-match"] !== "*") return forward(req, res);
    const object = objectFile(dataDir, req);
    void acquire().then(() => {
      const release = () => fs.rmSync(mutex, { recursive: true, force: true });
      if (object !== undefined && fs.existsSync(object)) {
        release();
        req.resume();
        res.writeHead(412, { "Content-Type": "application/xml" });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>`);
        return;
      }
      forward(req, res, release);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where s3rver keeps the object a request names: virtual-host (<bucket>.s3...) or path style. */
function objectFile(dataDir: string, req: http.IncomingMessage): string | undefined {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? SERVICE_DOMAIN}`);
  const host = url.hostname;
  const parts = decodeURIComponent(url.pathname).split("/").filter(Boolean);
  const virtual = host.endsWith(`.s3.${SERVICE_DOMAIN}`) ? host.slice(0, -`.s3.${SERVICE_DOMAIN}`.length) : undefined;
  const [bucket, key] = virtual ? [virtual, parts.join("/")] : [parts[0], parts.slice(1).join("/")];
  if (!bucket || !key || key.split("/").includes("..")) return undefined;
  return path.join(dataDir, bucket, `${key}._S3rver_object`);
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

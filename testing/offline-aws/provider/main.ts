// Entry point of the stand-in provider process (bundled by esbuild into the build cache).
// Launched by Terraform: go-plugin handshake (check the magic cookie, serve gRPC over mTLS on
// loopback, print the handshake line on stdout). With --serve: a long-lived server that Terraform
// reattaches to (see ../server.ts). Everything else goes to stderr.
import * as grpc from "@grpc/grpc-js";
import * as fs from "fs";
import * as path from "path";
import type { ProviderSchema } from "../schema/types";
import * as protoLoader from "@grpc/proto-loader";
import { createHandlers } from "./rpc";
import { loadWorld } from "./world";

const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const home = __dirname; // the build cache directory: schema.json, descriptor.json and TLS material live here

/** Encodings of frozen responses (the schema): the same bytes every time, so made once. */
const encodedOnce = new WeakMap<object, Buffer>();

/**
 * A grpc-js service definition from the build's descriptor, through @grpc/proto-loader (40-70 ms
 * more per start than a hand-written codec; see ../README.md). Frozen responses
 * (GetProviderSchema's, asked for by every command) keep their encoding: 6-7 ms each.
 */
function service(descriptor: object, name: string): grpc.ServiceDefinition {
  const definition = protoLoader.fromJSON(descriptor as Parameters<typeof protoLoader.fromJSON>[0], { keepCase: true, enums: String, longs: Number, defaults: false })[name] as grpc.ServiceDefinition;
  return Object.fromEntries(Object.entries(definition).map(([method, d]) => {
    const serialize = d.responseSerialize as (o: object) => Buffer;
    return [method, {
      ...d,
      responseSerialize: (o: object) => {
        if (!Object.isFrozen(o)) return serialize(o);
        let bytes = encodedOnce.get(o);
        if (!bytes) encodedOnce.set(o, (bytes = serialize(o)));
        return bytes;
      },
    }];
  }));
}

function unary(fn: (req: any) => any): grpc.handleUnaryCall<any, any> {
  return (call, callback) => {
    try {
      callback(null, fn(call.request));
    } catch (e) {
      process.stderr.write(`offline-aws: ${(e as Error).stack}\n`);
      callback({ code: grpc.status.INTERNAL, details: (e as Error).message });
    }
  };
}

function loadFiles(): { schema: ProviderSchema; descriptor: object } {
  return {
    schema: JSON.parse(fs.readFileSync(path.join(home, "schema.json"), "utf8")) as ProviderSchema,
    descriptor: JSON.parse(fs.readFileSync(path.join(home, "descriptor.json"), "utf8")) as object,
  };
}

const newServer = () => new grpc.Server({ "grpc.max_receive_message_length": 256 << 20, "grpc.max_send_message_length": 256 << 20 });

function main(): void {
  if (process.argv[2] === "--serve") return serve();
  if (process.env.TF_PLUGIN_MAGIC_COOKIE !== COOKIE) {
    process.stderr.write("This binary is a plugin. These are not meant to be executed directly.\n");
    process.exit(1);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) {
    process.stderr.write("offline-aws: PLUGIN_CLIENT_CERT is not set; only AutoMTLS is supported\n");
    process.exit(1);
  }
  const { schema, descriptor } = loadFiles();
  const handlers = createHandlers(schema, loadWorld());
  const server = newServer();
  server.addService(service(descriptor, "tfplugin6.Provider"), Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, unary(h)])));
  server.addService(service(descriptor, "plugin.GRPCController"), {
    Shutdown: (_call: unknown, cb: grpc.sendUnaryData<object>) => {
      cb(null, {});
      setImmediate(() => process.exit(0));
    },
  });

  const cert = fs.readFileSync(path.join(home, "server-cert.pem"));
  const key = fs.readFileSync(path.join(home, "server-key.pem"));
  const creds = grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ cert_chain: cert, private_key: key }], true);
  server.bindAsync("127.0.0.1:0", creds, (err, port) => {
    if (err) {
      process.stderr.write(`offline-aws: ${err.message}\n`);
      process.exit(1);
    }
    const der = Buffer.from(cert.toString("utf8").replace(/-----[^-]+-----|\s/g, ""), "base64");
    process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${der.toString("base64").replace(/=+$/, "")}\n`);
  });
  // Ctrl-C reaches the whole process group; Terraform then calls Shutdown itself.
  process.on("SIGINT", () => undefined);
}

/**
 * Long-lived mode, for test runs: Terraform runs that name this process in TF_REATTACH_PROVIDERS
 * use it instead of starting a provider each. Terraform opens one connection per provider
 * configuration and configures it (region, assumed account), so handlers are kept per
 * connection. Plain gRPC on loopback: reattached clients do no TLS. Prints the
 * TF_REATTACH_PROVIDERS value; exits when stdin closes (its parent is gone).
 */
function serve(): void {
  const { schema, descriptor } = loadFiles();
  const world = loadWorld();
  const byConnection = new Map<string, ReturnType<typeof createHandlers>>();
  const handlersFor = (peer: string) => {
    let h = byConnection.get(peer);
    if (!h) {
      // A connection's port is only reused after it closed; keep the map from growing without end.
      if (byConnection.size >= 1000) byConnection.delete(byConnection.keys().next().value!);
      byConnection.set(peer, (h = createHandlers(schema, world)));
    }
    return h;
  };
  const methods = Object.keys(createHandlers(schema, world));
  // How long each apply takes, for tests of what an interrupt or a second run does mid-apply
  // (AWS takes seconds per resource; the stand-in answers at once). @default 0
  const applyDelay = Number(process.env.OFFLINE_AWS_APPLY_DELAY_MS ?? 0);
  const server = newServer();
  server.addService(service(descriptor, "tfplugin6.Provider"), Object.fromEntries(methods.map((name) => [name,
    (call: grpc.ServerUnaryCall<any, any>, cb: grpc.sendUnaryData<any>) => {
      const answer = () => unary(handlersFor(call.getPeer())[name])(call, cb);
      if (name === "ApplyResourceChange" && applyDelay > 0) setTimeout(answer, applyDelay);
      else answer();
    },
  ])));
  // A reattached provider outlives each run: Terraform's Shutdown is acknowledged, not obeyed.
  server.addService(service(descriptor, "plugin.GRPCController"), { Shutdown: (_call: unknown, cb: grpc.sendUnaryData<object>) => cb(null, {}) });
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`offline-aws: ${err.message}\n`);
      process.exit(1);
    }
    const reattach = {
      "registry.terraform.io/hashicorp/aws": { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } },
    };
    process.stdout.write(`${JSON.stringify(reattach)}\n`);
  });
  process.stdin.on("end", () => process.exit(0)).resume();
  process.on("SIGINT", () => undefined);
}

main();

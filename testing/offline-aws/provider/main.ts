// Entry point of the stand-in provider process (bundled by esbuild into the build cache).
// go-plugin handshake: check the magic cookie, serve gRPC over mTLS on loopback, print the
// handshake line on stdout. Everything else goes to stderr, which Terraform logs.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import * as fs from "fs";
import * as path from "path";
import type { ProviderSchema } from "../schema/types";
import { createHandlers } from "./rpc";
import { loadWorld } from "./world";

const COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const home = __dirname; // the build cache directory: schema.json, protos and TLS material live here

function load(file: string): grpc.GrpcObject {
  const def = protoLoader.loadSync(path.join(home, file), { keepCase: true, enums: String, longs: Number, defaults: false, oneofs: true });
  return grpc.loadPackageDefinition(def);
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

function main(): void {
  if (process.env.TF_PLUGIN_MAGIC_COOKIE !== COOKIE) {
    process.stderr.write("This binary is a plugin. These are not meant to be executed directly.\n");
    process.exit(1);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) {
    process.stderr.write("offline-aws: PLUGIN_CLIENT_CERT is not set; only AutoMTLS is supported\n");
    process.exit(1);
  }
  const schema = JSON.parse(fs.readFileSync(path.join(home, "schema.json"), "utf8")) as ProviderSchema;
  const handlers = createHandlers(schema, loadWorld());
  const tf = load("tfplugin6-subset.proto") as any;
  const plug = load("go-plugin-subset.proto") as any;

  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 << 20, "grpc.max_send_message_length": 256 << 20 });
  server.addService(tf.tfplugin6.Provider.service, Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, unary(h)])));
  server.addService(plug.plugin.GRPCController.service, {
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

main();

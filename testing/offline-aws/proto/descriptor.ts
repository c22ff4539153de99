// Build time: parse our .proto subsets once into protobufjs's JSON form, which the provider
// process hands to @grpc/proto-loader (fromJSON) without parsing .proto text at each start.
import * as fs from "fs";

/** protobufjs's JSON descriptor (INamespace) of `files`, field names as written. */
export function protoDescriptor(files: string[]): object {
  // protobufjs comes with @grpc/proto-loader; the provider loads it through proto-loader.
  const pb = require(require.resolve("protobufjs", { paths: [require.resolve("@grpc/proto-loader")] }));
  const root = new pb.Root();
  for (const f of files) pb.parse(fs.readFileSync(f, "utf8"), root, { keepCase: true });
  root.resolveAll();
  return root.toJSON();
}

// Build time: turn our .proto files into the small JSON descriptor the provider's own codec
// reads, so the provider process never loads a protobuf library (faster start, ~5 per command).
import * as fs from "fs";
import type { Descriptor, FieldDesc } from "../provider/protobuf";

export function protoDescriptor(files: string[]): Descriptor {
  // protobufjs comes with @grpc/proto-loader; it is only needed here, at build time.
  const pb = require(require.resolve("protobufjs", { paths: [require.resolve("@grpc/proto-loader")] }));
  const root = new pb.Root();
  for (const f of files) pb.parse(fs.readFileSync(f, "utf8"), root, { keepCase: true });
  root.resolveAll();
  const out: Descriptor = { messages: {}, services: {} };
  const visit = (ns: any): void => {
    for (const child of ns.nestedArray ?? []) {
      if (child instanceof pb.Type) {
        out.messages[child.fullName] = child.fieldsArray.map((f: any): FieldDesc => {
          const d: FieldDesc = { name: f.name, id: f.id, type: f.type };
          if (f.resolvedType instanceof pb.Type) {
            d.type = "message";
            d.msg = f.resolvedType.fullName;
          }
          if (f.resolvedType instanceof pb.Enum) {
            d.type = "enum";
            d.values = f.resolvedType.values;
          }
          if (f.repeated) d.repeated = true;
          if (f.map) d.map = true; // always map<string, Message> in our subset
          return d;
        });
      }
      if (child instanceof pb.Service) {
        out.services[child.fullName.slice(1)] = child.methodsArray.map((m: any) => ({
          name: m.name, req: m.resolvedRequestType.fullName, res: m.resolvedResponseType.fullName,
        }));
      }
      visit(child);
    }
  };
  visit(root);
  return out;
}

import { z } from "zod";
import { topologySchema } from "./schema";

/** The topology schema as JSON Schema text, for editors (yaml-language-server, VS Code). */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(topologySchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: "VPC peering topology", $id: "topology.schema.json" }, null, 2)}\n`;
}

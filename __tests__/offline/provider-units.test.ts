// Pure pieces of the stand-in provider: CIDR checks, cty msgpack, schema diff, world matching.
import { cidrProblem } from "../../testing/offline-aws/provider/cidr";
import { decodeValue, encodeValue, UNKNOWN } from "../../testing/offline-aws/provider/cty";
import { wildcardMatch } from "../../testing/offline-aws/provider/world";
import { diffBlocks } from "../../testing/offline-aws/schema/compare";

describe("cidrProblem", () => {
  it.each(["10.0.0.0/16", "0.0.0.0/0", "192.168.1.128/25"])("accepts IPv4 %s", (c) => expect(cidrProblem("cidr_block", c, 4)).toBeUndefined());
  it.each(["2600:1f14:abc:de00::/56", "::/0"])("accepts IPv6 %s", (c) => expect(cidrProblem("ipv6_cidr_block", c, 6)).toBeUndefined());
  it.each(["10.0.0.0", "10.0.0.0/33", "10.0.0/16", "256.0.0.0/8", "2600::/56"])("rejects IPv4 %s", (c) => expect(cidrProblem("cidr_block", c, 4)).toMatch(/not a valid IPv4/));
  it("names the network address when host bits are set", () => {
    expect(cidrProblem("cidr_block", "10.0.1.0/16", 4)).toMatch(/did you mean 10\.0\.0\.0\/16/);
    expect(cidrProblem("ipv6_cidr_block", "2600:1f14:abc:de01::/56", 6)).toMatch(/did you mean 2600:1f14:abc:de00::\/56/);
  });
});

describe("cty msgpack", () => {
  it("encodes unknown as extension 0 and fills absent attributes with null", () => {
    const bytes = encodeValue({ id: UNKNOWN, tags: { a: "b" } }, ["object", { id: "string", tags: ["map", "string"], arn: "string" }]);
    expect(bytes.includes(Buffer.from([0xd4, 0, 0]))).toBe(true);
    expect(decodeValue(bytes)).toEqual({ id: UNKNOWN, tags: { a: "b" }, arn: null });
  });
  it("treats refined unknowns (extension 12) as unknown", () => {
    expect(decodeValue(Uint8Array.from([0xd4, 12, 0]))).toBe(UNKNOWN);
  });
});

describe("diffBlocks", () => {
  it("reports flag, type and nesting differences", () => {
    const ours = { attributes: { a: { type: "string", optional: true } }, block_types: { b: { nesting_mode: "list", block: {} } } };
    const real = { attributes: { a: { type: "number", required: true } }, block_types: { b: { nesting_mode: "set", block: {} } } };
    expect(diffBlocks(ours, real, "t")).toEqual([
      "t.a: required is false, real true", "t.a: optional is true, real false", 't.a: type "string", real "number"', "t.b: nesting_mode list, real set",
    ]);
  });
});

describe("AWS filter wildcards", () => {
  it("supports * and ?", () => {
    expect(wildcardMatch("web-*", "web-vpc")).toBe(true);
    expect(wildcardMatch("web-vp?", "web-vpc")).toBe(true);
    expect(wildcardMatch("web", "web-vpc")).toBe(false);
  });
});

describe("plan and apply of a managed resource", () => {
  const { applyResource, planResource } = require("../../testing/offline-aws/provider/resources") as typeof import("../../testing/offline-aws/provider/resources");
  const block = {
    attributes: {
      id: { type: "string" as const, optional: true, computed: true },
      vpc_id: { type: "string" as const, required: true },
      accept_status: { type: "string" as const, computed: true },
      region: { type: "string" as const, optional: true, computed: true },
      tags: { type: ["map", "string"] as ["map", "string"], optional: true },
      tags_all: { type: ["map", "string"] as ["map", "string"], optional: true, computed: true },
    },
    block_types: {},
  };
  const proposed = { id: null, vpc_id: "vpc-1", accept_status: null, region: null, tags: { Name: "x" }, tags_all: null };

  it("plans null computed attributes as unknown, region and tags_all as the real provider does", () => {
    expect(planResource(block, proposed, "us-west-2")).toEqual({ ...proposed, id: UNKNOWN, accept_status: UNKNOWN, region: "us-west-2", tags_all: { Name: "x" } });
  });

  it("applies deterministically: same config, same fake id", () => {
    const planned = planResource(block, proposed, "us-west-2");
    const a = applyResource("aws_vpc_peering_connection", block, planned, "us-west-2", "123456789012") as Record<string, unknown>;
    const b = applyResource("aws_vpc_peering_connection", block, planned, "us-west-2", "123456789012");
    expect(a).toEqual(b);
    expect(a.id).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(a.accept_status).toBe("pending-acceptance");
  });
});

describe("data source lookups", () => {
  const { readDataSource } = require("../../testing/offline-aws/provider/data-sources") as typeof import("../../testing/offline-aws/provider/data-sources");
  const { readWorld } = require("../../testing/offline-aws/worlds") as typeof import("../../testing/offline-aws/worlds");
  const { LAB_WORLD } = require("../../testing/offline-aws") as typeof import("../../testing/offline-aws");
  const block = {
    attributes: {
      id: { type: "string" as const, optional: true, computed: true },
      default: { type: "bool" as const, optional: true, computed: true },
      cidr_block: { type: "string" as const, optional: true, computed: true },
      arn: { type: "string" as const, computed: true },
      tags: { type: ["map", "string"] as ["map", "string"], optional: true, computed: true },
      main_route_table_id: { type: "string" as const, computed: true },
    },
    block_types: { filter: { nesting_mode: "set" as const, block: { attributes: {}, block_types: {} } } },
  };
  const read = (config: Record<string, unknown>) =>
    readDataSource("aws_vpc", block, { id: null, default: null, cidr_block: null, tags: null, filter: [], ...config } as any, readWorld(LAB_WORLD), "us-west-2");

  it("matches tags and derived attributes (default = false) and fills the rest plausibly", () => {
    const { state, diagnostics } = read({ tags: { Name: "api-vpc" }, default: false });
    expect(diagnostics).toEqual([]);
    expect(state).toMatchObject({ id: "vpc-0a1b2c3d4e5f60002", cidr_block: "10.1.0.0/16", arn: "arn:aws:ec2:us-west-2:123456789012:vpc/vpc-0a1b2c3d4e5f60002" });
    expect(state!.main_route_table_id).toMatch(/^rtb-[0-9a-f]{17}$/);
  });

  it("matches filters with wildcards, and reports several matches", () => {
    const { diagnostics } = read({ filter: [{ name: "tag:Name", values: ["*-vpc"] }] });
    expect(diagnostics[0].detail).toMatch(/multiple EC2 VPCs matched/);
  });
});

describe("the provider's protobuf messages (our .proto subset through @grpc/proto-loader)", () => {
  const { protoDescriptor } = require("../../testing/offline-aws/proto/descriptor") as typeof import("../../testing/offline-aws/proto/descriptor");
  const protoLoader = require("@grpc/proto-loader") as typeof import("@grpc/proto-loader");
  const path = require("path") as typeof import("path");
  const d = protoDescriptor(["tfplugin6-subset.proto", "go-plugin-subset.proto"].map((f) => path.join(__dirname, "../../testing/offline-aws/proto", f)));
  // The options the provider uses (provider/main.ts).
  const provider = protoLoader.fromJSON(d as Parameters<typeof protoLoader.fromJSON>[0], { keepCase: true, enums: String, longs: Number, defaults: false })["tfplugin6.Provider"] as Record<string, { responseSerialize(o: object): Buffer; responseDeserialize(b: Buffer): object; requestDeserialize(b: Buffer): object }>;

  it("round-trips maps, nested messages, enums, bytes and a zero list index", () => {
    const msg = {
      resource_schemas: { aws_x: { version: 1, block: { attributes: [{ name: "id", type: Buffer.from('"string"'), computed: true }], block_types: [{ type_name: "b", nesting: "LIST", max_items: 1 }] } } },
      diagnostics: [{ severity: "ERROR", summary: "s", attribute: { steps: [{ attribute_name: "a" }, { element_key_int: 0 }] } }],
    };
    const schema = provider.GetProviderSchema;
    expect(schema.responseDeserialize(schema.responseSerialize(msg))).toEqual(msg);
  });

  it("skips fields it does not declare", () => {
    const extra = Buffer.concat([Buffer.from([0x0a, 0x01, 0x78]), Buffer.from([0x48, 0x05])]); // type_name "x", field 9 varint 5
    expect(provider.ValidateResourceConfig.requestDeserialize(extra)).toEqual({ type_name: "x" });
  });
});

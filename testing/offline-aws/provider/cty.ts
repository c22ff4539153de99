// cty values on the wire (DynamicValue.msgpack): decode to plain JS, encode guided by a type.
// Unknown values are msgpack extension 0 (cty) or 12 (refined unknown since Terraform 1.6).
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";
import type { BlockSchema, CtyType } from "../schema/types";

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Value = null | string | number | boolean | typeof UNKNOWN | Value[] | { [k: string]: Value };

const codec = new ExtensionCodec();
codec.register({ type: 0, encode: (v) => (v === UNKNOWN ? new Uint8Array([0]) : null), decode: () => UNKNOWN });
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

export function decodeValue(bytes: Uint8Array | undefined): Value {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes, { extensionCodec: codec }) as Value;
}

/** The object type Terraform implies for a block (nested blocks become attributes). */
export function blockType(block: BlockSchema): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [k, a] of Object.entries(block.attributes)) attrs[k] = a.type;
  for (const [k, nb] of Object.entries(block.block_types)) {
    const inner = blockType(nb.block);
    attrs[k] = nb.nesting_mode === "single" ? inner : [nb.nesting_mode, inner];
  }
  return ["object", attrs];
}

/** Reshape a JS value to exactly the given type: all object attributes present, nothing extra. */
export function conform(v: Value | undefined, t: CtyType): Value {
  if (v === undefined || v === null) return null;
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof t === "string") {
    if (t === "number" && typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return Number(v);
    if (t === "string" && (typeof v === "number" || typeof v === "boolean")) return String(v);
    if (t === "bool" && typeof v === "string") return v === "true";
    return v;
  }
  const [kind, inner] = t;
  if (kind === "object") {
    const src = v as Record<string, Value>;
    const out: Record<string, Value> = {};
    for (const [k, at] of Object.entries(inner as Record<string, CtyType>)) out[k] = conform(src[k], at);
    return out;
  }
  if (kind === "map") {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v as Record<string, Value>)) out[k] = conform(x, inner as CtyType);
    return out;
  }
  return (v as Value[]).map((x) => conform(x, inner as CtyType));
}

export function encodeValue(v: Value, t: CtyType): Buffer {
  const bytes = encode(conform(v, t), { extensionCodec: codec, forceFloat32: false, ignoreUndefined: false });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function isKnown(v: Value): boolean {
  if (v === UNKNOWN) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (v && typeof v === "object") return Object.values(v).every(isKnown);
  return true;
}

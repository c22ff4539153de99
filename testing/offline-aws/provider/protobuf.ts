// A minimal protobuf codec driven by the descriptor made at build time (proto/descriptor.ts):
// the scalar kinds our subset uses (string, bytes, bool, int64, enum), messages, repeated
// fields and map<string, Message>. Unknown fields are skipped, as protobuf requires.
export interface FieldDesc {
  name: string;
  id: number;
  type: string; // "string" | "bytes" | "bool" | "int64" | "enum" | "message"
  msg?: string;
  values?: Record<string, number>;
  repeated?: boolean;
  map?: boolean;
}

export interface Descriptor {
  messages: Record<string, FieldDesc[]>;
  services: Record<string, Array<{ name: string; req: string; res: string }>>;
}

type Msg = Record<string, any>;

class Writer {
  private parts: Buffer[] = [];
  varint(n: number): void {
    const bytes: number[] = [];
    let v = BigInt.asUintN(64, BigInt(n));
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v) b |= 0x80;
      bytes.push(b);
    } while (v);
    this.parts.push(Buffer.from(bytes));
  }
  tag(id: number, wire: number): void {
    this.varint(id * 8 + wire);
  }
  bytes(b: Buffer): void {
    this.varint(b.length);
    this.parts.push(b);
  }
  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function encodeMessage(d: Descriptor, type: string, obj: Msg): Buffer {
  const w = new Writer();
  for (const f of d.messages[type]) {
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    if (f.map) {
      for (const [k, val] of Object.entries(v as Msg)) {
        const e = new Writer();
        e.tag(1, 2);
        e.bytes(Buffer.from(k, "utf8"));
        e.tag(2, 2);
        e.bytes(encodeMessage(d, f.msg!, val));
        w.tag(f.id, 2);
        w.bytes(e.finish());
      }
    } else for (const item of f.repeated ? (v as unknown[]) : [v]) writeField(d, w, f, item);
  }
  return w.finish();
}

function writeField(d: Descriptor, w: Writer, f: FieldDesc, v: any): void {
  switch (f.type) {
    case "string":
      w.tag(f.id, 2);
      return w.bytes(Buffer.from(String(v), "utf8"));
    case "bytes":
      w.tag(f.id, 2);
      return w.bytes(Buffer.isBuffer(v) ? v : Buffer.from(v));
    case "message":
      w.tag(f.id, 2);
      return w.bytes(encodeMessage(d, f.msg!, v));
    case "enum":
      w.tag(f.id, 0);
      return w.varint(typeof v === "number" ? v : f.values![v] ?? 0);
    default: // bool, int64
      w.tag(f.id, 0);
      return w.varint(typeof v === "boolean" ? Number(v) : Number(v));
  }
}

const ENTRY = "map entry";
const entryFields = (valueType: string): FieldDesc[] => [
  { name: "key", id: 1, type: "string" },
  { name: "value", id: 2, type: "message", msg: valueType },
];

export function decodeMessage(d: Descriptor, type: string, buf: Buffer): Msg {
  const fields = new Map(d.messages[type].map((f) => [f.id, f]));
  const out: Msg = {};
  let pos = 0;
  const varint = (): number => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return Number(BigInt.asIntN(64, result));
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const id = Math.floor(key / 8);
    const wire = key & 7;
    let raw: number | Buffer;
    if (wire === 0) raw = varint();
    else if (wire === 2) {
      const len = varint();
      raw = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) {
      raw = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      raw = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new Error(`protobuf: unsupported wire type ${wire} in ${type}`);
    const f = fields.get(id);
    if (!f) continue;
    let value: any;
    if (f.type === "string") value = (raw as Buffer).toString("utf8");
    else if (f.type === "bytes") value = Buffer.from(raw as Buffer);
    else if (f.map) value = decodeMessage({ ...d, messages: { ...d.messages, [ENTRY]: entryFields(f.msg!) } }, ENTRY, raw as Buffer);
    else if (f.type === "message") value = decodeMessage(d, f.msg!, raw as Buffer);
    else if (f.type === "bool") value = raw !== 0;
    else if (f.type === "enum") value = Object.keys(f.values!).find((k) => f.values![k] === raw) ?? raw;
    else value = raw;
    if (f.map) {
      const entry = value as Msg; // map entries decode as { key, value }
      (out[f.name] ??= {})[entry.key] = entry.value;
    } else if (f.repeated) (out[f.name] ??= []).push(value);
    else out[f.name] = value;
  }
  return out;
}

// Rebuilds a Terraform schema for one @cdktf/provider-aws module from the generated TypeScript
// that the module's inline source map carries. The generator annotates every attribute with
// "// name - computed: x, optional: y, required: z"; synthesizeHclAttributes / *ToHclTerraform
// give the shape of inputs; getters give the types of computed-only attributes.
import * as fs from "fs";
import * as path from "path";
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema } from "./types";

export interface ExtractedType {
  kind: "resource" | "data" | "provider";
  typeName: string;
  block: BlockSchema;
}

interface Flags {
  computed: boolean;
  optional: boolean;
  required: boolean;
}

interface HclEntry {
  value: string;
  isBlock: boolean;
  type: string;
  storageClassType: string;
}

export function generatedSource(libDir: string, name: string): string {
  const js = fs.readFileSync(path.join(libDir, name, "index.js"), "utf8");
  const m = /sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)/.exec(js);
  if (!m) throw new Error(`no inline source map in ${name}/index.js`);
  const map = JSON.parse(Buffer.from(m[1], "base64").toString("utf8"));
  return map.sourcesContent[0] as string;
}

/** Top-level `export class|interface|function NAME` chunks of a generated file. */
function chunks(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /^export (?:class|interface|function) (\w+)/gm;
  const starts: Array<{ name: string; at: number }> = [];
  for (let m = re.exec(src); m; m = re.exec(src)) starts.push({ name: m[1], at: m.index });
  starts.forEach((s, i) => out.set(s.name, src.slice(s.at, i + 1 < starts.length ? starts[i + 1].at : src.length)));
  return out;
}

function hclEntries(text: string): Map<string, HclEntry> {
  const out = new Map<string, HclEntry>();
  const re = /(\w+): \{\s*value: (.*),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.set(m[1], { value: m[2], isBlock: m[3] === "true", type: m[4], storageClassType: m[5] });
  }
  return out;
}

/** name -> flags and the getter's return expression, in declaration order. */
function annotated(classText: string): Map<string, { flags: Flags; getter: string }> {
  const out = new Map<string, { flags: Flags; getter: string }>();
  const re = /\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)\n([\s\S]*?)public get \w+\(\) \{\s*return ([^;]*);/g;
  for (let m = re.exec(classText); m; m = re.exec(classText)) {
    out.set(m[1], {
      flags: { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" },
      getter: m[6].trim(),
    });
  }
  return out;
}

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

export class SourceSchemaReader {
  private readonly parts: Map<string, string>;

  constructor(private readonly src: string) {
    this.parts = chunks(src);
  }

  mainClass(): { name: string; kind: ExtractedType["kind"]; typeName: string } {
    const m = /^export class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider)/m.exec(this.src);
    if (!m) throw new Error("no resource, data source or provider class");
    const t = /public static readonly tfResourceType = "(\w+)"/.exec(this.parts.get(m[1])!);
    const kind = m[2] === "TerraformResource" ? "resource" : m[2] === "TerraformDataSource" ? "data" : "provider";
    return { name: m[1], kind, typeName: t ? t[1] : "aws" };
  }

  extract(): ExtractedType {
    const main = this.mainClass();
    const classText = this.parts.get(main.name)!;
    const method = /synthesizeHclAttributes\(\)[\s\S]*$/.exec(classText)?.[0] ?? "";
    const block = this.block(hclEntries(method), annotated(classText), classText);
    if (main.kind === "provider") delete block.attributes.alias; // a meta-argument, not schema
    return { kind: main.kind, typeName: main.typeName, block };
  }

  /** A block from its input entries, its annotated getters and the text that declares its members. */
  private block(inputs: Map<string, HclEntry>, notes: Map<string, { flags: Flags; getter: string }>, classText: string, structName?: string): BlockSchema {
    const block: BlockSchema = { attributes: {}, block_types: {} };
    const names = new Set([...notes.keys(), ...inputs.keys()]);
    for (const name of names) {
      const entry = inputs.get(name);
      const flags = notes.get(name)?.flags ?? this.structFlags(structName, name);
      // Optional+computed nested blocks are "attributes as blocks" in the SDK: attributes in the schema.
      if (entry?.isBlock && !flags.computed) {
        block.block_types[name] = this.nestedBlock(name, entry, flags, classText);
        continue;
      }
      const type = entry && !entry.isBlock ? this.inputType(entry) : entry ? this.blockAttrType(entry) : this.getterType(notes.get(name)!.getter, classText);
      const attr: AttributeSchema = { type };
      if (flags.required) attr.required = true;
      if (flags.optional) attr.optional = true;
      if (flags.computed) attr.computed = true;
      block.attributes[name] = attr;
    }
    return block;
  }

  /** Provider sub-structs have no annotated class: optional iff `readonly x?:` in the interface. */
  private structFlags(structName: string | undefined, name: string): Flags {
    const iface = structName ? this.parts.get(structName) ?? "" : "";
    const camel = name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    const required = new RegExp(`readonly ${camel}:`).test(iface);
    return { computed: false, optional: !required, required };
  }

  private nestedBlock(name: string, entry: HclEntry, flags: Flags, classText: string): NestedBlockSchema {
    const struct = entry.storageClassType.replace(/(List|Map)$/, "");
    const fn = this.parts.get(`${lowerFirst(struct)}ToHclTerraform`) ?? "";
    const ref = this.parts.get(`${struct}OutputReference`);
    const inner = this.block(hclEntries(fn), ref ? annotated(ref) : new Map(), ref ?? "", struct);
    const out: NestedBlockSchema = { nesting_mode: entry.type === "struct" ? "single" : (entry.type as "list" | "set"), block: inner };
    if (entry.type === "map") out.nesting_mode = "map";
    if (flags.required) out.min_items = 1;
    // A list/set block generated without listMapperHcl is a single struct: MaxItems 1.
    const member = new RegExp(`private _${lowerFirst(name.replace(/_(\\w)/g, (_, c: string) => c.toUpperCase()))} = new (\\w+)\\(`).exec(classText);
    const singleRef = member ? member[1].endsWith("OutputReference") : !/listMapperHcl/.test(entry.value);
    if ((entry.type === "list" || entry.type === "set") && singleRef) out.max_items = 1;
    return out;
  }

  private blockAttrType(e: HclEntry): CtyType {
    const obj = this.objectType(e.storageClassType.replace(/(List|Map)$/, ""));
    return e.type === "struct" ? obj : [e.type as "list" | "set" | "map", obj];
  }

  private inputType(e: HclEntry): CtyType {
    const prim: Record<string, CtyType> = { string: "string", number: "number", boolean: "bool" };
    const base = /^(string|number|boolean)(List|Map)?$/.exec(e.storageClassType);
    if (base) {
      const p = prim[base[1]];
      if (e.type === "simple") return p;
      if (e.type === "list" || e.type === "set" || e.type === "map") return [e.type, p];
    }
    const struct = e.storageClassType.replace(/(List|Map)$/, "");
    const obj = this.objectType(struct);
    if (e.type === "list" || e.type === "set" || e.type === "map") return [e.type, obj];
    return obj;
  }

  private objectType(struct: string): CtyType {
    const fn = this.parts.get(`${lowerFirst(struct)}ToHclTerraform`);
    const ref = this.parts.get(`${struct}OutputReference`);
    const b = this.block(fn ? hclEntries(fn) : new Map(), ref ? annotated(ref) : new Map(), ref ?? "", struct);
    const attrs: Record<string, CtyType> = {};
    for (const [k, a] of Object.entries(b.attributes)) attrs[k] = a.type;
    for (const [k, nb] of Object.entries(b.block_types)) {
      const o = this.blockAsObject(nb.block);
      attrs[k] = nb.nesting_mode === "single" ? o : [nb.nesting_mode, o];
    }
    return ["object", attrs];
  }

  private blockAsObject(b: BlockSchema): CtyType {
    const attrs: Record<string, CtyType> = {};
    for (const [k, a] of Object.entries(b.attributes)) attrs[k] = a.type;
    for (const [k, nb] of Object.entries(b.block_types)) attrs[k] = nb.nesting_mode === "single" ? this.blockAsObject(nb.block) : [nb.nesting_mode, this.blockAsObject(nb.block)];
    return ["object", attrs];
  }

  /** Type of a computed-only attribute from its getter expression. */
  private getterType(getter: string, classText: string): CtyType {
    const simple: Array<[RegExp, CtyType]> = [
      [/^this\.getStringAttribute\(/, "string"],
      [/^this\.getBooleanAttribute\(/, "bool"],
      [/^this\.getNumberAttribute\(/, "number"],
      [/^cdktf\.Fn\.tolist\(this\.getListAttribute\(/, ["set", "string"]],
      [/^this\.getListAttribute\(/, ["list", "string"]],
      [/^cdktf\.Fn\.tolist\(this\.getNumberListAttribute\(/, ["set", "number"]],
      [/^this\.getNumberListAttribute\(/, ["list", "number"]],
      [/^this\.getStringMapAttribute\(/, ["map", "string"]],
      [/^this\.getNumberMapAttribute\(/, ["map", "number"]],
      [/^this\.getBooleanMapAttribute\(/, ["map", "bool"]],
      [/^this\.getBooleanListAttribute\(/, ["list", "bool"]],
      [/^this\.getAnyMapAttribute\(/, ["map", "dynamic"]],
      [/^this\.interpolationForAttribute\(/, "dynamic"],
    ];
    for (const [re, t] of simple) if (re.test(getter)) return t;
    const member = /^this\.(_\w+)$/.exec(getter);
    const wrapped = member && new RegExp(`private ${member[1]} = new cdktf\\.(String|Number|Boolean|Any)Map\\(`).exec(classText);
    if (wrapped) return ["map", ({ String: "string", Number: "number", Boolean: "bool", Any: "dynamic" } as const)[wrapped[1] as "String"]];
    if (member) {
      const decl = new RegExp(`private ${member[1]} = new (\\w+?)(List|Map|OutputReference)\\(this, "\\w+"(?:, (true|false))?\\)`).exec(classText);
      if (decl) {
        const obj = this.objectType(decl[1]);
        if (decl[2] === "Map") return ["map", obj];
        if (decl[2] === "List") return [decl[3] === "true" ? "set" : "list", obj];
        return obj;
      }
    }
    throw new Error(`cannot type getter: ${getter}`);
  }
}

export function extractType(libDir: string, name: string): ExtractedType {
  return new SourceSchemaReader(generatedSource(libDir, name)).extract();
}

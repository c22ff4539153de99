// Structural diff of a rebuilt block against the real provider's `providers schema -json` block.
// Compared: attribute names, required/optional/computed, types, block names, nesting mode,
// min/max items. Not compared, because the cdktf bindings do not carry them: sensitive,
// deprecated, write_only, descriptions, defaults, schema version.

interface AnyBlock {
  attributes?: Record<string, any>;
  block_types?: Record<string, any>;
}

/** Real schemas may use nested_type (framework nested attributes); reduce it to a cty type. */
function realAttrType(a: any): unknown {
  if (a.type !== undefined) return a.type;
  const nt = a.nested_type;
  const attrs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries<any>(nt.attributes ?? {})) attrs[k] = realAttrType(v);
  const obj = ["object", attrs];
  return nt.nesting_mode === "single" ? obj : [nt.nesting_mode, obj];
}

export function diffBlocks(ours: AnyBlock, real: AnyBlock, at: string): string[] {
  const out: string[] = [];
  const oa = ours.attributes ?? {};
  const ra = real.attributes ?? {};
  for (const name of new Set([...Object.keys(oa), ...Object.keys(ra)])) {
    const p = `${at}.${name}`;
    if (!(name in ra)) { out.push(`${p}: attribute only in rebuilt schema`); continue; }
    if (!(name in oa)) { out.push(`${p}: attribute missing from rebuilt schema`); continue; }
    for (const flag of ["required", "optional", "computed"]) {
      if (!!oa[name][flag] !== !!ra[name][flag]) out.push(`${p}: ${flag} is ${!!oa[name][flag]}, real ${!!ra[name][flag]}`);
    }
    const rt = JSON.stringify(realAttrType(ra[name]));
    const ot = JSON.stringify(oa[name].type);
    if (rt !== ot) out.push(`${p}: type ${ot}, real ${rt}`);
  }
  const ob = ours.block_types ?? {};
  const rb = real.block_types ?? {};
  for (const name of new Set([...Object.keys(ob), ...Object.keys(rb)])) {
    const p = `${at}.${name}`;
    if (!(name in rb)) { out.push(`${p}: block only in rebuilt schema`); continue; }
    if (!(name in ob)) { out.push(`${p}: block missing from rebuilt schema`); continue; }
    for (const k of ["nesting_mode", "min_items", "max_items"]) {
      if ((ob[name][k] ?? 0) !== (rb[name][k] ?? 0)) out.push(`${p}: ${k} ${ob[name][k] ?? "-"}, real ${rb[name][k] ?? "-"}`);
    }
    out.push(...diffBlocks(ob[name].block, rb[name].block, p));
  }
  return out;
}

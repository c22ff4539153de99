// CIDR syntax checks the AWS provider applies to its cidr arguments.
import * as net from "net";

/** An error message for a bad CIDR, or undefined when it is a valid network address. */
export function cidrProblem(attr: string, value: string, family: 4 | 6): string | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  const ip = m?.[1] ?? "";
  const bits = m ? Number(m[2]) : -1;
  const max = family === 4 ? 32 : 128;
  if (!m || net.isIP(ip) !== family || bits > max) {
    return `"${attr}" (${value}) is not a valid IPv${family} CIDR block`;
  }
  const canonical = `${networkAddress(ip, bits, family)}/${bits}`;
  if (canonical !== `${normalize(ip, family)}/${bits}`) {
    return `"${attr}" (${value}) is not a valid IPv${family} CIDR network address: host bits are set (did you mean ${canonical}?)`;
  }
  return undefined;
}

function toBigInt(ip: string, family: 4 | 6): bigint {
  if (family === 4) return ip.split(".").reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n);
  const [head, tail = ""] = ip.includes("::") ? ip.split("::") : [ip, undefined as unknown as string];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || "0", 16)), 0n);
}

function fromBigInt(n: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((n >> s) & 0xffffn).toString(16));
  return compressV6(groups);
}

function compressV6(groups: string[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

function normalize(ip: string, family: 4 | 6): string {
  return fromBigInt(toBigInt(ip, family), family);
}

function networkAddress(ip: string, bits: number, family: 4 | 6): string {
  const width = BigInt(family === 4 ? 32 : 128);
  const mask = ((1n << BigInt(bits)) - 1n) << (width - BigInt(bits));
  return fromBigInt(toBigInt(ip, family) & mask, family);
}

/** The first and last address of a valid CIDR block, or undefined. */
export function cidrRange(value: string): { family: 4 | 6; first: bigint; last: bigint; bits: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  const family = m ? net.isIP(m[1]) : 0;
  if (!m || (family !== 4 && family !== 6)) return undefined;
  const bits = Number(m[2]);
  const width = BigInt(family === 4 ? 32 : 128);
  if (bits > Number(width)) return undefined;
  const host = (1n << (width - BigInt(bits))) - 1n;
  const first = toBigInt(m[1], family) & ~host;
  return { family, first, last: first | host, bits };
}

/** Whether two blocks of one family share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return !!x && !!y && x.family === y.family && x.first <= y.last && y.first <= x.last;
}

/** Whether `inner` lies within `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const x = cidrRange(inner);
  const y = cidrRange(outer);
  return !!x && !!y && x.family === y.family && x.first >= y.first && x.last <= y.last;
}

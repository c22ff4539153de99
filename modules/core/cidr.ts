import * as ipaddr from "ipaddr.js";

/** A parsed CIDR block as an inclusive integer range, so v4 and v6 compare the same way. */
export interface CidrRange {
  readonly cidr: string;
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/**
 * Parses `cidr` strictly: the address must be the network address of its prefix
 * (AWS rejects `10.0.0.1/16` for a VPC or route destination). Returns an error string
 * instead of throwing so validation can collect every problem at once.
 */
export function parseCidr(cidr: string, family?: 4 | 6): CidrRange | string {
  // Pure and called for every route and rule of a mesh: remember each answer.
  const key = family === undefined ? cidr : `${family} ${cidr}`;
  let found = parsed_.get(key);
  if (found === undefined) {
    found = parseCidrUncached(cidr, family);
    if (parsed_.size > 100_000) parsed_.clear();
    parsed_.set(key, found);
  }
  return found;
}

const parsed_ = new Map<string, CidrRange | string>();

function parseCidrUncached(cidr: string, family?: 4 | 6): CidrRange | string {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    // ipaddr.parseCIDR tries IPv6 first and throws for every IPv4 block: pick the family up front.
    parsed = cidr.includes(":") ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
  } catch {
    return `"${cidr}" is not a CIDR block (expected e.g. ${family === 6 ? "2600:1f14::/56" : "10.0.0.0/16"})`;
  }
  const [addr, prefix] = parsed;
  const isV4 = addr.kind() === "ipv4";
  if (isV4 && !ipaddr.IPv4.isValidFourPartDecimal(cidr.split("/")[0])) {
    return `"${cidr}" is not a CIDR block: write the address as four decimal parts (e.g. 10.0.0.0/16)`;
  }
  const fam: 4 | 6 = isV4 ? 4 : 6;
  if (family && fam !== family) {
    return `"${cidr}" is an IPv${fam} block where an IPv${family} block is expected`;
  }
  const width = isV4 ? 32 : 128;
  const value = toBigInt(addr.toByteArray());
  const hostBits = BigInt(width - prefix);
  const first = (value >> hostBits) << hostBits;
  if (first !== value) {
    const network = ipaddr.fromByteArray(
      Array.from({ length: width / 8 }, (_, i) => Number((first >> BigInt((width / 8 - 1 - i) * 8)) & 0xffn)),
    );
    return `"${cidr}" has host bits set: the network address is ${network.toString()}/${prefix}`;
  }
  return { cidr, family: fam, first, last: first + (1n << hostBits) - 1n };
}

export function isCidr(cidr: string, family?: 4 | 6): boolean {
  return typeof parseCidr(cidr, family) !== "string";
}

export function cidrsOverlap(a: CidrRange, b: CidrRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

const ranges = (cidrs: readonly string[]) => cidrs.map((c) => parseCidr(c) as CidrRange);

/** IPv4 ranges AWS refuses as VPC blocks, with what they are. */
export const REFUSED_VPC_IPV4: readonly { readonly range: CidrRange; readonly what: string }[] = [
  ["0.0.0.0/8", "this-network"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved (class E)"],
].map(([cidr, what]) => ({ range: ranges([cidr])[0], what }));

/** The three RFC 1918 private ranges. AWS refuses a secondary block from another one than the primary's. */
export const RFC1918 = ranges(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);

/** Blocks that work but clash with defaults of some AWS services (Docker's bridge network). */
export const DISCOURAGED_VPC_IPV4: readonly { readonly range: CidrRange; readonly why: string }[] = [
  { range: ranges(["172.17.0.0/16"])[0], why: "clashes with the default Docker bridge network that some AWS services (Cloud9, SageMaker, ECS on EC2) use" },
];

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: CidrRange, inner: CidrRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** An inclusive range of addresses of one family (first and last as integers). */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** The addresses of `from` that none of `minus` holds, as ranges in order. */
export function subtractRanges(from: readonly AddressRange[], minus: readonly AddressRange[]): AddressRange[] {
  let left: AddressRange[] = [...from];
  for (const m of minus) {
    left = left.flatMap((r) => {
      if (r.family !== m.family || m.last < r.first || r.last < m.first) return [r];
      return [
        ...(m.first > r.first ? [{ family: r.family, first: r.first, last: m.first - 1n }] : []),
        ...(m.last < r.last ? [{ family: r.family, first: m.last + 1n, last: r.last }] : []),
      ];
    });
  }
  return left;
}

/** A range written as the fewest CIDR blocks that make it up exactly. */
export function rangeToCidrs(range: AddressRange): string[] {
  const width = range.family === 4 ? 32 : 128;
  const out: string[] = [];
  let first = range.first;
  while (first <= range.last) {
    let bits = 0;
    // The largest aligned block starting at `first` that still ends inside the range.
    while (bits < width && (first & ((1n << BigInt(bits + 1)) - 1n)) === 0n && first + (1n << BigInt(bits + 1)) - 1n <= range.last) bits++;
    const bytes = Array.from({ length: width / 8 }, (_, i) => Number((first >> BigInt((width / 8 - 1 - i) * 8)) & 0xffn));
    out.push(`${ipaddr.fromByteArray(bytes).toString()}/${width - bits}`);
    first += 1n << BigInt(bits);
  }
  return out;
}

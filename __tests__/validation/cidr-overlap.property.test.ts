import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { CidrRange, cidrsOverlap, parseCidr } from "../../modules/core/cidr";
import { overlappingBlocks } from "../../modules/core/peering";

// Oracle: enumerate every address of each block (small blocks inside a small universe) as text via
// ipaddr.js's own byte arithmetic, and intersect the sets. Shares no code with cidr.ts's bigint ranges.

function addresses(cidr: string): Set<string> {
  const [addr, prefix] = ipaddr.parseCIDR(cidr);
  const bytes = addr.toByteArray();
  const hostBits = bytes.length * 8 - prefix;
  const out = new Set<string>();
  for (let i = 0; i < 2 ** hostBits; i++) {
    const b = [...bytes];
    let carry = i;
    for (let j = b.length - 1; j >= 0 && carry > 0; j--) {
      const sum = b[j] + (carry & 0xff);
      b[j] = sum & 0xff;
      carry = (carry >>> 8) + (sum >> 8);
    }
    out.add(ipaddr.fromByteArray(b).toNormalizedString());
  }
  return out;
}
const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** A network-aligned block of at most 2^10 addresses inside 10.0.0.0/20 (v4) or 2600:1f14::/116 (v6). */
const block = (family: 4 | 6) =>
  fc.record({ offset: fc.integer({ min: 0, max: 4095 }), hostBits: fc.integer({ min: 0, max: 10 }) }).map(({ offset, hostBits }) => {
    const aligned = offset & ~((1 << hostBits) - 1);
    return family === 4
      ? `10.0.${aligned >> 8}.${aligned & 0xff}/${32 - hostBits}`
      : `2600:1f14::${aligned.toString(16)}/${128 - hostBits}`;
  });
const anyBlock = fc.oneof(block(4), block(6));
const range = (cidr: string) => parseCidr(cidr) as CidrRange;

describe("CIDR overlap against a brute-force oracle", () => {
  it("cidrsOverlap(a, b) is true exactly when the blocks share an address", () => {
    fc.assert(
      fc.property(anyBlock, anyBlock, (a, b) => {
        const oracle = a.includes(":") === b.includes(":") && intersects(addresses(a), addresses(b));
        expect(cidrsOverlap(range(a), range(b))).toBe(oracle);
      }),
      { numRuns: 500 },
    );
  });

  it("overlappingBlocks finds every overlapping pair between two VPCs' block lists, and no other", () => {
    fc.assert(
      fc.property(fc.array(anyBlock, { minLength: 1, maxLength: 4 }), fc.array(anyBlock, { minLength: 1, maxLength: 4 }), (as, bs) => {
        const expected = as.flatMap((a) => bs.filter((b) => a.includes(":") === b.includes(":") && intersects(addresses(a), addresses(b))).map((b) => `${a}~${b}`));
        const found = overlappingBlocks(as.map(range), bs.map(range)).map(([x, y]) => `${x.cidr}~${y.cidr}`);
        expect(found).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("is symmetric and reflexive", () => {
    fc.assert(fc.property(anyBlock, anyBlock, (a, b) => {
      expect(cidrsOverlap(range(a), range(b))).toBe(cidrsOverlap(range(b), range(a)));
      expect(cidrsOverlap(range(a), range(a))).toBe(true);
    }));
  });
});

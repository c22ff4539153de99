import { CidrRange, cidrContains, cidrsOverlap, DISCOURAGED_VPC_IPV4, parseCidr, REFUSED_VPC_IPV4, RFC1918 } from "./cidr";
import { peerFacingBlocks, type RouteToSpec } from "./routes";
import { vpcPrefixProblem } from "./limits";
import { ConfigProblem, error, warning } from "./problems";

// What AWS accepts as a VPC's own address blocks. One rule for the config (`vpcs.<k>.cidr`,
// `secondaryCidrs`, `ipv6Cidrs`) and the VPC constructs (`cidrBlocks`, `ipv6CidrBlocks`).

/** One block and where it is written (a config path or a prop path). */
export interface PlacedBlock {
  readonly path: string;
  readonly cidr: string;
}

/**
 * Problems with a VPC's blocks, primary IPv4 first: not a CIDR block or host bits set (family
 * checked), a size AWS refuses, a range AWS refuses or discourages, a secondary block from another
 * RFC 1918 range than the primary's, two blocks of the VPC that overlap.
 */
export function vpcBlockProblems(ipv4: readonly PlacedBlock[], ipv6: readonly PlacedBlock[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const listed = [...ipv4.map((b) => ({ ...b, family: 4 as const })), ...ipv6.map((b) => ({ ...b, family: 6 as const }))];
  const primary = ipv4.length > 0 ? parseCidr(ipv4[0].cidr, 4) : undefined;
  const seen: { path: string; cidr: string; range: CidrRange }[] = [];
  listed.forEach((item, i) => {
    const r = parseCidr(item.cidr, item.family);
    if (typeof r === "string") {
      problems.push(error(item.path, r));
      return;
    }
    const prefix = Number(item.cidr.split("/")[1]);
    // Also what keeps peer rules from ever opening to 0.0.0.0/0.
    const sizeProblem = vpcPrefixProblem(r.family, prefix);
    if (sizeProblem) {
      problems.push(error(item.path, `${item.cidr} cannot be a VPC block: ${sizeProblem}; give the VPC's real block`));
      return;
    }
    if (r.family === 4) {
      const refused = REFUSED_VPC_IPV4.find((x) => cidrsOverlap(x.range, r));
      if (refused) {
        problems.push(error(item.path, `${item.cidr} overlaps ${refused.range.cidr} (${refused.what}), which AWS refuses for VPCs: use a private range such as 10.0.0.0/8`));
        return;
      }
      const discouraged = DISCOURAGED_VPC_IPV4.find((x) => cidrsOverlap(x.range, r));
      if (discouraged) problems.push(warning(item.path, `${item.cidr} overlaps ${discouraged.range.cidr}, which ${discouraged.why}: prefer another range`));
      if (i > 0 && primary !== undefined && typeof primary !== "string") {
        const own = RFC1918.find((x) => cidrContains(x, primary));
        const other = RFC1918.find((x) => x !== own && cidrContains(x, r));
        if (own && other) {
          problems.push(error(item.path, `${item.cidr} is in ${other.cidr} but the primary block ${ipv4[0].cidr} is in ${own.cidr}: AWS refuses a secondary block from another RFC 1918 range than the primary's, pick one inside ${own.cidr}`));
          return;
        }
      }
    }
    const earlier = seen.find((e) => cidrsOverlap(e.range, r));
    if (earlier) problems.push(error(item.path, `${item.cidr} overlaps ${earlier.cidr} (${earlier.path}) of the same VPC: remove it or use a disjoint block`));
    seen.push({ path: item.path, cidr: item.cidr, range: r });
  });
  return problems;
}

/**
 * Problems with the blocks a VPC offers its peers (`routeTo`, under the path `base`): included
 * ranges must lie inside the VPC's blocks, excluded ones must be among those peers would route
 * to, and something must be left.
 */
export function routeToProblems(base: string, ipv4: readonly string[], ipv6: readonly string[], routeTo: RouteToSpec | undefined): ConfigProblem[] {
  if (!routeTo) return [];
  const problems: ConfigProblem[] = [];
  const own = [...ipv4, ...ipv6].map((c) => parseCidr(c)).filter((r): r is CidrRange => typeof r !== "string");
  routeTo.include?.forEach((cidr, i) => {
    const r = parseCidr(cidr);
    if (typeof r === "string") problems.push(error(`${base}.include[${i}]`, r));
    else if (!own.some((v) => cidrContains(v, r))) {
      problems.push(error(`${base}.include[${i}]`, `${cidr} is not inside any block of the VPC (${own.map((o) => o.cidr).join(", ")}): include only the VPC's own ranges`));
    }
  });
  const candidates = routeTo.include ?? [...ipv4, ...ipv6];
  (routeTo.exclude ?? []).forEach((cidr, i) => {
    if (!candidates.includes(cidr)) problems.push(error(`${base}.exclude[${i}]`, `${cidr} is not one of the blocks peers would route to (${candidates.join(", ")}): exclude one of those exactly`));
  });
  const left = peerFacingBlocks(ipv4, ipv6, routeTo);
  if (left.ipv4.length + left.ipv6.length === 0) problems.push(error(base, "leaves no block for peers to route to: exclude fewer blocks"));
  return problems;
}

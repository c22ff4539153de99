import { Annotations, IAspect, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
// The stack-scoped resolver cdktf itself uses to turn tokens into `${...}` expressions.
import { resolve } from "cdktf/lib/_tokens";
import { IConstruct } from "constructs";
import { ConfigProblem } from "../../core/problems";
import { MAX_PEERINGS_PER_VPC, PlannedRoute, routeConflicts, routeQuotaProblems } from "../../app/config/route-checks";

export interface SynthChecksProps {
  /** Routes per route table allowed in the account. @default 50 */
  readonly routesPerRouteTable?: number;
  /** Active peerings per VPC allowed in the account; above it is a warning, above 125 an error. @default 50 */
  readonly peeringsPerVpc?: number;
}

type Attrs = Record<string, unknown>;
interface Found {
  readonly construct: TerraformResource;
  readonly type: string;
  readonly attrs: Attrs;
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/**
 * Checks over the construct tree that config validation cannot see (constructs used as a library,
 * several peerings built by hand): raised as error/warning annotations, which `cdktf synth` prints
 * in its own format and which make a plain `app.synth()` throw.
 * Add with `Aspects.of(stack).add(new SynthChecks())`.
 */
export class SynthChecks implements IAspect {
  constructor(private readonly props: SynthChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const stack = node;
    const resources: Found[] = node.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource)
      .flatMap((r) => {
        const tf = resolve(stack, r.toTerraform()) as { resource?: Record<string, Record<string, Attrs>> };
        const byType = tf.resource?.[r.terraformResourceType];
        return byType ? Object.values(byType).map((attrs) => ({ construct: r, type: r.terraformResourceType, attrs })) : [];
      });
    const report = (r: Found, p: Pick<ConfigProblem, "message" | "severity">) =>
      p.severity === "error" ? Annotations.of(r.construct).addError(p.message) : Annotations.of(r.construct).addWarning(p.message);

    this.checkRoutes(resources, report);
    this.checkPeerings(resources, report);
    this.checkSecurityRules(stack, resources, report);
  }

  private checkRoutes(resources: readonly Found[], report: (r: Found, p: Pick<ConfigProblem, "message" | "severity">) => void) {
    const byPath = new Map<string, Found>();
    const routes: PlannedRoute[] = [];
    for (const r of resources.filter((x) => x.type === "aws_route")) {
      const destination = (r.attrs.destination_cidr_block ?? r.attrs.destination_ipv6_cidr_block) as string | undefined;
      if (typeof destination !== "string" || typeof r.attrs.route_table_id !== "string") continue;
      const source = r.construct.node.path;
      byPath.set(source, r);
      routes.push({ table: r.attrs.route_table_id, tableLabel: r.attrs.route_table_id, destination, source });
    }
    for (const c of routeConflicts(routes)) {
      const at = byPath.get(c.route.source)!;
      if (c.kind === "same") {
        report(at, { severity: "error", message: `route table ${c.route.tableLabel} already has a route to ${c.route.destination} (${c.earlier.source}): AWS allows one route per destination; remove one or re-address a VPC` });
      } else {
        report(at, { severity: "warning", message: `route to ${c.route.destination} overlaps the route to ${c.earlier.destination} (${c.earlier.source}) in ${c.route.tableLabel}: the longer prefix wins` });
      }
    }
    for (const p of routeQuotaProblems(routes, this.props.routesPerRouteTable ?? 50, "SynthChecksProps.routesPerRouteTable")) {
      report(byPath.get(p.path)!, p);
    }
  }

  private checkPeerings(resources: readonly Found[], report: (r: Found, p: Pick<ConfigProblem, "message" | "severity">) => void) {
    const pairs = new Map<string, Found>();
    const perVpc = new Map<string, Found[]>();
    for (const r of resources.filter((x) => x.type === "aws_vpc_peering_connection")) {
      const a = String(r.attrs.vpc_id);
      const b = String(r.attrs.peer_vpc_id);
      if (a === b) {
        report(r, { severity: "error", message: `peers VPC ${a} with itself: give peer_vpc_id another VPC` });
        continue;
      }
      const key = [a, b].sort().join("|");
      const first = pairs.get(key);
      if (first) {
        report(r, { severity: "error", message: `peers ${a} and ${b} again (already ${first.construct.node.path}): AWS allows one peering per VPC pair` });
        continue;
      }
      pairs.set(key, r);
      for (const v of [a, b]) perVpc.set(v, [...(perVpc.get(v) ?? []), r]);
    }
    const quota = this.props.peeringsPerVpc ?? 50;
    for (const [vpc, list] of perVpc) {
      const last = list[list.length - 1];
      if (list.length > MAX_PEERINGS_PER_VPC) {
        report(last, { severity: "error", message: `VPC ${vpc} is in ${list.length} peerings; AWS allows at most ${MAX_PEERINGS_PER_VPC}` });
      } else if (list.length > quota) {
        report(last, { severity: "warning", message: `VPC ${vpc} is in ${list.length} peerings, above the quota of ${quota}: request an increase in Service Quotas` });
      }
    }
  }

  private checkSecurityRules(stack: TerraformStack, resources: readonly Found[], report: (r: Found, p: Pick<ConfigProblem, "message" | "severity">) => void) {
    const open = (r: Found, cidr: string) =>
      report(r, { severity: "error", message: `ingress open to ${cidr}: peering rules should name the peer's CIDR blocks or security group, not the whole internet` });
    for (const r of resources) {
      const a = r.attrs;
      if (r.type === "aws_vpc_security_group_ingress_rule") {
        for (const c of [a.cidr_ipv4, a.cidr_ipv6]) if (typeof c === "string" && WORLD.has(c)) open(r, c);
      } else if (r.type === "aws_security_group_rule" && a.type === "ingress") {
        for (const c of [...asArray(a.cidr_blocks), ...asArray(a.ipv6_cidr_blocks)]) if (WORLD.has(c)) open(r, c);
      } else if (r.type === "aws_security_group") {
        for (const rule of asArray<Attrs>(a.ingress)) {
          for (const c of [...asArray(rule.cidr_blocks), ...asArray(rule.ipv6_cidr_blocks)]) if (WORLD.has(c)) open(r, c);
        }
      }
    }

    // A security group can be referenced only from a rule in the same region (inter-region peering: use CIDRs).
    const regionOf = regionResolver(stack);
    const groupRegion = new Map<string, string | undefined>();
    for (const r of resources.filter((x) => x.type === "aws_security_group")) {
      groupRegion.set(`\${aws_security_group.${r.construct.friendlyUniqueId}.id}`, regionOf(r.attrs));
    }
    for (const r of resources.filter((x) => x.type === "aws_vpc_security_group_ingress_rule" || x.type === "aws_security_group_rule")) {
      const ref = (r.attrs.referenced_security_group_id ?? r.attrs.source_security_group_id) as string | undefined;
      if (typeof ref !== "string" || !groupRegion.has(ref)) continue;
      const ruleRegion = regionOf(r.attrs);
      const refRegion = groupRegion.get(ref);
      if (ruleRegion && refRegion && ruleRegion !== refRegion) {
        report(r, { severity: "error", message: `references a security group in ${refRegion} from a rule in ${ruleRegion}: security groups cannot be referenced across regions, use the peer VPC's CIDR blocks` });
      }
    }
  }
}

function asArray<T = string>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** The region a resource lives in: its own `region` argument (provider v6), else its provider's. */
function regionResolver(stack: TerraformStack): (attrs: Attrs) => string | undefined {
  const providers = new Map<string, string | undefined>();
  for (const p of stack.node.findAll().filter((c): c is TerraformProvider => c instanceof TerraformProvider)) {
    const cfg = resolve(stack, (p as unknown as { synthesizeAttributes(): Attrs }).synthesizeAttributes()) as Attrs;
    providers.set(resolve(stack, p.fqn) as string, typeof cfg.region === "string" ? cfg.region : undefined);
  }
  const defaultRegion = [...providers.entries()].find(([fqn]) => !fqn.includes("."))?.[1];
  return (attrs) =>
    typeof attrs.region === "string" ? attrs.region : typeof attrs.provider === "string" ? providers.get(attrs.provider) : defaultRegion;
}

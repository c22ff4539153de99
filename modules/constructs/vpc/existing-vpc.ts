import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsRouteTables } from "@cdktf/provider-aws/lib/data-aws-route-tables";
import { discoveredKey, type RouteTableDiscovery } from "../../core/routes";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Fn, Op, ref, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { Postcondition, vpcPostconditions } from "../../core/facts";
import { constructIdPart } from "../../core/names";
import { vpcIdentityOf } from "../../core/peering";
import { recordFact, recordRouteTableSet } from "../facts";
import { RouteTableRef, routeTableLookup } from "../../core/routes";
import { IPeerableVpc, PeerableVpcBase, PeerableVpcOptions } from "./peerable-vpc";

export interface ExistingVpcProps extends PeerableVpcOptions {
  /** Key used in construct ids and messages. @default the name or id */
  readonly key?: string;
  /** Id of the VPC (`vpc-...`). Give one of vpcId, name or tags. */
  readonly vpcId?: string;
  /** Name tag of the VPC to look up. */
  readonly name?: string;
  /** Tags the VPC to look up carries (all of them; exactly one VPC must match). */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Let the plan find the route tables that get routes to peers: `"all"` (every table of the
   * VPC, the main one included) or `{ tags }` (the tables carrying all these tags). Found with
   * `data.aws_route_tables` at plan time; the routes use `for_each` over the table ids, so a
   * table added later gets its routes on the next apply. A peering can route from a tagged share
   * of them instead (`VpcPeering` `routeTables: { requester: { tags } }`). Instead of routeTables and subnets.
   * @default none: routeTables/subnets list them
   */
  readonly discoverRouteTables?: RouteTableDiscovery;
  /** IPv4 blocks the VPC must have, primary first; checked at plan time. */
  readonly cidrBlocks: readonly string[];
  /** IPv6 blocks; the first must be the VPC's IPv6 block when given. @default [] */
  readonly ipv6CidrBlocks?: readonly string[];
  /**
   * Route tables to route to peers, by id (`rtb-...`) or Name tag, or as `{ key, lookup }` when
   * the value looked up (e.g. a Terraform variable) differs from the key used in construct ids.
   * @default [] (give subnets then)
   */
  readonly routeTables?: readonly RouteTableRef[];
  /**
   * Subnets (id `subnet-...` or Name tag) whose explicitly associated route tables get routes
   * to peers. A subnet on the main route table has no association to find: list that table in
   * routeTables instead; list subnets that share a table only once. @default []
   */
  readonly subnets?: readonly string[];
  /** Fail the plan unless DNS support and DNS hostnames are on. @default false */
  readonly requireDns?: boolean;
  /** Region of the VPC when it differs from the provider's (AWS provider v6 `region` argument). */
  /** Provider for this VPC's account. @default the stack's default aws provider */
  /** Where the VPC is declared, quoted in plan-time errors. @default `vpcs.<key>` */
  readonly configPath?: string;
  /**
   * The module variable the VPC is passed in, when the stack is a Terraform module: plan-time
   * errors then tell the module's user to pass another VPC there. @default none
   */
  readonly passedAs?: string;
}

/** An existing VPC whose id, blocks and route tables are all known at plan time only. */
export interface PlanTimeVpcAttributes extends Pick<PeerableVpcOptions, "provider" | "region" | "accountId"> {
  /** Short name for construct ids and messages. */
  readonly key: string;
  /** An expression such as a module variable. */
  readonly vpcId: string;
}

/** An existing VPC whose ids are known: nothing is looked up. */
export interface ExistingVpcAttributes extends PeerableVpcOptions {
  /** Short name for construct ids and messages. */
  readonly key: string;
  /** `vpc-...`, or an expression such as another stack's output. */
  readonly vpcId: string;
  /** IPv4 blocks, primary first. */
  readonly cidrBlocks: readonly string[];
  /** @default [] */
  readonly ipv6CidrBlocks?: readonly string[];
  /**
   * Route tables that get routes to peers: ids by key (`{ private: "rtb-0a1..." }`), or a list of
   * ids (each literal id is its own key; an expression gets `table-<position>`).
   */
  readonly routeTableIds: Readonly<Record<string, string>> | readonly string[];
}

/**
 * An existing VPC and its route tables, found with data sources whose postconditions turn a
 * world that differs from the config into a plan-time error naming the config field to fix.
 */
export class ExistingVpc extends PeerableVpcBase {
  readonly identity: string;
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly vpc: DataAwsVpc;
  private dnsRequired: boolean;
  /** Where the VPC is declared, quoted in plan-time errors. */
  private readonly where: string;
  private readonly postconditions: (requireDns: boolean) => Postcondition[];

  /**
   * Looks up an existing VPC (by id or Name tag) and its route tables at plan time. The plan fails
   * with a message naming `configPath` when the VPC's blocks or DNS settings differ from `props`.
   */
  static fromLookup(scope: Construct, id: string, props: ExistingVpcProps): IPeerableVpc {
    return new ExistingVpc(scope, id, props);
  }

  /** An existing VPC given by its ids: no data sources, nothing checked at plan time. */
  static fromAttributes(scope: Construct, id: string, attrs: ExistingVpcAttributes): IPeerableVpc {
    return new ImportedVpc(scope, id, attrs);
  }

  /**
   * An existing VPC known only by an id Terraform resolves at plan time (a module's input), whose
   * blocks and route tables are not known at synth time either: a peering with it plans no routes
   * and no rules. Add its routes with `addPlanTimeRoutes` (the peering as the target).
   */
  static fromPlanTimeId(scope: Construct, id: string, attrs: PlanTimeVpcAttributes): IPeerableVpc {
    return new PlanTimeVpc(scope, id, attrs);
  }

  constructor(scope: Construct, id: string, props: ExistingVpcProps) {
    super(scope, id, props);
    if ([props.vpcId, props.name, props.tags].filter((x) => x !== undefined).length !== 1) {
      throw new Error(`ExistingVpc ${id}: give exactly one of 'vpcId', 'name' or 'tags'`);
    }
    this.validateBlocks("ExistingVpc", props.cidrBlocks, props.ipv6CidrBlocks ?? []);
    const tagText = props.tags ? Object.entries(props.tags).map(([k, v]) => `${k}=${v}`).join(",") : undefined;
    this.key = props.key ?? props.name ?? props.vpcId ?? tagText!;
    this.cidrBlocks = props.cidrBlocks;
    this.ipv6CidrBlocks = props.ipv6CidrBlocks ?? [];
    const listed = (props.routeTables ?? []).length + (props.subnets ?? []).length;
    if ((listed === 0) === (props.discoverRouteTables === undefined)) {
      throw new Error(`ExistingVpc ${id}: give 'routeTables' or 'subnets' (whose route tables get the routes to peers), or 'discoverRouteTables', and not both`);
    }
    const where = (this.where = props.configPath ?? `vpcs.${this.key}`);
    const label = props.name ? `VPC "${props.name}"` : props.vpcId ? `VPC ${props.vpcId}` : `VPC tagged ${tagText}`;

    const postconditions = (requireDns: boolean) =>
      vpcPostconditions({ label, where, cidrBlocks: this.cidrBlocks, ipv6CidrBlocks: this.ipv6CidrBlocks, requireDns, passedAs: props.passedAs });

    this.vpc = new DataAwsVpc(this, "vpc", {
      ...(props.vpcId ? { id: props.vpcId } : props.tags ? { tags: { ...props.tags } } : { filter: [{ name: "tag:Name", values: [props.name!] }] }),
      region: props.region,
      provider: props.provider,
      lifecycle: { postcondition: postconditions(props.requireDns ?? false) },
    });
    recordFact(this.vpc, {
      vpc: this.key,
      securityGroups: props.securityGroupIds && props.securityGroupIds.length > 0 ? [...props.securityGroupIds] : undefined,
      declared: { ipv4: [...this.cidrBlocks], ipv6: [...this.ipv6CidrBlocks], dnsRequired: props.requireDns ?? false },
      account: props.accountId,
    });
    this.vpcId = this.vpc.id;
    // Lookups by a name or tags known now: the same VPC however often it is looked up.
    const literal = (v: string | undefined) => (v === undefined || Token.isUnresolved(v) ? undefined : v);
    this.identity = vpcIdentityOf(
      { id: literal(props.vpcId), name: literal(props.name), tags: props.tags, account: props.accountId, region: props.region },
      this.node.path,
    );
    this.dnsRequired = props.requireDns ?? false;
    this.postconditions = postconditions;

    const tableIds: Record<string, string> = {};
    const tables: { table: DataAwsRouteTable; what: string }[] = [];
    for (const [i, ref] of (props.routeTables ?? []).entries()) {
      const { key, lookup } = routeTableLookup(ref);
      const table = new DataAwsRouteTable(this, `route-table-${constructIdPart(key, String(i))}`, {
        vpcId: this.vpc.id,
        ...("id" in lookup ? { routeTableId: lookup.id } : { filter: [{ name: "tag:Name", values: [lookup.name] }] }),
        region: props.region,
        provider: props.provider,
      });
      this.guardSharedTable(table, `route table ${key}`, tables);
      tables.push({ table, what: `route table ${key}` });
      tableIds[key] = table.routeTableId;
    }
    for (const [i, subnet] of (props.subnets ?? []).entries()) {
      const part = constructIdPart(subnet, String(i));
      const subnetId = /^subnet-[0-9a-f]+$/.test(subnet)
        ? subnet
        : new DataAwsSubnet(this, `subnet-${part}`, {
            vpcId: this.vpc.id,
            filter: [{ name: "tag:Name", values: [subnet] }],
            region: props.region,
            provider: props.provider,
          }).id;
      const table = new DataAwsRouteTable(this, `subnet-route-table-${part}`, {
        vpcId: this.vpc.id,
        subnetId,
        region: props.region,
        provider: props.provider,
      });
      this.guardSharedTable(table, `the route table of subnet ${subnet}`, tables);
      tables.push({ table, what: `the route table of subnet ${subnet}` });
      tableIds[`subnet:${subnet}`] = table.routeTableId;
    }
    this.routeTableIds = tableIds;
    this.placement = { region: props.region, provider: props.provider };
    if (props.discoverRouteTables !== undefined) {
      this.routeTableDiscovery = props.discoverRouteTables;
    }
  }

  /**
   * Route tables found at plan time (`discoverRouteTables`), by key: routes go to each of them.
   * Its data source is made when first asked for: peerings that each take a tagged share leave it out.
   */
  get routeTableSets(): Readonly<Record<string, string[]>> | undefined {
    const discovery = this.routeTableDiscovery;
    return discovery === undefined ? undefined : { [discoveredKey(discovery)]: this.findRouteTables(discovery) };
  }
  /** How routeTableSets is found: `discoverRouteTables` as given. */
  readonly routeTableDiscovery?: RouteTableDiscovery;
  private readonly placement: { readonly region?: string; readonly provider?: TerraformProvider };
  private readonly found = new Map<string, string[]>();

  /**
   * The ids of the VPC's tables `discovery` selects, with `data.aws_route_tables` at plan time (one
   * data source per selection, shared by the peerings that use it). The ids are known at plan time
   * because the VPC exists, so routes can `for_each` over them.
   */
  findRouteTables(discovery: RouteTableDiscovery): string[] {
    const key = discoveredKey(discovery);
    let ids = this.found.get(key);
    if (!ids) {
      // The VPC's own set is "route-tables"; narrower sets are named by their tags.
      const own = this.routeTableDiscovery !== undefined && key === discoveredKey(this.routeTableDiscovery);
      const id = own ? "route-tables" : `route-tables-${constructIdPart(key.replace(/^route tables /, ""), String(this.found.size))}`;
      const tables = new DataAwsRouteTables(this, id, {
        vpcId: this.vpc.id,
        tags: discovery === "all" ? undefined : { ...discovery.tags },
        region: this.placement.region,
        provider: this.placement.provider,
      });
      ids = tables.ids;
      recordRouteTableSet(ids, tables);
      this.found.set(key, ids);
    }
    return ids;
  }

  /**
   * Two listed subnets (or a subnet and a listed table) can resolve to one route table, which would
   * get every peer route twice; AWS refuses the second. The ids are known only at plan time, so the
   * plan checks them: a table found again fails with a message naming both entries.
   */
  private guardSharedTable(table: DataAwsRouteTable, what: string, earlier: readonly { table: DataAwsRouteTable; what: string }[]): void {
    if (earlier.length === 0) return;
    table.lifecycle = {
      postcondition: [
        {
          condition: Op.not(Fn.contains(earlier.map((e) => e.table.routeTableId), ref("self.route_table_id"))),
          errorMessage: `In ${this.where}, ${what} is \${self.route_table_id}, which is also ${earlier.map((e) => e.what).join(" or ")}: AWS refuses a second route to one destination in a table; list the table once.`,
        },
      ],
    };
  }

  /** Adds the DNS support and DNS hostnames postconditions (a peering DNS option or a private zone needs both). */
  requireDns(): void {
    if (this.dnsRequired) return;
    this.dnsRequired = true;
    this.vpc.lifecycle = { postcondition: this.postconditions(true) };
    recordFact(this.vpc, { declared: { ipv4: [...this.cidrBlocks], ipv6: [...this.ipv6CidrBlocks], dnsRequired: true } });
  }
}

/** What `ExistingVpc.fromAttributes` returns: the attributes as given, as a construct for ids and paths. */
class ImportedVpc extends PeerableVpcBase {
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTableIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, attrs: ExistingVpcAttributes) {
    super(scope, id, attrs);
    this.validateBlocks("ExistingVpc.fromAttributes", attrs.cidrBlocks, attrs.ipv6CidrBlocks ?? []);
    this.key = attrs.key;
    this.vpcId = attrs.vpcId;
    this.cidrBlocks = attrs.cidrBlocks;
    this.ipv6CidrBlocks = attrs.ipv6CidrBlocks ?? [];
    this.routeTableIds = Array.isArray(attrs.routeTableIds)
      ? Object.fromEntries((attrs.routeTableIds as readonly string[]).map((tableId, i) => [Token.isUnresolved(tableId) ? `table-${i}` : tableId, tableId]))
      : { ...(attrs.routeTableIds as Readonly<Record<string, string>>) };
    if (Object.keys(this.routeTableIds).length === 0) throw new Error(`ExistingVpc.fromAttributes ${id}: 'routeTableIds' lists no route table; peers need at least one to route from`);
  }
}


/** What `ExistingVpc.fromPlanTimeId` returns: an id and a placement, and nothing to plan routes with. */
class PlanTimeVpc extends PeerableVpcBase {
  readonly key: string;
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[] = [];
  readonly ipv6CidrBlocks: readonly string[] = [];
  readonly routeTableIds: Readonly<Record<string, string>> = {};

  constructor(scope: Construct, id: string, attrs: PlanTimeVpcAttributes) {
    super(scope, id, attrs);
    this.key = attrs.key;
    this.vpcId = attrs.vpcId;
  }
}

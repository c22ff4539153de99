import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Fn, TerraformIterator, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { failoverRoleProblem, geolocationProblems, isValueRecordType, type GeolocationSpec, recordFqdn, recordValueProblem, route53TextValue } from "../../core/dns";
import { error } from "../../core/problems";
import { isLiteral, refuseProblems } from "../validation";
import { DEFAULT_RECORD_TTL, RECORD_TTL } from "../../core/limits";
import { constructIdPart } from "../../core/names";
import { RecordTarget } from "./record-target";

/** A VPC a private zone is associated with. */
export interface ZoneVpc {
  readonly vpcId: string;
  readonly region: string;
  /**
   * Provider of the VPC's account. When it is not the zone's provider, the association is
   * authorized by the zone's account and made by the VPC's. @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /** Short name for construct ids (a config key). @default the VPC id */
  readonly key?: string;
}

export interface PrivateHostedZoneProps {
  /** Zone name, e.g. `lab.private`. */
  readonly zoneName: string;
  /** The VPC the zone is created in (a private zone needs one); `addVpc` associates more. */
  readonly vpc: ZoneVpc;
  /** @default "Managed by Terraform (vpc-peering-cdktf)" */
  readonly comment?: string;
  /** @default none */
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

export interface RecordProps {
  /** Absolute (`api.elb.lab.private`) or relative to the zone (`api.elb`). */
  readonly name: string;
  /** CNAME, A, AAAA, TXT, MX, SRV, ... */
  readonly type: string;
  /** What the record points at. */
  readonly target: RecordTarget;
  /** Seconds; ignored for aliases (Route 53 uses the target's). @default 300 */
  readonly ttl?: number;
  /**
   * Routing policy for several records of one name and type, told apart by `setIdentifier`:
   * `{ weight }` shares answers by weight (0-255), `{ failover: "PRIMARY" | "SECONDARY" }` answers
   * with the secondary while the primary's health check fails, `{ latencyRegion }` answers with the
   * Region of lowest latency from the querying VPC's, `{ geolocation }` by the querying VPC's
   * Region's location. @default simple routing
   */
  readonly routing?: RecordRouting;
}

/** Weighted, failover, latency or geolocation routing for one of several records with the same name and type. */
export type RecordRouting =
  | { readonly setIdentifier: string; readonly weight: number; readonly healthCheckId?: string }
  | { readonly setIdentifier: string; readonly failover: "PRIMARY" | "SECONDARY"; readonly healthCheckId?: string }
  | { readonly setIdentifier: string; readonly latencyRegion: string; readonly healthCheckId?: string }
  | { readonly setIdentifier: string; readonly geolocation: GeolocationSpec; readonly healthCheckId?: string };

/** The provider argument of a routing policy. */
function routingPolicyArguments(routing: RecordRouting) {
  if ("weight" in routing) return { weightedRoutingPolicy: { weight: routing.weight } };
  if ("failover" in routing) return { failoverRoutingPolicy: { type: routing.failover } };
  if ("latencyRegion" in routing) return { latencyRoutingPolicy: { region: routing.latencyRegion } };
  return { geolocationRoutingPolicy: { ...routing.geolocation } };
}

/**
 * A Route 53 private hosted zone. It grows by methods: `addVpc` associates another VPC of the same
 * account, `addRecord` adds a record whose target is a value (`RecordTarget`).
 */
export class PrivateHostedZone extends Construct {
  readonly zone: Route53Zone;
  readonly zoneName: string;
  /** Record FQDNs (lower case, no trailing dot), type and set identifier if any, e.g. `api.lab.private CNAME`, to their resources. */
  readonly records: Record<string, Route53Record> = {};
  private readonly vpcs: ZoneVpc[];
  /** Failover role of each failover record, by record key. */
  private readonly failoverRoles = new Map<string, string>();
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: PrivateHostedZoneProps) {
    super(scope, id);
    this.provider = props.provider;
    this.zoneName = props.zoneName;
    this.vpcs = [props.vpc];
    this.zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: props.comment ?? "Managed by Terraform (vpc-peering-cdktf)",
      vpc: this.vpcBlocks(),
      tags: props.tags,
      provider: props.provider,
    });
  }

  get zoneId(): string {
    return this.zone.zoneId;
  }

  /**
   * Associates another VPC with the zone, in any region. A VPC of the zone's account joins the
   * zone's own VPC list. A VPC of another account (its `provider` is not the zone's)
   * needs both accounts: the zone's account authorizes the association
   * (`aws_route53_vpc_association_authorization`) and the VPC's account makes it
   * (`aws_route53_zone_association`). The zone then ignores changes to its VPC list, which AWS
   * reports with every association, so plans show no perpetual diff.
   */
  addVpc(vpc: ZoneVpc): this {
    if (vpc.provider === this.provider) {
      this.vpcs.push(vpc);
      this.zone.putVpc(this.vpcBlocks());
      return this;
    }
    const id = `association-${constructIdPart(vpc.key ?? vpc.vpcId)}`;
    const authorization = new Route53VpcAssociationAuthorization(this, `${id}-authorization`, {
      zoneId: this.zone.zoneId,
      vpcId: vpc.vpcId,
      vpcRegion: vpc.region,
      provider: this.provider,
    });
    new Route53ZoneAssociation(this, id, {
      zoneId: this.zone.zoneId,
      vpcId: vpc.vpcId,
      vpcRegion: vpc.region,
      provider: vpc.provider,
      dependsOn: [authorization],
    });
    this.zone.lifecycle = { ...this.zone.lifecycle, ignoreChanges: ["vpc"] };
    return this;
  }

  /** Adds a record; one record per name and type, and a CNAME shares its name with nothing else. */
  addRecord(props: RecordProps): Route53Record {
    const fqdn = recordFqdn(this.zoneName, props.name);
    const type = props.type.toUpperCase();
    const routing = props.routing;
    const key = `${fqdn} ${type}${routing ? ` ${routing.setIdentifier}` : ""}`;
    // Route 53: one record set per name and type, unless each has a set identifier (weighted,
    // failover); a CNAME shares its name with no other type.
    const clash = Object.keys(this.records).find((k) => {
      const [name, other, setId] = k.split(" ");
      if (name !== fqdn) return false;
      if (other !== type) return other === "CNAME" || type === "CNAME";
      return !routing || setId === undefined || setId === routing.setIdentifier;
    });
    if (clash) throw new Error(`PrivateHostedZone ${this.node.id}: record ${key} clashes with ${clash}, which is declared already`);
    if (routing && "geolocation" in routing) {
      refuseProblems(this, "PrivateHostedZone", geolocationProblems(routing.geolocation).map((p) => error(`records["${key}"].routing.geolocation.${p.field}`, p.message)));
    }
    if (routing && "failover" in routing) {
      const roles = [...this.failoverRoles].filter(([k]) => k.startsWith(`${fqdn} ${type} `)).map(([, role]) => role);
      const problem = failoverRoleProblem(roles, routing.failover);
      if (problem) refuseProblems(this, "PrivateHostedZone", [error(`records["${key}"].failover`, problem)]);
      this.failoverRoles.set(key, routing.failover);
    }
    const target = props.target.bind(this, type, { provider: this.provider });
    const id = `record-${constructIdPart(fqdn)}-${type.toLowerCase()}${routing ? `-${constructIdPart(routing.setIdentifier)}` : ""}`;
    const policy = routing === undefined
      ? {}
      : {
          setIdentifier: routing.setIdentifier,
          healthCheckId: routing.healthCheckId,
          ...routingPolicyArguments(routing),
        };
    let record: Route53Record;
    if ("values" in target) {
      const ttl = props.ttl ?? DEFAULT_RECORD_TTL;
      // Expressions (e.g. module variables) are checked by Terraform at plan time instead.
      const ttlProblem = Token.isUnresolved(ttl) ? undefined : RECORD_TTL.problem(ttl);
      refuseProblems(this, "PrivateHostedZone", [
        ...(ttlProblem ? [error(`records["${key}"].ttl`, `${ttl}: the TTL ${ttlProblem}`)] : []),
        ...(type === "CNAME" && target.values.length > 1 ? [error(`records["${key}"].target`, "a CNAME answers with one name: give one value")] : []),
        ...target.values.flatMap((value, i) => {
          const problem = isValueRecordType(type) && isLiteral(value) ? recordValueProblem(type, value) : undefined;
          return problem ? [error(`records["${key}"].target.values[${i}]`, problem)] : [];
        }),
      ]);
      const records = type === "TXT" ? target.values.map((v) => (isLiteral(v) ? route53TextValue(v) : v)) : [...target.values];
      record = new Route53Record(this, id, { zoneId: this.zone.zoneId, name: fqdn, type, ttl, records, ...policy, provider: this.provider });
    } else {
      // An alias answers with its target's TTL: a TTL given here would be dropped without a word.
      if (props.ttl !== undefined) refuseProblems(this, "PrivateHostedZone", [error(`records["${key}"].ttl`, "an alias record takes its target's TTL: remove ttl")]);
      record = new Route53Record(this, id, {
        zoneId: this.zone.zoneId,
        name: fqdn,
        type,
        alias: { name: target.alias.dnsName, zoneId: target.alias.hostedZoneId, evaluateTargetHealth: target.alias.evaluateTargetHealth ?? false },
        ...policy,
        provider: this.provider,
      });
    }
    this.records[key] = record;
    return record;
  }

  /**
   * Records known only at plan time (a module's input): one `aws_route53_record` with an
   * instance per key of `records`, a Terraform map of `{ name, type, ttl, records }` objects
   * (`name` relative to the zone or absolute; `ttl` may be null: 300 then). Value records only.
   * Nothing is checked here: the caller's variable validation checks types and TTLs at plan time.
   */
  addRecordsFrom(id: string, records: unknown): Route53Record {
    const each = TerraformIterator.fromMap(records as Record<string, unknown>);
    return new Route53Record(this, id, {
      forEach: each,
      zoneId: this.zone.zoneId,
      name: each.getString("name"),
      type: each.getString("type"),
      ttl: Fn.coalesce([each.getNumber("ttl"), DEFAULT_RECORD_TTL]) as number,
      records: each.getList("records"),
      provider: this.provider,
    });
  }

  private vpcBlocks() {
    return this.vpcs.map((v) => ({ vpcId: v.vpcId, vpcRegion: v.region }));
  }
}

import { DataAwsElb } from "@cdktf/provider-aws/lib/data-aws-elb";
import { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { recordFqdn } from "../../core/dns";
import { constructIdPart } from "../../app/plan";

/** A load balancer found by name: ALB/NLB (`aws_lb`) or Classic (`aws_elb`). */
export interface LoadBalancerRef {
  readonly name: string;
  /** @default "application-or-network" */
  readonly type?: "application-or-network" | "classic";
}

/** A CNAME with simple routing, pointing at a load balancer's DNS name or a fixed value. */
export interface CnameRecordProps {
  /** Absolute (`api.elb.lab.private`) or relative to the zone (`api.elb`). */
  readonly name: string;
  readonly type: "CNAME";
  /** Seconds. @default 300 */
  readonly ttl?: number;
  readonly target: { readonly loadBalancer: LoadBalancerRef } | { readonly value: string };
}

/** An alias A/AAAA record to a load balancer (no TTL: Route 53 uses the target's). */
export interface AliasRecordProps {
  readonly name: string;
  readonly type: "A" | "AAAA";
  readonly alias: { readonly loadBalancer: LoadBalancerRef; readonly evaluateTargetHealth?: boolean };
}

export type PrivateRecordProps = CnameRecordProps | AliasRecordProps;

export interface ZoneVpc {
  readonly vpcId: string;
  readonly region: string;
}

export interface PrivateDnsProps {
  /** Zone name, e.g. `lab.private`. */
  readonly zoneName: string;
  /** The VPC the zone is created in, with its region. */
  readonly vpc: ZoneVpc;
  /** More VPCs of the same account to associate. @default [] */
  readonly additionalVpcs?: readonly ZoneVpc[];
  readonly comment?: string;
  /** @default [] */
  readonly records?: readonly PrivateRecordProps[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly provider?: TerraformProvider;
}

const MAX_TTL = 2147483647;

/** A private hosted zone associated with VPCs, and records pointing at load balancers. */
export class PrivateDns extends Construct {
  readonly zone: Route53Zone;
  /** Record FQDNs (lower case, no trailing dot) to their resources. */
  readonly records: Readonly<Record<string, Route53Record>>;
  private readonly loadBalancers = new Map<string, { dnsName: string; zoneId: string }>();
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: PrivateDnsProps) {
    super(scope, id);
    this.provider = props.provider;
    this.zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: props.comment ?? "Managed by Terraform (vpc-peering-cdktf)",
      vpc: [props.vpc, ...(props.additionalVpcs ?? [])].map((v) => ({ vpcId: v.vpcId, vpcRegion: v.region })),
      tags: props.tags,
      provider: props.provider,
    });

    const records: Record<string, Route53Record> = {};
    for (const record of props.records ?? []) {
      const fqdn = recordFqdn(props.zoneName, record.name);
      if (records[fqdn]) throw new Error(`PrivateDns ${id}: record ${fqdn} is declared twice`);
      records[fqdn] = this.addRecord(fqdn, record);
    }
    this.records = records;
  }

  get zoneId(): string {
    return this.zone.zoneId;
  }

  private addRecord(fqdn: string, record: PrivateRecordProps): Route53Record {
    const id = `record-${constructIdPart(fqdn)}-${record.type.toLowerCase()}`;
    if (record.type === "CNAME") {
      const ttl = record.ttl ?? 300;
      // A token (e.g. a module variable) is checked by Terraform at plan time instead.
      if (!Token.isUnresolved(ttl) && (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL)) {
        throw new Error(`PrivateDns: record ${fqdn} has ttl ${ttl}; use a whole number of seconds from 0 to ${MAX_TTL}`);
      }
      const value = "value" in record.target ? record.target.value : this.loadBalancer(record.target.loadBalancer).dnsName;
      return new Route53Record(this, id, {
        zoneId: this.zone.zoneId,
        name: fqdn,
        type: "CNAME",
        ttl,
        records: [value],
        provider: this.provider,
      });
    }
    const lb = this.loadBalancer(record.alias.loadBalancer);
    return new Route53Record(this, id, {
      zoneId: this.zone.zoneId,
      name: fqdn,
      type: record.type,
      alias: { name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: record.alias.evaluateTargetHealth ?? false },
      provider: this.provider,
    });
  }

  /** One data source per load balancer, however many records point at it. */
  private loadBalancer(ref: LoadBalancerRef): { dnsName: string; zoneId: string } {
    const type = ref.type ?? "application-or-network";
    const key = `${type}/${ref.name}`;
    let found = this.loadBalancers.get(key);
    if (!found) {
      const id = `${type === "classic" ? "elb" : "lb"}-${constructIdPart(ref.name)}`;
      const lb =
        type === "classic"
          ? new DataAwsElb(this, id, { name: ref.name, provider: this.provider })
          : new DataAwsLb(this, id, { name: ref.name, provider: this.provider });
      found = { dnsName: lb.dnsName, zoneId: lb.zoneId };
      this.loadBalancers.set(key, found);
    }
    return found;
  }
}

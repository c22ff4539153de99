import { DataAwsElb } from "@cdktf/provider-aws/lib/data-aws-elb";
import { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
import { DataAwsVpcEndpoint } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { constructIdPart } from "../../core/names";

/** A load balancer found by name: ALB/NLB (`aws_lb`) or Classic (`aws_elb`). */
export interface LoadBalancerRef {
  readonly name: string;
  /** @default "application-or-network" */
  readonly type?: "application-or-network" | "classic";
}

/** An alias target: a DNS name and the hosted zone it lives in (load balancers, endpoints, ...). */
export interface AliasTarget {
  readonly dnsName: string;
  readonly hostedZoneId: string;
  /** @default false */
  readonly evaluateTargetHealth?: boolean;
}

/** What a target gives a record once bound to a zone: literal values, or an alias. */
export type BoundRecordTarget = { readonly values: readonly string[] } | { readonly alias: AliasTarget };

export interface RecordTargetBindOptions {
  readonly provider?: TerraformProvider;
}

/**
 * What a record points at, as a value: `RecordTarget.fromValues("a.example.com")`,
 * `RecordTarget.fromAlias({...})`, or `RecordTarget.fromLoadBalancer({ name: "api-elb" })`
 * (looked up once per zone; a CNAME gets its DNS name, an A/AAAA record an alias to it).
 */
export abstract class RecordTarget {
  static fromValues(...values: string[]): RecordTarget {
    return new ValuesTarget(values);
  }

  static fromAlias(target: AliasTarget): RecordTarget {
    return new FixedAliasTarget(target);
  }

  static fromLoadBalancer(ref: LoadBalancerRef, options: { readonly evaluateTargetHealth?: boolean } = {}): RecordTarget {
    return new LoadBalancerTarget(ref, options.evaluateTargetHealth ?? false);
  }

  /**
   * An interface VPC endpoint (`vpce-...`), looked up once per zone: A/AAAA records alias its
   * regional DNS name (the first of its DNS entries), a CNAME points at that name.
   */
  static fromVpcEndpoint(endpointId: string, options: { readonly evaluateTargetHealth?: boolean } = {}): RecordTarget {
    return new VpcEndpointTarget(endpointId, options.evaluateTargetHealth ?? false);
  }

  /** `values` for record types that take values (CNAME, TXT, ...), `alias` for A/AAAA aliases. */
  abstract bind(scope: Construct, recordType: string, options?: RecordTargetBindOptions): BoundRecordTarget;
}

class ValuesTarget extends RecordTarget {
  constructor(private readonly values: readonly string[]) {
    super();
    if (values.length === 0) throw new Error("RecordTarget.fromValues: give at least one value");
  }

  bind(): BoundRecordTarget {
    return { values: this.values };
  }
}

class FixedAliasTarget extends RecordTarget {
  constructor(private readonly target: AliasTarget) {
    super();
  }

  bind(): BoundRecordTarget {
    return { alias: this.target };
  }
}

class LoadBalancerTarget extends RecordTarget {
  constructor(
    private readonly ref: LoadBalancerRef,
    private readonly evaluateTargetHealth: boolean,
  ) {
    super();
  }

  bind(scope: Construct, recordType: string, options: RecordTargetBindOptions = {}): BoundRecordTarget {
    const lb = lookUpLoadBalancer(scope, this.ref, options.provider);
    // A CNAME points at the load balancer's name; A/AAAA records alias it (no TTL, health from the target).
    return recordType === "CNAME"
      ? { values: [lb.dnsName] }
      : { alias: { dnsName: lb.dnsName, hostedZoneId: lb.zoneId, evaluateTargetHealth: this.evaluateTargetHealth } };
  }
}

class VpcEndpointTarget extends RecordTarget {
  constructor(
    private readonly endpointId: string,
    private readonly evaluateTargetHealth: boolean,
  ) {
    super();
  }

  bind(scope: Construct, recordType: string, options: RecordTargetBindOptions = {}): BoundRecordTarget {
    const id = `vpce-${constructIdPart(this.endpointId)}`;
    const endpoint = (scope.node.tryFindChild(id) as DataAwsVpcEndpoint | undefined) ?? new DataAwsVpcEndpoint(scope, id, { id: this.endpointId, provider: options.provider });
    // The first entry is the regional name; the others are per availability zone.
    const entry = endpoint.dnsEntry.get(0);
    return recordType === "CNAME"
      ? { values: [entry.dnsName] }
      : { alias: { dnsName: entry.dnsName, hostedZoneId: entry.hostedZoneId, evaluateTargetHealth: this.evaluateTargetHealth } };
  }
}

/** One data source per load balancer and scope, however many records point at it. */
function lookUpLoadBalancer(scope: Construct, ref: LoadBalancerRef, provider?: TerraformProvider): { dnsName: string; zoneId: string } {
  const type = ref.type ?? "application-or-network";
  const id = `${type === "classic" ? "elb" : "lb"}-${constructIdPart(ref.name)}`;
  const existing = scope.node.tryFindChild(id) as DataAwsLb | DataAwsElb | undefined;
  if (existing) return { dnsName: existing.dnsName, zoneId: existing.zoneId };
  const lb = type === "classic" ? new DataAwsElb(scope, id, { name: ref.name, provider }) : new DataAwsLb(scope, id, { name: ref.name, provider });
  return { dnsName: lb.dnsName, zoneId: lb.zoneId };
}

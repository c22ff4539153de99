import "cdktf/lib/testing/adapters/jest";
import { DataAwsElb } from "@cdktf/provider-aws/lib/data-aws-elb";
import { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { TerraformStack, Testing } from "cdktf";
import { PrivateHostedZone, ZoneVpc } from "../../modules/constructs/dns/private-zone";
import { LoadBalancerRef, RecordTarget } from "../../modules/constructs/dns/record-target";

type RecordInput =
  | { name: string; type: "CNAME"; ttl?: number; target: { value: string } | { loadBalancer: LoadBalancerRef } }
  | { name: string; type: "A" | "AAAA"; alias: { loadBalancer: LoadBalancerRef; evaluateTargetHealth?: boolean } };
interface Props {
  zoneName: string;
  vpc: ZoneVpc;
  additionalVpcs?: ZoneVpc[];
  records?: RecordInput[];
}

const base: Props = { zoneName: "lab.private", vpc: { vpcId: "vpc-0web", region: "us-west-2" } };

/** The zone grows by addVpc and addRecord; record targets are values. */
function synth(props: Partial<Props> = {}) {
  const p = { ...base, ...props };
  return Testing.synthScope((scope) => {
    const zone = new PrivateHostedZone(scope, "dns", { zoneName: p.zoneName, vpc: p.vpc });
    for (const vpc of p.additionalVpcs ?? []) zone.addVpc(vpc);
    for (const r of p.records ?? []) {
      if (r.type === "CNAME") {
        zone.addRecord({ name: r.name, type: r.type, ttl: r.ttl, target: "value" in r.target ? RecordTarget.fromValues(r.target.value) : RecordTarget.fromLoadBalancer(r.target.loadBalancer) });
      } else {
        zone.addRecord({ name: r.name, type: r.type, target: RecordTarget.fromLoadBalancer(r.alias.loadBalancer, { evaluateTargetHealth: r.alias.evaluateTargetHealth }) });
      }
    }
  });
}

describe("PrivateHostedZone", () => {
  it("creates a private zone in the primary VPC and associates more VPCs", () => {
    const out = synth({ additionalVpcs: [{ vpcId: "vpc-0api", region: "us-east-1" }] });
    expect(out).toHaveResourceWithProperties(Route53Zone, {
      name: "lab.private",
      vpc: [
        { vpc_id: "vpc-0web", vpc_region: "us-west-2" },
        { vpc_id: "vpc-0api", vpc_region: "us-east-1" },
      ],
    });
  });

  it("makes relative record names absolute and keeps absolute ones", () => {
    const out = synth({
      records: [
        { name: "api.elb", type: "CNAME", target: { value: "a.example.com" } },
        { name: "db.lab.private.", type: "CNAME", ttl: 60, target: { value: "b.example.com" } },
      ],
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "api.elb.lab.private", ttl: 300, records: ["a.example.com"] });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "db.lab.private", ttl: 60 });
  });

  it("looks each load balancer up once, ALB/NLB or classic", () => {
    const out = synth({
      records: [
        { name: "a", type: "CNAME", target: { loadBalancer: { name: "api-elb" } } },
        { name: "b", type: "CNAME", target: { loadBalancer: { name: "api-elb" } } },
        { name: "c", type: "CNAME", target: { loadBalancer: { name: "old-elb", type: "classic" } } },
      ],
    });
    expect(Object.keys(JSON.parse(out).data.aws_lb)).toHaveLength(1);
    expect(out).toHaveDataSourceWithProperties(DataAwsLb, { name: "api-elb" });
    expect(out).toHaveDataSourceWithProperties(DataAwsElb, { name: "old-elb" });
  });

  it("writes alias records without a TTL, to the load balancer's name and zone", () => {
    const out = synth({ records: [{ name: "web", type: "A", alias: { loadBalancer: { name: "web-elb" }, evaluateTargetHealth: true } }] });
    const lb = Object.keys(JSON.parse(out).data.aws_lb)[0];
    expect(out).toHaveResourceWithProperties(Route53Record, {
      name: "web.lab.private",
      type: "A",
      alias: { name: `\${data.aws_lb.${lb}.dns_name}`, zone_id: `\${data.aws_lb.${lb}.zone_id}`, evaluate_target_health: true },
    });
    const record = Object.values(JSON.parse(out).resource.aws_route53_record)[0] as any;
    expect(record.ttl).toBeUndefined();
  });

  it("takes records of other types with literal values, and aliases to any target", () => {
    const out = Testing.synthScope((scope) => {
      const zone = new PrivateHostedZone(scope, "dns", base);
      zone.addRecord({ name: "txt", type: "TXT", target: RecordTarget.fromValues("v=spf1 -all") });
      zone.addRecord({ name: "db", type: "A", ttl: 60, target: RecordTarget.fromValues("10.0.1.10", "10.0.2.10") });
      zone.addRecord({ name: "vpce", type: "A", target: RecordTarget.fromAlias({ dnsName: "vpce-1.example", hostedZoneId: "Z1" }) });
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "txt.lab.private", type: "TXT", ttl: 300, records: ["v=spf1 -all"] });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "db.lab.private", type: "A", ttl: 60, records: ["10.0.1.10", "10.0.2.10"] });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "vpce.lab.private", alias: { name: "vpce-1.example", zone_id: "Z1", evaluate_target_health: false } });
  });

  it("rejects a TTL out of range and a record declared twice", () => {
    expect(() => synth({ records: [{ name: "a", type: "CNAME", ttl: -5, target: { value: "x" } }] })).toThrow(/records\["a\.lab\.private CNAME"\]\.ttl: -5: the TTL must be a whole number/);
    expect(() =>
      synth({ records: [
        { name: "a", type: "CNAME", target: { value: "x" } },
        { name: "a.lab.private", type: "CNAME", target: { value: "y" } },
      ] }),
    ).toThrow(/a\.lab\.private CNAME clashes with a\.lab\.private CNAME/);
  });

  it("refuses record values Route 53 refuses, with the config path's words", () => {
    const zone = new PrivateHostedZone(new TerraformStack(Testing.app(), "values"), "zone", { zoneName: "lab.private", vpc: { vpcId: "vpc-0123abcd", region: "us-west-2" } });
    expect(() => zone.addRecord({ name: "db", type: "A", target: RecordTarget.fromValues("not-an-ip") })).toThrow(
      /PrivateHostedZone values\/zone: 1 problem in its props\n {2}records\["db\.lab\.private A"\]\.target\.values\[0\]: "not-an-ip" is not an IPv4 address/,
    );
    expect(() => zone.addRecord({ name: "www", type: "CNAME", target: RecordTarget.fromValues("a.example.com", "b.example.com") })).toThrow(/a CNAME answers with one name/);
    expect(zone.addRecord({ name: "db", type: "A", target: RecordTarget.fromValues("10.0.0.10") })).toBeDefined();
  });

  it("writes TXT text as Route 53 holds it: inner quotes escaped, long text in 255-character strings", () => {
    const stack = new TerraformStack(Testing.app(), "txt");
    const zone = new PrivateHostedZone(stack, "zone", { zoneName: "lab.private", vpc: { vpcId: "vpc-0123abcd", region: "us-west-2" } });
    const long = `${"a".repeat(255)}${"b".repeat(10)}`;
    zone.addRecord({ name: "q", type: "TXT", target: RecordTarget.fromValues('say "hi" \\ bye', long) });
    const records = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_route53_record as Record<string, { records: string[] }>)[0].records;
    expect(records).toEqual(['say \\"hi\\" \\\\ bye', `${"a".repeat(255)}""${"b".repeat(10)}`]);
  });

  it("refuses a TTL on an alias record (Route 53 takes the target's)", () => {
    const zone = new PrivateHostedZone(new TerraformStack(Testing.app(), "alias"), "zone", { zoneName: "lab.private", vpc: { vpcId: "vpc-0123abcd", region: "us-west-2" } });
    expect(() => zone.addRecord({ name: "w", type: "A", ttl: 60, target: RecordTarget.fromAlias({ dnsName: "x.elb.amazonaws.com", hostedZoneId: "Z1" }) })).toThrow(/\.ttl: an alias record takes its target's TTL: remove ttl/);
  });
});

describe("PrivateHostedZone routing policies and VPC endpoint aliases", () => {
  const build = (add: (zone: PrivateHostedZone) => void) =>
    Testing.synthScope((scope) => {
      const zone = new PrivateHostedZone(scope, "dns", { zoneName: "corp.internal", vpc: { vpcId: "vpc-0web", region: "us-west-2" } });
      add(zone);
    });

  it("writes weighted and failover records with their set identifiers", () => {
    const out = build((zone) => {
      zone.addRecord({ name: "api", type: "A", target: RecordTarget.fromValues("10.0.1.10"), routing: { setIdentifier: "blue", weight: 90 } });
      zone.addRecord({ name: "api", type: "A", target: RecordTarget.fromValues("10.0.2.10"), routing: { setIdentifier: "green", weight: 10 } });
      zone.addRecord({ name: "q", type: "A", target: RecordTarget.fromValues("10.0.3.10"), routing: { setIdentifier: "p", failover: "PRIMARY", healthCheckId: "hc-1" } });
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "api.corp.internal", set_identifier: "blue", weighted_routing_policy: { weight: 90 } });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "api.corp.internal", set_identifier: "green", weighted_routing_policy: { weight: 10 } });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "q.corp.internal", set_identifier: "p", failover_routing_policy: { type: "PRIMARY" }, health_check_id: "hc-1" });
  });

  it("writes latency and geolocation records (Route 53 takes both in private zones), and refuses a location Route 53 does not know", () => {
    const out = build((zone) => {
      zone.addRecord({ name: "cache", type: "A", target: RecordTarget.fromValues("10.0.3.10"), routing: { setIdentifier: "oregon", latencyRegion: "us-west-2" } });
      zone.addRecord({ name: "docs", type: "A", target: RecordTarget.fromValues("10.0.4.10"), routing: { setIdentifier: "us-wa", geolocation: { country: "US", subdivision: "WA" }, healthCheckId: "hc-2" } });
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "cache.corp.internal", set_identifier: "oregon", latency_routing_policy: { region: "us-west-2" } });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: "docs.corp.internal", set_identifier: "us-wa", geolocation_routing_policy: { country: "US", subdivision: "WA" }, health_check_id: "hc-2" });
    expect(() => build((zone) => {
      zone.addRecord({ name: "docs", type: "A", target: RecordTarget.fromValues("10.0.4.10"), routing: { setIdentifier: "x", geolocation: { continent: "Europe" } } });
    })).toThrow(/routing\.geolocation\.continent: "Europe" is not a continent code: use one of AF, AN, AS, EU, NA, OC, SA/);
  });

  it("refuses a second record of a name and type without distinct set identifiers (Route 53 keeps one record set per name and type)", () => {
    expect(() => build((zone) => {
      zone.addRecord({ name: "api", type: "A", target: RecordTarget.fromValues("10.0.1.10"), routing: { setIdentifier: "blue", weight: 90 } });
      zone.addRecord({ name: "api", type: "A", target: RecordTarget.fromValues("10.0.2.10") });
    })).toThrow(/record api\.corp\.internal A clashes with api\.corp\.internal A blue/);
  });

  it("aliases an interface VPC endpoint through its first (regional) DNS entry, looked up once", () => {
    const out = build((zone) => {
      zone.addRecord({ name: "s3", type: "A", target: RecordTarget.fromVpcEndpoint("vpce-0abc") });
      zone.addRecord({ name: "s3", type: "AAAA", target: RecordTarget.fromVpcEndpoint("vpce-0abc") });
    });
    const json = JSON.parse(out);
    expect(Object.values(json.data.aws_vpc_endpoint)).toEqual([expect.objectContaining({ id: "vpce-0abc" })]);
    expect(out).toHaveResourceWithProperties(Route53Record, {
      type: "A",
      alias: { name: expect.stringContaining(".dns_entry[0].dns_name}"), zone_id: expect.stringContaining(".dns_entry[0].hosted_zone_id}"), evaluate_target_health: false },
    });
  });
});

describe("PrivateHostedZone across accounts", () => {
  it("authorizes in the zone's account and associates in the VPC's, and leaves the zone's VPC list alone", () => {
    const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
    const json = JSON.parse(Testing.synthScope((scope) => {
      const other = new AwsProvider(scope, "shared", { alias: "shared", region: "us-west-2" });
      const zone = new PrivateHostedZone(scope, "dns", { zoneName: "app.internal", vpc: { vpcId: "vpc-0app", region: "us-west-2" } });
      zone.addVpc({ vpcId: "vpc-0same", region: "eu-west-1" });
      zone.addVpc({ vpcId: "vpc-0shared", region: "us-east-1", provider: other, key: "shared" });
    }));
    const zone = Object.values<any>(json.resource.aws_route53_zone)[0];
    // Same account, another region: in the zone's own list, with its region.
    expect(zone.vpc).toEqual([{ vpc_id: "vpc-0app", vpc_region: "us-west-2" }, { vpc_id: "vpc-0same", vpc_region: "eu-west-1" }]);
    expect(zone.lifecycle).toEqual({ ignore_changes: ["vpc"] });
    const authorization = Object.values<any>(json.resource.aws_route53_vpc_association_authorization)[0];
    expect(authorization).toMatchObject({ vpc_id: "vpc-0shared", vpc_region: "us-east-1" });
    expect(authorization.provider).toBeUndefined();
    const association = Object.values<any>(json.resource.aws_route53_zone_association)[0];
    expect(association).toMatchObject({ vpc_id: "vpc-0shared", vpc_region: "us-east-1", provider: "aws.shared" });
    expect(association.depends_on).toEqual([expect.stringMatching(/^aws_route53_vpc_association_authorization\.dns_association-shared-authorization/)]);
  });
});

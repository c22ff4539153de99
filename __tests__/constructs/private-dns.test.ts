import "cdktf/lib/testing/adapters/jest";
import { DataAwsElb } from "@cdktf/provider-aws/lib/data-aws-elb";
import { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Testing } from "cdktf";
import { PrivateDns, PrivateDnsProps } from "../../modules/constructs/dns/private-dns";

const base: PrivateDnsProps = { zoneName: "lab.private", vpc: { vpcId: "vpc-0web", region: "us-west-2" } };

function synth(props: Partial<PrivateDnsProps> = {}) {
  return Testing.synthScope((scope) => {
    new PrivateDns(scope, "dns", { ...base, ...props });
  });
}

describe("PrivateDns", () => {
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

  it("rejects a TTL out of range and a record declared twice", () => {
    expect(() => synth({ records: [{ name: "a", type: "CNAME", ttl: -5, target: { value: "x" } }] })).toThrow(/ttl -5; use a whole number/);
    expect(() =>
      synth({ records: [
        { name: "a", type: "CNAME", target: { value: "x" } },
        { name: "a.lab.private", type: "CNAME", target: { value: "y" } },
      ] }),
    ).toThrow(/a\.lab\.private is declared twice/);
  });
});

import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { PeeredVpcsStack } from "../main";

describe("PeeredVpcsStack (vpc-peering-cdktf as a library)", () => {
  const synthesized = Testing.synth(new PeeredVpcsStack(Testing.app(), "test"));

  it("creates both VPCs with DNS support and hostnames on", () => {
    expect(synthesized).toHaveResourceWithProperties(Vpc, { cidr_block: "10.20.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(synthesized).toHaveResourceWithProperties(Vpc, { cidr_block: "10.30.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
  });

  it("peers them, auto-accepted (same account and region), and routes each way", () => {
    expect(synthesized).toHaveResourceWithProperties(VpcPeeringConnection, { auto_accept: true, tags: { Name: "app-data" } });
    expect(synthesized).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.30.0.0/16" });
    expect(synthesized).toHaveResourceWithProperties(Route, { destination_cidr_block: "10.20.0.0/16" });
  });

  it("logs both VPCs to one CloudWatch Logs group", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "app-data-flow-logs", retention_in_days: 365 });
    expect(synthesized).toHaveResourceWithProperties(FlowLog, { traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
  });

  it("has a private zone in both VPCs with the record", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, { name: "internal.example" });
    const zone = Object.values(JSON.parse(synthesized).resource.aws_route53_zone)[0] as { vpc: unknown[] };
    expect(zone.vpc).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(Route53Record, { name: "db.internal.example", type: "CNAME", ttl: 300 });
  });

  // Real Terraform against the stand-in aws provider the package ships (jest.config.js's
  // globalSetup: vpc-peering-cdktf/testing/jest-global-setup): no registry, no AWS account.
  it("is valid Terraform and plans, offline", () => {
    const dir = Testing.fullSynth(new PeeredVpcsStack(Testing.app(), "offline"));
    expect(dir).toBeValidTerraform();
    expect(dir).toPlanSuccessfully();
  });
});

import "cdktf/lib/testing/adapters/jest";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { DataAwsLb } from "@cdktf/provider-aws/lib/data-aws-lb";
import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { labConfig, ofType, synthStack } from "./helpers/lab";

// The lab's tasks (seeds 000 and 001), each checked the way a reviewer of the plan would.
describe("the lab stack", () => {
  const synthesized = synthStack(labConfig());
  const json = JSON.parse(synthesized);
  const vpcRef = (name: string) => {
    const id = Object.entries(json.data.aws_vpc).find(([, v]: [string, any]) => v.filter[0].values[0] === name)![0];
    return `\${data.aws_vpc.${id}.id}`;
  };
  const tableRef = (name: string) => {
    const id = Object.entries(json.data.aws_route_table).find(([, v]: [string, any]) => v.filter[0].values[0] === name)![0];
    return `\${data.aws_route_table.${id}.route_table_id}`;
  };
  const peeringRef = () => `\${aws_vpc_peering_connection.${Object.keys(json.resource.aws_vpc_peering_connection)[0]}.id}`;

  it("uses the aws provider in us-west-2", () => {
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, { region: "us-west-2" });
  });

  it("finds web-vpc and api-vpc by Name tag and checks their CIDRs and DNS at plan time", () => {
    for (const [name, cidr] of [["web-vpc", "10.0.0.0/16"], ["api-vpc", "10.1.0.0/16"]]) {
      expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, {
        filter: [{ name: "tag:Name", values: [name] }],
        lifecycle: {
          postcondition: expect.arrayContaining([
            expect.objectContaining({ condition: `\${self.cidr_block == "${cidr}"}` }),
            expect.objectContaining({ condition: "${self.enable_dns_support}" }),
            expect.objectContaining({ condition: "${self.enable_dns_hostnames}" }),
          ]),
        },
      });
    }
  });

  it("finds the route tables by Name tag inside their VPC", () => {
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsRouteTable, {
      vpc_id: vpcRef("web-vpc"),
      filter: [{ name: "tag:Name", values: ["web-vpc-rtb"] }],
    });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsRouteTable, {
      vpc_id: vpcRef("api-vpc"),
      filter: [{ name: "tag:Name", values: ["api-vpc-rtb"] }],
    });
  });

  it("enables flow logs of ALL traffic on both VPCs into flow-logs-group with flow-log-role", () => {
    expect(ofType(synthesized, "aws_flow_log")).toHaveLength(2);
    const group = Object.keys(json.resource.aws_cloudwatch_log_group)[0];
    const role = Object.keys(json.data.aws_iam_role)[0];
    for (const vpc of ["web-vpc", "api-vpc"]) {
      expect(synthesized).toHaveResourceWithProperties(FlowLog, {
        vpc_id: vpcRef(vpc),
        traffic_type: "ALL",
        log_destination_type: "cloud-watch-logs",
        log_destination: `\${aws_cloudwatch_log_group.${group}.arn}`,
        iam_role_arn: `\${data.aws_iam_role.${role}.arn}`,
      });
    }
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "flow-logs-group" });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsIamRole, { name: "flow-log-role" });
    expect(synthesized).not.toHaveResource(IamRole);
  });

  it("creates the private zone lab.private in web-vpc, us-west-2", () => {
    expect(synthesized).toHaveResourceWithProperties(Route53Zone, {
      name: "lab.private",
      vpc: [{ vpc_id: vpcRef("web-vpc"), vpc_region: "us-west-2" }],
    });
  });

  it("points api.elb.lab.private at api-elb's DNS name: CNAME, simple routing, TTL 300", () => {
    const lb = Object.keys(json.data.aws_lb)[0];
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsLb, { name: "api-elb" });
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      name: "api.elb.lab.private",
      type: "CNAME",
      ttl: 300,
      records: [`\${data.aws_lb.${lb}.dns_name}`],
    });
    const record = ofType(synthesized, "aws_route53_record")[0];
    for (const policy of ["weighted_routing_policy", "latency_routing_policy", "failover_routing_policy", "geolocation_routing_policy"]) {
      expect(record[policy]).toBeUndefined();
    }
  });

  it("peers api-vpc (requester) with web-vpc (accepter) as api-web-pc, accepted", () => {
    expect(ofType(synthesized, "aws_vpc_peering_connection")).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(VpcPeeringConnection, {
      vpc_id: vpcRef("api-vpc"),
      peer_vpc_id: vpcRef("web-vpc"),
      auto_accept: true,
      tags: { Name: "api-web-pc" },
    });
  });

  it("allows remote DNS resolution on both sides, inline on the auto-accepted connection (no separate options resource)", () => {
    expect(synthesized).toHaveResourceWithProperties(VpcPeeringConnection, {
      auto_accept: true,
      requester: { allow_remote_vpc_dns_resolution: true },
      accepter: { allow_remote_vpc_dns_resolution: true },
    });
    // Never both inline and in the separate resource: the two would overwrite each other.
    expect(synthesized).not.toHaveResource(VpcPeeringConnectionOptions);
  });

  it("routes web-vpc-rtb → 10.1.0.0/16 and api-vpc-rtb → 10.0.0.0/16 through the peering, and nothing else", () => {
    expect(ofType(synthesized, "aws_route")).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(Route, {
      route_table_id: tableRef("web-vpc-rtb"),
      destination_cidr_block: "10.1.0.0/16",
      vpc_peering_connection_id: peeringRef(),
    });
    expect(synthesized).toHaveResourceWithProperties(Route, {
      route_table_id: tableRef("api-vpc-rtb"),
      destination_cidr_block: "10.0.0.0/16",
      vpc_peering_connection_id: peeringRef(),
    });
  });

  it("keeps state in S3, encrypted and locked with a lock file", () => {
    expect(json.terraform.backend.s3).toEqual(
      expect.objectContaining({ bucket: "vpc-peering-lab-tfstate", key: "vpc-peering/lab.tfstate", region: "us-west-2", encrypt: true, use_lockfile: true }),
    );
    expect(json.terraform.backend.local).toBeUndefined();
  });

  it("outputs what callers chain on", () => {
    expect(Object.keys(json.output).sort()).toEqual([
      "flow_log_api_id",
      "flow_log_group_arn",
      "flow_log_role_arn",
      "flow_log_web_id",
      "peering_api-web-pc_id",
      "private_zone_lab_private_id",
      "record_api_elb_lab_private_cname_fqdn",
      "vpc_api_id",
      "vpc_web_id",
    ].map((n) => n.replace(/-/g, "_")).sort());
  });

  it("matches the snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});

describe("the provider's account guard", () => {
  it("pins allowed_account_ids when the config names the account, and not otherwise", () => {
    const pinned = JSON.parse(synthStack({ ...labConfig(), accountId: "111122223333" }));
    expect(pinned.provider.aws[0].allowed_account_ids).toEqual(["111122223333"]);
    expect(JSON.parse(synthStack(labConfig())).provider.aws[0].allowed_account_ids).toBeUndefined();
  });
});

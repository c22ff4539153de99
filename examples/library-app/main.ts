import { Construct } from "constructs";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  CreatedVpc,
  FlowLogDestination,
  FlowLogs,
  PrivateHostedZone,
  RecordTarget,
  StateBackend,
  VpcPeering,
} from "vpc-peering-cdktf";

/** Two VPCs this stack creates, peered, with flow logs and a private zone both can resolve. */
export class PeeredVpcsStack extends TerraformStack {
  readonly peering: VpcPeering;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = "us-west-2";
    new AwsProvider(this, "aws", { region });
    new StateBackend(this, "state", { type: "local" });

    const app = new CreatedVpc(this, "app", {
      key: "app",
      cidrBlocks: ["10.20.0.0/16"],
      subnets: [{ cidr: "10.20.1.0/24", az: "us-west-2a" }],
    });
    const data = new CreatedVpc(this, "data", {
      key: "data",
      cidrBlocks: ["10.30.0.0/16"],
      subnets: [{ cidr: "10.30.1.0/24", az: "us-west-2b" }],
    });

    this.peering = new VpcPeering(this, "app-data", {
      name: "app-data",
      requester: app,
      accepter: data,
      allowRemoteVpcDnsResolution: true,
      defaultRegion: region,
    });

    new FlowLogs(this, "flow-logs", {
      vpcs: { app: app.vpcId, data: data.vpcId },
      destination: FlowLogDestination.toCloudWatchLogs({ name: "app-data-flow-logs", retentionInDays: 365 }, { name: "app-data-flow-logs" }),
    });

    const zone = new PrivateHostedZone(this, "zone", { zoneName: "internal.example", vpc: { vpcId: app.vpcId, region } });
    zone.addVpc({ vpcId: data.vpcId, region });
    zone.addRecord({ name: "db", type: "CNAME", ttl: 300, target: RecordTarget.fromValues("db.data.internal.example") });

    new TerraformOutput(this, "peering_id", { value: this.peering.connectionId });
  }
}

// Synthesize only when run as the app (tests import the stack class).
if (require.main === module) {
  const app = new App();
  new PeeredVpcsStack(app, "peered-vpcs");
  app.synth();
}

import { DataAwsPrefixList } from "@cdktf/provider-aws/lib/data-aws-prefix-list";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointRouteTableAssociation } from "@cdktf/provider-aws/lib/vpc-endpoint-route-table-association";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { chooseEndpointRouteTables, gatewayTablesForRules, endpointProblems, endpointServiceName, FULL_ACCESS_ENDPOINT_POLICY, policyProblems, type EndpointSpec } from "../../core/endpoints";
import { constructIdPart } from "../../core/names";
import { formatProblem } from "../../core/problems";
import type { RouteTableSpec } from "../../core/routes";
import { recordFact, recordOverTableSet } from "../facts";
import { IPeerableVpc, vpcSideSpec } from "../vpc/peerable-vpc";
import { EndpointRegistry } from "./endpoint-registry";

/** The services with gateway endpoints (aws-cdk's `GatewayVpcEndpointAwsService`). */
export class GatewayVpcEndpointAwsService {
  static readonly S3 = new GatewayVpcEndpointAwsService("s3");
  static readonly DYNAMODB = new GatewayVpcEndpointAwsService("dynamodb");
  /** @param name the part after `com.amazonaws.<region>.` */
  constructor(readonly name: string) {}
}

/** What every endpoint takes besides its own kind's props. */
export interface VpcEndpointOptions {
  /** The VPC the endpoint is in. */
  readonly vpc: IPeerableVpc;
  /**
   * The endpoint policy, as an IAM policy document (an object, or its JSON text). For S3, e.g.
   * `bucketEndpointPolicy(["my-bucket"])` admits only that bucket's objects.
   * @default full access (any principal, action and resource of the service; IAM and resource policies still apply)
   */
  readonly policy?: object | string;
  /** Region of the service. @default the VPC's region, else the provider's (looked up) */
  readonly region?: string;
  /** @default none (the provider's default tags) */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface GatewayVpcEndpointProps extends VpcEndpointOptions {
  /** `s3` or `dynamodb`. */
  readonly service: GatewayVpcEndpointAwsService | string;
  /**
   * The route tables that get the route to the service's prefix list, by the key the VPC lists
   * them under (Name tag or id as given, or its discovered set). @default all of the VPC's route tables
   */
  readonly routeTables?: readonly string[];
}

export const policyText = (policy: object | string | undefined, fallback?: object) =>
  policy === undefined ? (fallback ? JSON.stringify(fallback) : undefined) : typeof policy === "string" ? policy : JSON.stringify(policy);

/**
 * A gateway endpoint (S3 or DynamoDB) in one VPC: AWS routes the service's prefix list
 * (`data.aws_prefix_list` by name `com.amazonaws.<region>.<service>`) to it in each associated
 * route table. It serves that VPC only: a peered VPC cannot use it (no edge-to-edge routing).
 * Refused at synth: a service without gateway endpoints, unknown route tables, a second gateway
 * endpoint for the service in one route table.
 */
export class GatewayVpcEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  /** The service's AWS-managed prefix list (for security-group egress rules, say). */
  readonly prefixList: DataAwsPrefixList;
  readonly vpcEndpointId: string;
  readonly serviceName: string;
  /** The route tables associated with the endpoint. */
  readonly routeTables: readonly RouteTableSpec[];

  constructor(scope: Construct, id: string, props: GatewayVpcEndpointProps) {
    super(scope, id);
    const { vpc } = props;
    const service = typeof props.service === "string" ? props.service : props.service.name;
    const side = vpcSideSpec(vpc);
    const chosen = chooseEndpointRouteTables(side.routeTables, props.routeTables, "routeTables");
    this.routeTables = chosen.tables;
    const spec = (where: string): EndpointSpec => ({ where, type: "gateway", service, vpc: { key: vpc.key, identity: side.identity }, routeTables: gatewayTablesForRules(chosen) });
    this.node.addValidation({ validate: () => [...chosen.problems, ...endpointProblems(spec("")), ...policyProblems(props.policy, "policy")].map(formatProblem) });
    EndpointRegistry.of(this).register(() => spec(this.node.path));

    const placement = { region: vpc.region, provider: vpc.provider };
    const region = props.region ?? vpc.region ?? new DataAwsRegion(this, "region", { provider: vpc.provider }).region;
    this.serviceName = endpointServiceName(service, region);
    this.prefixList = new DataAwsPrefixList(this, "prefix-list", { name: this.serviceName, ...placement });
    this.endpoint = new VpcEndpoint(this, "endpoint", {
      vpcId: vpc.vpcId,
      serviceName: this.serviceName,
      vpcEndpointType: "Gateway",
      policy: policyText(props.policy, FULL_ACCESS_ENDPOINT_POLICY),
      tags: { ...props.tags, Name: `${vpc.key}-${service}` },
      ...placement,
    });
    recordFact(this.endpoint, { endpoint: { type: "gateway", service, vpc: vpc.key } });
    this.vpcEndpointId = this.endpoint.id;
    for (const table of chosen.tables) this.associate(vpc, table);
  }

  /** One association per table; tables found at plan time get one each (for_each over their ids). */
  private associate(vpc: IPeerableVpc, table: RouteTableSpec): void {
    const found = table.discovered !== undefined && vpc.findRouteTables ? vpc.findRouteTables(table.discovered) : vpc.routeTableSets?.[table.key];
    const each = found ? TerraformIterator.fromList(found) : undefined;
    const association = new VpcEndpointRouteTableAssociation(this, `route-table-${constructIdPart(table.key)}`, {
      forEach: each,
      routeTableId: each ? Token.asString(each.value) : vpc.routeTableIds[table.key],
      vpcEndpointId: this.endpoint.id,
      region: vpc.region,
      provider: vpc.provider,
    });
    recordOverTableSet(association, found);
  }
}

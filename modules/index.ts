// The public API of vpc-peering-cdktf: constructs and their props, the config loader and stacks,
// and the pure planning functions. Everything a consumer imports comes from here.

// Constructs: VPCs
export { ExistingVpc } from "./constructs/vpc/existing-vpc";
export type { ExistingVpcAttributes, ExistingVpcProps, PlanTimeVpcAttributes } from "./constructs/vpc/existing-vpc";
export { CreatedVpc } from "./constructs/vpc/created-vpc";
export { ExternalVpc } from "./constructs/vpc/external-vpc";
export type { ExternalVpcProps } from "./constructs/vpc/external-vpc";
export type { CreatedSubnetProps, CreatedVpcProps } from "./constructs/vpc/created-vpc";
export type { IPeerableVpc, NetworkAclRef, PeerableVpcOptions, RouteToProps } from "./constructs/vpc/peerable-vpc";

// Constructs: peering, meshes, security rules
export { VpcPeering } from "./constructs/routing/vpc-peering";
export type { DnsFlag, PlanTimeLocation, VpcPeeringProps } from "./constructs/routing/vpc-peering";
export { PeeringMesh } from "./constructs/routing/peering-mesh";
export type { PeeringMeshProps } from "./constructs/routing/peering-mesh";
export { PeerSecurityRules } from "./constructs/routing/peer-security-rules";
export type { PeerSecurityRulesOptions, PeerSecurityRulesProps } from "./constructs/routing/peer-security-rules";
export { SynthChecks } from "./constructs/checks/synth-checks";
export type { SynthChecksProps } from "./constructs/checks/synth-checks";
export { PeeringChecks, QUOTA_CONTEXT } from "./constructs/checks/peering-checks";
export type { PeeringQuotas } from "./constructs/checks/peering-checks";

// Constructs: routes to any target (a peering is one IRouteTarget)
export { addRoute, TargetRoutes } from "./constructs/routing/route-target";
export type { AddRouteOptions, IRouteTarget, RouteTargetArguments, RouteTimeouts, TargetRoutesProps } from "./constructs/routing/route-target";

// Constructs: VPC endpoints (gateway: S3, DynamoDB; interface: any service, centralized in a hub)
export { GatewayVpcEndpoint, GatewayVpcEndpointAwsService } from "./constructs/endpoints/gateway-endpoint";
export type { GatewayVpcEndpointProps, VpcEndpointOptions } from "./constructs/endpoints/gateway-endpoint";
export { InterfaceVpcEndpoint } from "./constructs/endpoints/interface-endpoint";
export type { InterfaceVpcEndpointProps } from "./constructs/endpoints/interface-endpoint";
export { bucketEndpointPolicy, endpointServiceName, endpointZoneName, FULL_ACCESS_ENDPOINT_POLICY, GATEWAY_ENDPOINT_SERVICES } from "./core/endpoints";

// Constructs: Transit Gateway (route tables, VPC attachments, static and blackhole routes; a connection kind beside peering)
export { TransitGateway } from "./constructs/transit/transit-gateway";
export type { TransitGatewayLookup, TransitGatewayProps } from "./constructs/transit/transit-gateway";
export { TransitGatewayAttachment } from "./constructs/transit/transit-gateway-attachment";
export type { TransitGatewayAttachmentOptions, TransitGatewayAttachmentProps } from "./constructs/transit/transit-gateway-attachment";
export { TransitGatewayRouteTable } from "./constructs/transit/transit-gateway-route-table";
export { TransitGatewayPeering } from "./constructs/transit/transit-gateway-peering";
export type { TransitGatewayPeeringOptions, TransitGatewayPeeringProps } from "./constructs/transit/transit-gateway-peering";
export { TransitGatewayShare } from "./constructs/transit/transit-gateway-share";
export type { TransitGatewayGrant, TransitGatewayShareProps, TransitGatewaySharing } from "./constructs/transit/transit-gateway-share";
export type { TransitGatewayRouteTableProps } from "./constructs/transit/transit-gateway-route-table";
export { TRANSIT_TARGET, transitGatewayProblems, transitLookup, transitRouteTableEntries, transitSharedAccounts } from "./core/transit";
export type { TransitAttachmentSpec, TransitEntry, TransitGatewaySpec, TransitPeeringSide, TransitRouteTableSpec, TransitStaticRoute, TransitVpc } from "./core/transit";
export { transitPeeringProblems, transitPeeringSides } from "./core/transit-peering";
export type { TransitPeeringSpec } from "./core/transit-peering";

// Constructs: flow logs
export { FlowLog, FlowLogs } from "./constructs/flow-logs/flow-logs";
export type { FlowLogOptions, FlowLogProps, FlowLogsProps, FlowLogTarget, FlowLogTrafficType } from "./constructs/flow-logs/flow-logs";
export { CloudWatchLogsDestination, FlowLogDestination } from "./constructs/flow-logs/destination";
export type { CloudWatchLogGroupOptions, FirehoseDestinationOptions, FlowLogDestinationConfig, FlowLogRoleOptions, S3DestinationOptions } from "./constructs/flow-logs/destination";

// Constructs: private DNS
export { PrivateHostedZone } from "./constructs/dns/private-zone";
export { ResolverQueryLogging } from "./constructs/dns/query-logging";
export type { ResolverQueryLoggingProps } from "./constructs/dns/query-logging";
export type { PrivateHostedZoneProps, RecordProps, RecordRouting, ZoneVpc } from "./constructs/dns/private-zone";
export { RecordTarget } from "./constructs/dns/record-target";
export type { AliasTarget, LoadBalancerRef } from "./constructs/dns/record-target";

// Stacks with readable resource addresses (no cdktf hash suffix)
export { ReadableAddressStack } from "./constructs/readable-address-stack";
export type { ReadableAddressStackProps } from "./constructs/readable-address-stack";

// Constructs: state
export { StateBackend } from "./constructs/state/state-backend";
export type { CloudStateProps, LocalStateProps, S3StateProps, StateBackendProps } from "./constructs/state/state-backend";
export { StateBucket } from "./constructs/state/state-bucket";
export type { StateBucketProps } from "./constructs/state/state-bucket";
export { AccessLogBucket } from "./constructs/state/access-log-bucket";
export type { AccessLogBucketProps } from "./constructs/state/access-log-bucket";

// The config-driven app: load a topology file, build its stacks
export { loadConfig, parseConfig } from "./app/config/load";
export type { LoadOptions } from "./app/config/load";
export type { TopologyConfig, TopologyInput } from "./app/config/schema";
export { PeeringStack } from "./app/peering-stack";
export type { PeeringStackOptions } from "./app/peering-stack";
export { StateStack } from "./app/state-stack";
export type { StateStackProps } from "./app/state-stack";
export { synthAtomically } from "./app/synth";

// Pure planning and checks (no cdktf)
export { ConfigError, formatProblem } from "./core/problems";
export type { ConfigProblem } from "./core/problems";
export { checkPeerings, planPeering } from "./core/peering";
export type { PeeringPlan, PeeringRouteTables, PeeringSpec, RouteTableChoice, VpcSideSpec } from "./core/peering";
export type { RouteTableDiscovery, RoutePlan, RouteTargetRef } from "./core/routes";
export { planRoutes, PEERING_TARGET } from "./core/routes";
export { parseCidr } from "./core/cidr";
export { LOG_RETENTION_DAYS, QUOTAS, RECORD_TTL } from "./core/limits";

import { expandPeerings, peeringSpec, resolveTopology, vpcRouteTables } from "../../modules/app/adapter";
import { endpointZoneName } from "../../modules/core/endpoints";
import { transitVpcRoutes } from "../../modules/core/transit";
import { transitSpecs } from "../../modules/app/config/transit-checks";
import type { TopologyConfig } from "../../modules/app/config/schema";
import { planPeering } from "../../modules/core/peering";
import { RuleNumbers } from "../../modules/core/security";
import type { NetworkModel } from "../../modules/report/network-model";

// The contract between writing and reading, as the report tests check it: what the model says
// (config → adapter → planner) must be what the report reads back from the synthesized JSON
// (through core/facts.ts): the same VPCs, peerings with their DNS options, routes, rules, zones
// and endpoints. Used for whole stacks (report/contract.test.ts) and splits (split-report.test.ts).

export interface ContractFacts {
  vpcs: string[];
  peerings: string[];
  routes: string[];
  sgRules: string[];
  naclRules: string[];
  zones: string[];
  endpoints: string[];
}

const sorted = (xs: string[]) => [...xs].sort();

/** What the model (config → adapter → planner) says the stack holds. */
export function fromModel(config: TopologyConfig): ContractFacts {
  const plan = resolveTopology(config);
  const ruleNumbers = new RuleNumbers();
  const peerings = expandPeerings(config).map((p) => ({ p, plan: planPeering(peeringSpec(config, p), { defaultRegion: config.region, ruleNumbers }) }));
  const tableLabel = (key: string) => key.replace(/^the table of subnet /, "subnet ");
  return {
    // An external VPC's DNS settings are its account's: nothing checks them (no lookup, no postcondition).
    vpcs: sorted(Object.values(plan.vpcs).map((v) => `${v.key} ${[...v.cidrBlocks, ...v.ipv6CidrBlocks].join(",")} dns:${v.create ? "on" : v.requiresDns && !config.vpcs[v.key].external ? "required" : "unknown"}`)),
    peerings: sorted(plan.peerings.map((p) => `${p.name} ${p.requester}→${p.accepter} dns:${p.allowRemoteVpcDnsResolution.requester}/${p.allowRemoteVpcDnsResolution.accepter}`)),
    // Only sides of an active connection get routes: a request to an external account not yet
    // accepted has none, and an external side's routes are that account's (acceptance.ts).
    routes: sorted([
      ...peerings.flatMap(({ p, plan: pp }) => pp.routes.filter((r) => !config.vpcs[p.peering[r.side]].external && !(config.vpcs[p.peering.accepter].external && p.peering.accepted !== true)).map((r) => `${p.peering[r.side]}/${tableLabel(r.routeTable.key)} → ${r.destination} via ${p.peering.name}`)),
      // VPC routes to each transit gateway, as the core plans them from its TGW route tables (with its TGW peerings' static routes).
      ...transitSpecs(config).flatMap((spec) => {
        return spec.attachments.flatMap((a) => transitVpcRoutes(spec, a).map((r) => `${a.vpc.key}/${tableLabel(r.routeTable.key)} → ${r.destination} via ${r.target.kind} ${r.target.name}`));
      }),
    ]),
    sgRules: sorted(peerings.flatMap(({ p, plan: pp }) => pp.securityGroupRules.map((r) => `${p.peering[r.side]} ${r.securityGroupId} ${r.ipProtocol} ${r.fromPort ?? -1}-${r.toPort ?? -1} from ${Object.values(r.source)[0]}`))),
    naclRules: sorted(peerings.flatMap(({ p, plan: pp }) => pp.networkAclRules.map((r) => `${p.peering[r.side]} ${r.networkAclId} #${r.ruleNumber} ${r.egress ? "out" : "in"} ${r.protocol} ${r.fromPort}-${r.toPort} ${r.cidr}`))),
    zones: sorted([
      ...config.privateZones.map((z) => `${z.name} ${sorted([z.vpc, ...z.additionalVpcs]).join(",")}`),
      // A centralized endpoint's zone, associated with its VPC and every spoke.
      ...config.endpoints.filter((e) => (e.sharedWith ?? []).length > 0).map((e) => `${endpointZoneName(e.service, plan.vpcs[e.vpc].region)} ${sorted([e.vpc, ...(e.sharedWith ?? [])]).join(",")}`),
    ]),
    endpoints: sorted(config.endpoints.map((e) => {
      const tables = e.type === "gateway" ? (e.routeTables ?? vpcRouteTables(config, e.vpc).map((t) => t.key)) : [];
      return `${e.vpc} ${e.type} ${e.service} tables:${sorted(tables).join(",")} shared:${sorted(e.sharedWith ?? []).join(",")} port:${e.type === "interface" ? (e.port ?? 443) : "-"}`;
    })),
  };
}

/** What the report reads back from the JSON. */
export function fromJson(model: NetworkModel): ContractFacts {
  const vpc = (ref: string | undefined) => model.vpcs.find((v) => v.ref === ref)?.label ?? `?${ref}`;
  const table = (ref: string) => model.routeTables.find((t) => t.ref === ref);
  const peering = (ref: string | undefined) => model.peerings.find((p) => p.ref === ref)?.label ?? `?${ref}`;
  return {
    vpcs: sorted(model.vpcs.map((v) => `${v.label} ${[...v.ipv4, ...v.ipv6].join(",")} dns:${v.created ? (v.dnsSupport && v.dnsHostnames ? "on" : "off") : v.dnsSupport && v.dnsHostnames ? "required" : "unknown"}`)),
    peerings: sorted(model.peerings.map((p) => `${p.label} ${vpc(p.requester)}→${vpc(p.accepter)} dns:${p.dns.requester}/${p.dns.accepter}`)),
    routes: sorted(model.routes.map((r) => `${vpc(table(r.table)?.vpc)}/${table(r.table)?.label} → ${r.destination} via ${r.peering === undefined && r.target ? `${r.target.kind} ${r.target.name}` : peering(r.peering)}`)),
    sgRules: sorted(model.sgRules.map((r) => `${vpc(r.vpc)} ${r.group} ${r.protocol} ${r.from}-${r.to} from ${"cidr" in r.source ? r.source.cidr : r.source.group}`)),
    naclRules: sorted(model.naclRules.map((r) => `${vpc(r.vpc)} ${r.acl} #${r.number} ${r.egress ? "out" : "in"} ${r.protocol} ${r.from}-${r.to} ${r.cidr}`)),
    zones: sorted(model.zones.map((z) => `${z.name} ${sorted(z.vpcs.map(vpc)).join(",")}`)),
    endpoints: sorted((model.endpoints ?? []).map((e) =>
      `${vpc(e.vpc)} ${e.type} ${e.service} tables:${sorted(e.routeTables.map((t) => table(t)?.label ?? `?${t}`)).join(",")} shared:${sorted(e.sharedWith.map(vpc)).join(",")} port:${e.port ?? "-"}`)),
  };
}


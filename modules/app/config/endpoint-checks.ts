import { chooseEndpointRouteTables, gatewayTablesForRules, endpointConflicts, endpointProblems, policyProblems, type EndpointSpec } from "../../core/endpoints";
import { ConfigProblem, error } from "../../core/problems";
import { expandPeerings, vpcIdentity, vpcRouteTables } from "../adapter";
import type { EndpointConfig, TopologyConfig } from "./schema";

/**
 * The config's endpoints through the rules the constructs apply (core/endpoints.ts): each
 * endpoint on its own, then between endpoints, with spokes required to be peered with their hub.
 */
export function endpointConfigProblems(config: TopologyConfig, known: (key: string, path: string) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const specs: EndpointSpec[] = [];
  config.endpoints.forEach((endpoint, i) => {
    const where = `endpoints[${i}]`;
    if (!known(endpoint.vpc, `${where}.vpc`)) return;
    (endpoint.sharedWith ?? []).forEach((key, j) => known(key, `${where}.sharedWith[${j}]`));
    const own = ownProblems(config, endpoint, where);
    problems.push(...own.problems);
    if (own.spec) {
      problems.push(...endpointProblems(own.spec));
      specs.push(own.spec);
    }
  });
  const pairs = expandPeerings(config).filter(({ peering: p }) => Object.hasOwn(config.vpcs, p.requester) && Object.hasOwn(config.vpcs, p.accepter))
    .map(({ peering: p }) => [vpcIdentity(config, p.requester), vpcIdentity(config, p.accepter)]);
  const peered = (a: string, b: string) => pairs.some(([r, c]) => (r === a && c === b) || (r === b && c === a));
  problems.push(...endpointConflicts(specs, peered));
  return problems;
}

/** What the config alone decides about one endpoint, and its spec for the core rules. */
function ownProblems(config: TopologyConfig, endpoint: EndpointConfig, where: string): { problems: ConfigProblem[]; spec?: EndpointSpec } {
  const vpc = config.vpcs[endpoint.vpc];
  const problems = policyProblems(endpoint.policy, `${where}.policy`);
  if (vpc.external) return { problems: [...problems, error(`${where}.vpc`, `${endpoint.vpc} is a VPC of an account the stack does not manage: nothing can be made in it; put the endpoint in a VPC the stack manages`)] };
  if (config.split !== "none" && (endpoint.sharedWith ?? []).length > 0) {
    problems.push(error(`${where}.sharedWith`, `a centralized endpoint's zone is associated with its spokes in one stack: use split: none, or give each VPC its own endpoint`));
  }
  const chosen = endpoint.type === "gateway" ? chooseEndpointRouteTables(vpcRouteTables(config, endpoint.vpc), endpoint.routeTables, `${where}.routeTables`) : undefined;
  problems.push(...(chosen?.problems ?? []));
  // An unknown key is reported by `known`; the rules pass over it.
  const vpcOf = (key: string) => (Object.hasOwn(config.vpcs, key) ? { key, identity: vpcIdentity(config, key), external: config.vpcs[key].external !== undefined } : { key, identity: `unknown:${key}`, refused: true });
  return {
    problems,
    spec: {
      where,
      type: endpoint.type,
      service: endpoint.service,
      vpc: vpcOf(endpoint.vpc),
      routeTables: chosen ? gatewayTablesForRules(chosen) : endpoint.routeTables !== undefined ? [] : undefined,
      subnets: endpoint.subnets,
      port: endpoint.port,
      privateDnsEnabled: endpoint.privateDnsEnabled,
      sharedWith: endpoint.sharedWith?.map(vpcOf),
    },
  };
}

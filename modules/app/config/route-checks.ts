import { ConfigProblem, error } from "../../core/problems";
import { vpcRouteTables } from "../adapter";
import type { TopologyConfig } from "./schema";

/** Route tables or subnets listed twice, or one table id listed under two VPCs: either would duplicate every route. */
export function routeTableListProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owners = new Map<string, string>();
  for (const vpcKey of Object.keys(config.vpcs)) {
    for (const { identity, key, path } of vpcRouteTables(config, vpcKey)) {
      const owner = owners.get(identity);
      if (owner === undefined) owners.set(identity, path);
      else if (owner.startsWith(`vpcs.${vpcKey}.`)) problems.push(error(path, `${key} is already listed at ${owner}: remove the duplicate`));
      else problems.push(error(path, `${key} is already listed at ${owner}; a route table belongs to one VPC: remove it from one of them`));
    }
  }
  return problems;
}

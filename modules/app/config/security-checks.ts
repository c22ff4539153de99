import { ConfigProblem, error } from "../../core/problems";
import { portListProblems } from "../../core/security";
import type { PeeringConfig, TopologyConfig } from "./schema";

// Checks of the security-group and network-ACL rules a configured peering asks for. The rules
// themselves are planned (and their ACL rule numbers counted) by core/peering.ts.

export function securityRuleProblems(config: TopologyConfig, peering: PeeringConfig, base: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const rules = peering.securityRules;
  if (rules) {
    problems.push(...portListProblems(rules.ports, (i) => `${base}.securityRules.ports[${i}]`));
    for (const side of rules.allowInto) {
      const key = peering[side];
      const groups = (side === "requester" ? rules.requesterSecurityGroups : rules.accepterSecurityGroups) ?? config.vpcs[key].securityGroups;
      if (groups.length === 0 && !config.vpcs[key].networkAcl) {
        problems.push(error(`${base}.securityRules.allowInto`, `${side} VPC ${key} has no securityGroups and no networkAcl, so there is nothing to open: list groups in vpcs.${key}.securityGroups or remove "${side}"`));
      }
    }
  }
  return problems;
}

import type { ConfigProblem } from "../../core/problems";
import type { PeeringConfig, TopologyConfig } from "./schema";
import { expandPeerings } from "../../core/mesh";
import { error } from "../../core/problems";
import { parsePort, planPeerSecurity, RuleNumbers } from "../../core/security";
import { peerFacingBlocks } from "../plan";

// Checks of the security-group and network-ACL rules peerings ask for.

const MAX_NACL_RULES_PER_DIRECTION = 40;
const MAX_NACL_RULE_NUMBER = 32766;

export function securityRuleProblems(config: TopologyConfig, peering: PeeringConfig, base: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const rules = peering.securityRules;
  if (rules) {
    rules.ports.forEach((spec, i) => {
      const p = parsePort(spec);
      if (typeof p === "string") problems.push(error(`${base}.securityRules.ports[${i}]`, p));
    });
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

/** Network ACL rules of every peering together: numbers must stay in range and under the quota. */
export function naclQuotaProblems(config: TopologyConfig, planned: ReturnType<typeof expandPeerings>): ConfigProblem[] {
  if (!Object.values(config.vpcs).some((v) => v.networkAcl)) return [];
  const numbers = new RuleNumbers();
  const side = (key: string, override?: readonly string[]) => {
    const vpc = config.vpcs[key];
    const blocks = peerFacingBlocks([vpc.cidr, ...vpc.secondaryCidrs], vpc.ipv6Cidrs, vpc.routeTo);
    return { ...blocks, securityGroups: override ?? vpc.securityGroups, networkAcl: vpc.networkAcl };
  };
  for (const { peering } of planned) {
    const rules = peering.securityRules;
    if (!rules) continue;
    planPeerSecurity({
      requester: side(peering.requester, rules.requesterSecurityGroups),
      accepter: side(peering.accepter, rules.accepterSecurityGroups),
      ports: rules.ports,
      allowInto: rules.allowInto,
      referencePeerGroups: false,
    }, numbers);
  }
  const found: ConfigProblem[] = [];
  const owner = (aclId: string) => Object.keys(config.vpcs).find((k) => config.vpcs[k].networkAcl?.id === aclId) ?? aclId;
  for (const { key, count, highest } of numbers.usage()) {
    const [aclId, direction] = key.split(" ");
    const path = `vpcs.${owner(aclId)}.networkAcl`;
    if (count > MAX_NACL_RULES_PER_DIRECTION) {
      found.push(error(path, `needs ${count} ${direction} rules for its peers; AWS allows at most ${MAX_NACL_RULES_PER_DIRECTION} per direction (default 20): open fewer ports, route fewer blocks, or drop the custom ACL`));
    }
    if (highest > MAX_NACL_RULE_NUMBER) {
      found.push(error(`${path}.ruleNumberBase`, `rule numbers run up to ${highest}, past AWS's ${MAX_NACL_RULE_NUMBER}: lower ruleNumberBase`));
    }
  }
  return found;
}

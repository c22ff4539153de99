import { localStatePathProblem } from "../../core/backend";
import { BUCKET_NAME, ID, TAGS } from "../../core/limits";
import { ConfigProblem, error, warning } from "../../core/problems";
import { partitionOf } from "../../core/regions";
import { acceptedConnectionTags, isTagChoice, routeTableChoiceProblem, routesNothing } from "../../core/peering";
import { dnsOption, expandPeerings, loggedVpcKeys, vpcIdentity, vpcSideSpec } from "../adapter";
import type { TopologyConfig } from "./schema";
import { stateBucketPlan } from "../names";

// Settings that would be silently ignored or would quietly mean something else, and one AWS
// thing under two config names. Each is an error or a warning: never silent.

const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;

export function settingProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [...adoptProblems(config)];

  // One VPC (same id, or same Name tag in one account and region) or one network ACL under two keys.
  const vpcOwners = new Map<string, string>();
  const aclOwners = new Map<string, string>();
  for (const [key, vpc] of Object.entries(config.vpcs)) {
    if (!vpc.create) {
      const identity = vpcIdentity(config, key);
      const first = vpcOwners.get(identity);
      const field = vpc.id !== undefined ? "id" : vpc.name !== undefined ? "name" : "matchTags";
      const found = vpc.id ?? (vpc.name !== undefined ? `Name tag ${vpc.name}` : `tags ${Object.entries(vpc.matchTags ?? {}).map(([k, v]) => `${k}=${v}`).join(", ")}`);
      if (first) problems.push(error(`vpcs.${key}.${field}`, `names the same VPC as vpcs.${first} (${found}): one VPC under two keys would get its routes and peerings twice, keep one key`));
      else vpcOwners.set(identity, key);
    }
    if (vpc.networkAcl) {
      const first = aclOwners.get(vpc.networkAcl.id);
      if (first) problems.push(error(`vpcs.${key}.networkAcl.id`, `${vpc.networkAcl.id} is already the network ACL of vpcs.${first}: a network ACL belongs to one VPC, fix the id`));
      else aclOwners.set(vpc.networkAcl.id, key);
    }
    vpc.routeTables.forEach((ref, i) => {
      if (typeof ref === "string" && /^rtb-/i.test(ref) && !ID.routeTable.pattern.test(ref)) {
        problems.push(warning(`vpcs.${key}.routeTables[${i}]`, `"${ref}" looks like a route table id but is not one (ids are rtb- and lower-case hex), so it is looked up as a Name tag: fix the id, or write {name: ${ref}} to mean the tag`));
      }
    });
  }

  problems.push(...roleAndLoggingProblems(config));

  // Local state outside the synth output (every stack of a split sits at the same depth in it).
  if (config.backend.type === "local" && config.backend.path !== undefined) {
    const problem = localStatePathProblem(config.stack, config.backend.path.split("{stack}").join(config.stack));
    if (problem) problems.push(problem);
  }

  // Peering, routes and providers never cross a partition (aws, aws-cn, aws-us-gov, ...).
  const home = partitionOf(config.region);
  for (const [key, vpc] of Object.entries(config.vpcs)) {
    const partition = vpc.region ? partitionOf(vpc.region) : home;
    if (home && partition && partition !== home) {
      problems.push(error(`vpcs.${key}.region`, `${vpc.region} is in partition ${partition}, but the stack's region ${config.region} is in ${home}: VPCs of different partitions cannot be peered, use a region of ${home}`));
    }
  }

  const fl = config.flowLogs;
  if (fl) {
    if (fl.vpcs && fl.vpcs.length === 0 && fl.subnets.length === 0 && fl.networkInterfaces.length === 0) {
      problems.push(error("flowLogs.vpcs", "lists no VPC, so no flow log would be made: list the VPCs to log, or remove flowLogs"));
    }
    // One destination: CloudWatch Logs (logGroup with role), S3 or Firehose.
    const destinations = (["logGroup", "s3", "firehose"] as const).filter((d) => fl[d] !== undefined);
    if (destinations.length !== 1) {
      problems.push(error("flowLogs", destinations.length === 0
        ? "says nowhere to deliver: give logGroup (with role) for CloudWatch Logs, s3 {bucketArn} or firehose {streamArn}"
        : `gives ${destinations.join(" and ")}: a flow log has one destination, keep one`));
    }
    if (fl.logGroup && !fl.role) problems.push(error("flowLogs.role", "is required with logGroup: CloudWatch Logs delivery assumes a role ({name, create})"));
    if (!fl.logGroup && fl.role) problems.push(error("flowLogs.role", `is only for CloudWatch Logs delivery; ${fl.s3 ? "s3" : "firehose"} needs no role: remove it`));
    if (fl.logGroup && !fl.logGroup.create) {
      if (fl.logGroup.retentionInDays !== undefined) problems.push(error("flowLogs.logGroup.retentionInDays", "applies only to a group the stack creates (create: true); an existing group keeps its own retention: remove it"));
      if (fl.logGroup.kmsKeyId !== undefined) problems.push(error("flowLogs.logGroup.kmsKeyId", "applies only to a group the stack creates (create: true); an existing group keeps its own key: remove it"));
      if (fl.logGroup.createKmsKey) problems.push(error("flowLogs.logGroup.createKmsKey", "applies only to a group the stack creates (create: true): remove it"));
    } else if (fl.logGroup?.kmsKeyId !== undefined && fl.logGroup.createKmsKey) {
      problems.push(error("flowLogs.logGroup.createKmsKey", "and kmsKeyId both choose the group's key: keep kmsKeyId (an existing key) or createKmsKey (a new one)"));
    } else if (fl.logGroup?.kmsKeyId !== undefined && !KMS_KEY_ARN.test(fl.logGroup.kmsKeyId)) {
      problems.push(error("flowLogs.logGroup.kmsKeyId", `"${fl.logGroup.kmsKeyId}" is not a KMS key ARN; CloudWatch Logs needs the key's ARN (arn:aws:kms:<region>:<account>:key/<id>), not an id or alias`));
    }
  }

  problems.push(...externalVpcProblems(config), ...peeringRouteTableProblems(config));

  for (const { peering, path } of expandPeerings(config)) {
    // The provider's default tags land on every resource beside its own and the Name tag.
    const count = new Set([...Object.keys(config.tags), ...Object.keys(peering.tags), "Name"]).size;
    if (count > TAGS.perResource) {
      problems.push(error(`${path}.tags`, `with the default tags and Name the peering connection would carry ${count} tags; AWS allows ${TAGS.perResource} per resource: drop some`));
    }
    peering.securityRules?.ports.forEach((port, i) => {
      if (port === "all") problems.push(warning(`${path}.securityRules.ports[${i}]`, "opens every protocol and port between the peers: list the ports the workloads use, e.g. tcp/443"));
    });
  }
  return problems;
}

/**
 * A VPC of an account the stack does not manage (vpcs.<k>.external) takes part in peerings only,
 * from one side: as accepter the stack requests, as requester it accepts the request that account
 * made (peerings[].connection). Flow logs, zones and meshes need the VPC's own account.
 */
function externalVpcProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const external = (key: string) => Object.hasOwn(config.vpcs, key) && config.vpcs[key].external !== undefined;
  config.peerings.forEach((p, i) => {
    const path = `peerings[${i}]`;
    if (external(p.requester) && external(p.accepter)) {
      problems.push(error(path, `${p.requester} and ${p.accepter} are both external: one side of a peering must be a VPC the stack manages`));
      return;
    }
    if (external(p.requester) && p.connection === undefined) {
      problems.push(error(`${path}.connection`, `is required: the requester ${p.requester} is external, so its account makes the request; give {id: pcx-...} or {tags: {...}} to accept it`));
    }
    if (p.connection !== undefined && "tags" in p.connection) {
      for (const problem of acceptedConnectionTags(p.name, p.tags, p.connection.tags).problems) problems.push(error(`${path}.tags.${problem.key}`, problem.message));
    }
    if (!external(p.requester) && p.connection !== undefined) {
      problems.push(error(`${path}.connection`, `is for accepting an external requester's request; ${p.requester} is managed here, so the stack makes the request: remove connection`));
    }
    if (!external(p.accepter) && p.accepted !== undefined) {
      problems.push(error(`${path}.accepted`, `is for a request to an external accepter; ${p.accepter} is managed here and accepts in the same deploy: remove accepted`));
    }
    const dns = dnsOption(p.allowRemoteVpcDnsResolution);
    for (const side of ["requester", "accepter"] as const) {
      if (external(p[side]) && dns[side]) {
        problems.push(error(`${path}.allowRemoteVpcDnsResolution`, `sets the ${side} side, but ${p[side]} is external: its account sets its own DNS option; give {${side}: false, ${side === "requester" ? "accepter" : "requester"}: ...}`));
      }
    }
  });
  config.mesh?.vpcs?.forEach((key, i) => {
    if (external(key)) problems.push(error(`mesh.vpcs[${i}]`, `${key} is external: a mesh peers VPCs the stack manages; peer it in peerings instead`));
  });
  config.flowLogs?.vpcs?.forEach((key, i) => {
    if (external(key)) problems.push(error(`flowLogs.vpcs[${i}]`, `${key} is external: its flow logs belong to its own account, remove it`));
  });
  config.privateZones.forEach((zone, z) => {
    [zone.vpc, ...zone.additionalVpcs].forEach((key, i) => {
      if (external(key)) {
        problems.push(error(i === 0 ? `privateZones[${z}].vpc` : `privateZones[${z}].additionalVpcs[${i - 1}]`, `${key} is external: associating it needs its own account; declare it under accounts (with a role) instead of external`));
      }
    });
  });
  return problems;
}

/** peerings[].routeTables picks tables the side's VPC has (core routeTableChoiceProblem: the rule VpcPeering applies too). */
function peeringRouteTableProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  config.peerings.forEach((p, i) => {
    for (const side of ["requester", "accepter"] as const) {
      const choice = p.routeTables?.[side];
      const vpc = p[side];
      if (choice === undefined || !Object.hasOwn(config.vpcs, vpc)) continue;
      const spec = vpcSideSpec(config, vpc);
      if (isTagChoice(choice)) {
        const problem = routeTableChoiceProblem(spec, choice);
        if (problem) problems.push(error(`peerings[${i}].routeTables.${side}.tags`, problem));
        continue;
      }
      // Name each wrong entry by its position.
      choice.forEach((key, k) => {
        const problem = routeTableChoiceProblem(spec, [key]);
        if (problem) problems.push(error(`peerings[${i}].routeTables.${side}[${k}]`, problem));
      });
    }
    if (routesNothing(p.routeTables)) {
      problems.push(error(`peerings[${i}].routeTables`, "routes nothing on either side, so no traffic can cross the peering: keep the tables of at least one side"));
    }
  });
  return problems;
}

/**
 * adopt: flow logs cannot be looked up in AWS, so their ids come from the config. An id for a VPC
 * that gets no flow log would be ignored; a logged VPC without one gets a new flow log, which AWS
 * refuses (FlowLogAlreadyExists) if the hand-built one logs the same way.
 */
function adoptProblems(config: TopologyConfig): ConfigProblem[] {
  if (!config.adopt) return [];
  const problems: ConfigProblem[] = [];
  const logged = loggedVpcKeys(config);
  const ids = config.adopt === true ? {} : (config.adopt.flowLogIds ?? {});
  for (const key of Object.keys(ids)) {
    if (!Object.hasOwn(config.vpcs, key)) {
      problems.push(error(`adopt.flowLogIds.${key}`, `unknown VPC key "${key}": use one of ${Object.keys(config.vpcs).join(", ")}`));
    } else if (!logged.includes(key)) {
      problems.push(error(`adopt.flowLogIds.${key}`, config.flowLogs
        ? `vpcs.${key} gets no flow log here (flowLogs.vpcs lists ${logged.join(", ") || "none"}): add ${key} to flowLogs.vpcs, or remove this id`
        : `there is no flowLogs section, so no flow log is made to adopt it into: add flowLogs, or remove this id`));
    }
  }
  const missing = logged.filter((key) => !Object.hasOwn(ids, key));
  if (missing.length > 0) {
    problems.push(warning("adopt.flowLogIds", `no id for the flow logs of ${missing.join(", ")}, so the first apply creates ${missing.length === 1 ? "one" : "them"} (AWS offers no lookup for flow logs); if ${missing.length === 1 ? "it exists" : "they exist"}, AWS refuses a second one with FlowLogAlreadyExists: give ${missing.map((k) => `${k}: fl-...`).join(", ")} (aws ec2 describe-flow-logs --filter Name=resource-id,Values=<vpc id>)`));
  }
  return problems;
}

/** Role ARNs name their account: one that differs from the account it is used for is a slip. And logs that log themselves. */
function roleAndLoggingProblems(config: TopologyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const accountOfArn = (arn: string) => /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn)?.[1];
  for (const [key, account] of Object.entries(config.accounts)) {
    const inArn = accountOfArn(account.roleArn);
    if (inArn && inArn !== account.id) {
      problems.push(error(`accounts.${key}.roleArn`, `is a role in account ${inArn}, but accounts.${key}.id is ${account.id}: the provider would assume it and then stop (allowed_account_ids), use a role of ${account.id}`));
    }
  }
  const firehoseRole = config.flowLogs?.firehose?.crossAccountRoleArn;
  if (config.accountId && firehoseRole && accountOfArn(firehoseRole) === config.accountId) {
    problems.push(warning("flowLogs.firehose.crossAccountRoleArn", `is a role of this stack's own account ${config.accountId}: it is for delivering to a stream in another account, remove it if the stream is in this one`));
  }
  if (config.backend.type === "s3" && config.backend.accessLogs && config.backend.accessLogs.bucket === config.backend.bucket) {
    problems.push(warning("backend.accessLogs.bucket", `is the state bucket itself: every log object it writes is logged again, without end; send the access logs to another bucket`));
  }
  const logs = stateBucketPlan(config.backend)?.accessLogs;
  const logBucketProblem = logs?.create && BUCKET_NAME.problem(logs.bucket);
  if (logBucketProblem) {
    problems.push(error("backend.accessLogs", `is not set, so the state stack would create the access-log bucket "${logs.bucket}", which ${logBucketProblem.replace(/^must be/, "is not")}: give accessLogs: {bucket: <an existing bucket>}, a shorter backend.bucket, or accessLogs: false`));
  }

  return problems;
}

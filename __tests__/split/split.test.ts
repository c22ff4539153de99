// config `split`: several stacks from one config, cross-stack references through remote state.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { parseConfig } from "../../modules/app/config/load";
import { ConfigError } from "../../modules/core/problems";
import { buildSplitStacks } from "../../modules/app/split-stacks";
import { tempStackDir } from "../../testing/offline-aws/jest";
import { repoRoot } from "../../testing/offline-aws/build";

const lab = parse(readFileSync(join(repoRoot(), "config/lab.yaml"), "utf8"));
const synthSplit = (raw: Record<string, unknown>) => {
  const app = new App({ outdir: tempStackDir("split") });
  const names = buildSplitStacks(app, parseConfig(raw)).map((s) => s.node.id);
  app.synth();
  const read = (stack: string) => JSON.parse(readFileSync(join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8"));
  return { names, read, manifest };
};
const problemsOf = (raw: Record<string, unknown>): string[] => {
  try {
    parseConfig(raw);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe("split per-vpc of the lab", () => {
  const { names, read, manifest } = synthSplit({ ...lab, split: "per-vpc" });

  it("writes one stack per VPC, requester first, each with its own S3 key", () => {
    expect(names).toEqual(["lab-vpc-api", "lab-vpc-web"]);
    expect(read("lab-vpc-api").terraform.backend.s3.key).toBe("vpc-peering/lab/lab-vpc-api.tfstate");
    expect(read("lab-vpc-web").terraform.backend.s3.key).toBe("vpc-peering/lab/lab-vpc-web.tfstate");
    expect(manifest.stacks["lab-vpc-web"].dependencies).toEqual(["lab-vpc-api"]);
    expect(manifest.stacks["lab-vpc-api"].dependencies).toEqual([]);
  });

  it("puts the connection in the requester's stack and each side's route in its own stack", () => {
    const api = read("lab-vpc-api");
    const web = read("lab-vpc-web");
    expect(Object.keys(api.resource.aws_vpc_peering_connection)).toEqual(["peering-api-web-pc_connection"]);
    expect(web.resource.aws_vpc_peering_connection).toBeUndefined();
    expect(Object.keys(api.resource.aws_route)).toEqual(["peering-api-web-pc_route-requester-api-vpc-rtb-to-10-0-0-0-16"]);
    expect(Object.keys(web.resource.aws_route)).toEqual(["peering-api-web-pc_route-accepter-web-vpc-rtb-to-10-1-0-0-16"]);
    // The accepter's VPC is looked up again in the requester's stack (by its Name tag), not read from state.
    expect(api.data.aws_vpc["peer-vpc-web"].tags).toEqual({ Name: "web-vpc" });
    expect(api.data.terraform_remote_state).toBeUndefined();
    // The accepter's route reads the connection id from the requester's state.
    const remote = web.data.terraform_remote_state["cross-stack-reference-input-lab-vpc-api"];
    expect(remote).toMatchObject({ backend: "s3", config: { bucket: "vpc-peering-lab-tfstate", key: "vpc-peering/lab/lab-vpc-api.tfstate" } });
    expect(web.resource.aws_route["peering-api-web-pc_route-accepter-web-vpc-rtb-to-10-1-0-0-16"].vpc_peering_connection_id).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-lab-vpc-api\.outputs\./);
  });

  it("creates the shared log group once (first stack) and the zone in its VPC's stack", () => {
    expect(read("lab-vpc-api").resource.aws_cloudwatch_log_group).toBeDefined();
    expect(read("lab-vpc-web").resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(read("lab-vpc-web").data.aws_cloudwatch_log_group["flow-logs_log-group"].name).toBe("flow-logs-group");
    expect(read("lab-vpc-web").resource.aws_route53_zone).toBeDefined();
    expect(read("lab-vpc-api").resource.aws_route53_zone).toBeUndefined();
  });
});

describe("split backends", () => {
  it("local: each stack's own file beside the output directory, read by the others at the same path", () => {
    const { read } = synthSplit({ ...lab, split: "per-vpc", backend: { type: "local" } });
    expect(read("lab-vpc-api").terraform.backend.local.path).toBe("../../../terraform.lab-vpc-api.tfstate");
    expect(read("lab-vpc-web").terraform.backend.local.path).toBe("../../../terraform.lab-vpc-web.tfstate");
    expect(read("lab-vpc-web").data.terraform_remote_state["cross-stack-reference-input-lab-vpc-api"].config.path).toBe("../../../terraform.lab-vpc-api.tfstate");
  });

  it("local with {stack}: the path is each stack's, read by the others at the same path", () => {
    const { read } = synthSplit({ ...lab, split: "per-vpc", backend: { type: "local", path: "../../../state/{stack}.tfstate" } });
    expect(read("lab-vpc-api").terraform.backend.local.path).toBe("../../../state/lab-vpc-api.tfstate");
    expect(read("lab-vpc-web").data.terraform_remote_state["cross-stack-reference-input-lab-vpc-api"].config.path).toBe("../../../state/lab-vpc-api.tfstate");
  });

  it("cloud: a workspace per stack, read by name", () => {
    const { read } = synthSplit({ ...lab, split: "per-vpc", backend: { type: "cloud", organization: "acme", workspaces: { name: "peering" } } });
    expect(read("lab-vpc-api").terraform.cloud.workspaces).toEqual({ name: "peering-vpc-api" });
    expect(read("lab-vpc-web").data.terraform_remote_state["cross-stack-reference-input-lab-vpc-api"]).toMatchObject({
      backend: "remote",
      config: { organization: "acme", workspaces: { name: "peering-vpc-api" } },
    });
  });

  it("per-region and per-account group the VPCs", () => {
    expect(synthSplit({ ...lab, split: "per-region" }).names).toEqual(["lab-region-us-west-2"]);
    expect(synthSplit({ ...lab, split: "per-account" }).names).toEqual(["lab-account-default"]);
  });
});

describe("split validation", () => {
  it("names the field and the fix", () => {
    expect(problemsOf({ ...lab, split: "per-vpc", backend: { type: "local", path: "../../../state.tfstate" } })).toEqual([
      expect.stringMatching(/^backend\.path: each stack of a split needs its own state file: put \{stack\} in the path/),
    ]);
    // Relative paths are taken from each stack's directory, inside the output the cdktf CLI prunes.
    for (const path of ["state/{stack}.tfstate", "../{stack}/terraform.tfstate"]) {
      expect(problemsOf({ ...lab, split: "per-vpc", backend: { type: "local", path } })).toEqual([
        expect.stringMatching(/^backend\.path: ".*" puts stack lab's state inside the synth output, which the cdktf CLI deletes on a config switch: leave path out/),
      ]);
    }
    expect(problemsOf({ ...lab, split: "per-vpc", backend: { type: "cloud", workspaces: { tags: ["x"] } } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^backend\.workspaces: a split needs workspaces\.name/), expect.stringMatching(/^backend\.organization: a split needs the organization/)]),
    );
    expect(problemsOf({ ...lab, split: "per-vpcs" })).toEqual([expect.stringMatching(/^split: must be one of none, per-vpc, per-region, per-account/)]);
    expect(problemsOf({ ...lab, split: "per-vpc", adopt: true })).toEqual([expect.stringMatching(/^adopt: cannot be combined with split/)]);
  });

  it("refuses a cut whose stacks need each other's state (a created accepter)", () => {
    const raw = { ...lab, split: "per-vpc", vpcs: { ...lab.vpcs, web: { cidr: "10.0.0.0/16", create: { subnets: [] } } } };
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^split: per-vpc makes stacks that need each other's state \(lab-vpc-web → lab-vpc-api → lab-vpc-web\).*Make the VPC that is created the requester/)]);
  });
});

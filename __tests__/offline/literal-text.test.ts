// Text from the config is data: a tag value `${file("/etc/hostname")}` or a `%{...}` directive in
// a name must reach AWS as those characters, never be evaluated by Terraform. Planned against the
// offline stand-in, the planned values show the literal text.
import { App } from "cdktf";
import * as path from "path";
import { parseConfig } from "../../modules/app/config/load";
import { PeeringStack } from "../../modules/app/peering-stack";
import { escapeTemplate } from "../../modules/core/template";
import { prepareOfflineTerraform, runTerraform } from "../../testing/offline-aws";
import { describeWithTerraform, tempStackDir } from "../../testing/offline-aws/jest";
import { labConfig } from "../helpers/lab";

const TAG = '${file("/etc/hostname")}';
const NAME = "pc-%{ if true }evaluated%{ endif }";
const COMMENT = "owner ${var.who}";

describe("escapeTemplate", () => {
  it("escapes both template openers and nothing else", () => {
    expect(escapeTemplate('a ${b} %{c} $d %e {f}')).toBe('a $${b} %%{c} $d %e {f}');
  });
});

describeWithTerraform("config text reaches Terraform as literal text", () => {
  jest.setTimeout(90_000);

  it("plans tags, a peering name and a zone comment exactly as written", async () => {
    const { env } = await prepareOfflineTerraform();
    const lab = labConfig();
    const config = parseConfig({
      ...lab,
      backend: { type: "local" },
      tags: { Owner: TAG },
      peerings: [{ ...lab.peerings[0], name: NAME, tags: { Team: TAG } }],
      privateZones: [{ ...lab.privateZones[0], comment: COMMENT }],
    });
    const app = new App({ outdir: tempStackDir("literal") });
    new PeeringStack(app, config.stack, config);
    app.synth();
    const dir = path.join(app.outdir, "stacks", config.stack);
    expect(runTerraform(dir, ["init", "-input=false"], { env }).code).toBe(0);
    const plan = runTerraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan.bin"], { env });
    expect(plan.stderr).toBe("");
    const shown = runTerraform(dir, ["show", "-json", "plan.bin"], { env });
    const changes = JSON.parse(shown.stdout).resource_changes as { type: string; change: { after: Record<string, any> } }[];
    const connection = changes.find((c) => c.type === "aws_vpc_peering_connection")!.change.after;
    expect(connection.tags).toEqual({ Name: NAME, Team: TAG });
    const zone = changes.find((c) => c.type === "aws_route53_zone")!.change.after;
    expect(zone.comment).toBe(COMMENT);
    // The provider's default tags are written escaped the same way (Terraform shows provider
    // configuration as source text, so the plan cannot show them evaluated).
    const provider = JSON.parse(shown.stdout).configuration.provider_config.aws.expressions.default_tags[0].tags.constant_value;
    expect(provider.Owner).toBe(escapeTemplate(TAG));
  });
});

import { parseFlags, runCli } from "../modules/app/cli";
import { writeTransitGatewayModule } from "../modules/tf-module/writer";

// `npm run synth:transit-gateway-module`: (re)writes terraform/transit-gateway, the general transit gateway module.
runCli(() => {
  const spec = {
    usage: "npm run synth:transit-gateway-module --",
    summary: "Writes the general Terraform module for a transit gateway and its VPC attachments (main.tf.json and README.md).",
    flags: { output: { type: "string" as const, value: "<dir>", description: "Module directory; default: terraform/transit-gateway" } },
  };
  const flags = parseFlags(spec);
  if (!flags) return;
  const outdir = flags.output ?? "terraform/transit-gateway";
  writeTransitGatewayModule({ outdir, source: outdir === "terraform/transit-gateway" ? "github.com/<you>/<this repo>//terraform/transit-gateway" : undefined });
  console.log(`wrote Terraform module into ${outdir} (main.tf.json, README.md)`);
});

import { parseFlags, runCli } from "../modules/app/cli";
import { writePairModule } from "../modules/tf-module/writer";

// `npm run synth:pair-module`: (re)writes terraform/vpc-peering, the general one-pair module.
runCli(() => {
  const spec = {
    usage: "npm run synth:pair-module --",
    summary: "Writes the general Terraform module for one peered pair (main.tf.json and README.md).",
    flags: { output: { type: "string" as const, value: "<dir>", description: "Module directory; default: terraform/vpc-peering" } },
  };
  const flags = parseFlags(spec);
  if (!flags) return;
  const outdir = flags.output ?? "terraform/vpc-peering";
  writePairModule({ outdir, source: outdir === "terraform/vpc-peering" ? "github.com/<you>/<this repo>//terraform/vpc-peering" : undefined });
  console.log(`wrote Terraform module into ${outdir} (main.tf.json, README.md)`);
});

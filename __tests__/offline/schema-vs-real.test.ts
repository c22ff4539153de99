// The schema rebuilt from @cdktf/provider-aws source maps, for the types the project uses,
// compared with the real `terraform providers schema -json` of hashicorp/aws 6.25.0.
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../testing/offline-aws/build";
import { diffBlocks } from "../../testing/offline-aws/schema/compare";
import { extractType } from "../../testing/offline-aws/schema/extract";
import { usedProviderModules } from "../../testing/offline-aws/schema/used-types";

const REAL = path.resolve(repoRoot(), "../shared/schemas/aws-provider-6.25.0-network.json");
const LIB = path.join(repoRoot(), "node_modules/@cdktf/provider-aws/lib");

/**
 * Differences the cdktf bindings cannot express, excluded on purpose. (Sensitive, deprecated,
 * write-only, descriptions, defaults and schema versions are never compared; see compare.ts.)
 */
const UNRECOVERABLE: Array<[RegExp, string]> = [
  [/: max_items -, real ([2-9]|\d\d+)$/, "max_items above 1 is not in the bindings"],
  [/: min_items 1, real ([2-9]|\d\d+)$/, "min_items above 1 is not in the bindings"],
];

const describeIfReal = fs.existsSync(REAL) ? describe : describe.skip;
if (!fs.existsSync(REAL)) console.warn(`\n*** SKIPPING schema cross-check: ${REAL} is absent. ***\n`);

describeIfReal("rebuilt schema vs the real hashicorp/aws 6.25.0 schema", () => {
  const real = fs.existsSync(REAL) ? JSON.parse(fs.readFileSync(REAL, "utf8")).provider_schemas["registry.terraform.io/hashicorp/aws"] : undefined;
  const modules = usedProviderModules(repoRoot()).filter((m) => m !== "provider"); // the file has no provider block

  it("covers at least the fixture's types", () => {
    expect(modules).toEqual(expect.arrayContaining(["vpc-peering-connection", "route", "flow-log", "data-aws-vpc"]));
  });

  it.each(modules)("%s matches attribute names, flags, types and block nesting", (mod) => {
    const ours = extractType(LIB, mod);
    const ref = ours.kind === "data" ? real.data_source_schemas[ours.typeName] : real.resource_schemas[ours.typeName];
    if (!ref) {
      console.warn(`${ours.typeName}: not in the reference file, not compared`);
      return;
    }
    const diffs = diffBlocks(ours.block, ref.block, `${ours.kind === "data" ? "data." : ""}${ours.typeName}`);
    const excused = diffs.filter((d) => UNRECOVERABLE.some(([re]) => re.test(d)));
    if (excused.length) console.info(`${ours.typeName}: known unrecoverable differences:\n  ${excused.join("\n  ")}`);
    expect(diffs.filter((d) => !excused.includes(d))).toEqual([]);
  });
});

import { largerYoungGenerationFlags, LARGE_SYNTH_PEERINGS } from "../../modules/app/young-generation";

// A synth of thousands of peerings re-runs itself with 128 MB semi-spaces (the 126-VPC mesh: 11.5 s
// -> 4.8 s, `npm run bench:mesh`); smaller ones stay in their process.
describe("largerYoungGenerationFlags", () => {
  it("leaves a synth below the threshold in this process", () => {
    expect(largerYoungGenerationFlags(LARGE_SYNTH_PEERINGS - 1, [])).toBeUndefined();
    expect(largerYoungGenerationFlags(1, ["--enable-source-maps"])).toBeUndefined();
  });

  it("re-runs a large synth with 128 MB semi-spaces, keeping this process's own flags", () => {
    expect(largerYoungGenerationFlags(7875, [])).toEqual(["--max-semi-space-size=128"]);
    expect(largerYoungGenerationFlags(LARGE_SYNTH_PEERINGS, ["--enable-source-maps"])).toEqual(["--max-semi-space-size=128", "--enable-source-maps"]);
  });

  it("never re-runs when the semi-space is set already: by a flag (the re-run itself) or NODE_OPTIONS", () => {
    expect(largerYoungGenerationFlags(7875, ["--max-semi-space-size=128"])).toBeUndefined();
    expect(largerYoungGenerationFlags(7875, [], "--max-old-space-size=4096 --max-semi-space-size=64")).toBeUndefined();
  });
});

import { Lazy, Token, Tokenization } from "cdktf";
import { withoutCreationStacks } from "../../modules/app/creation-stacks";

// What main.ts relies on when it builds and synthesizes inside withoutCreationStacks.
const creationStack = (build: () => string) => Tokenization.reverseString(build()).firstToken?.creationStack ?? [];

describe("withoutCreationStacks", () => {
  it("records no creation stack for tokens made inside, and does again after", () => {
    expect(creationStack(() => withoutCreationStacks(() => Lazy.stringValue({ produce: () => "x" })))).toEqual([]);
    expect(creationStack(() => Lazy.stringValue({ produce: () => "x" })).length).toBeGreaterThan(0);
  });

  it("keeps the stack of an error thrown inside, naming where it was thrown", () => {
    function throwsHere(): never {
      throw new Error("boom");
    }
    let caught: Error | undefined;
    try {
      withoutCreationStacks(throwsHere);
    } catch (err) {
      caught = err as Error;
    }
    expect(caught?.stack).toContain("throwsHere");
  });

  it("restores Error.captureStackTrace and Error.prepareStackTrace, also when build throws", () => {
    const before = { capture: Error.captureStackTrace, prepare: Error.prepareStackTrace };
    expect(() => withoutCreationStacks(() => { throw new Error("x"); })).toThrow("x");
    expect(Error.captureStackTrace).toBe(before.capture);
    expect(Error.prepareStackTrace).toBe(before.prepare);
    const o: { stack?: string } = {};
    Error.captureStackTrace(o);
    expect(o.stack).toMatch(/creation-stacks\.test/);
  });

  it("keeps the traces with CDKTF_CREATION_STACKS=1", () => {
    process.env.CDKTF_CREATION_STACKS = "1";
    try {
      expect(creationStack(() => withoutCreationStacks(() => Token.asString(Lazy.anyValue({ produce: () => 1 })))).length).toBeGreaterThan(0);
    } finally {
      delete process.env.CDKTF_CREATION_STACKS;
    }
  });
});

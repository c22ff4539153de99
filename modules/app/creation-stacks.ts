/**
 * Runs `build` without the stack trace cdktf records for every token and complex attribute it
 * creates (its `creationStack`, shown only when a token fails to resolve). cdktf captures each
 * one with `Error.captureStackTrace` under an unbounded Error.stackTraceLimit and formats it at
 * once: for a 50-VPC mesh (~4,000 resources, tens of thousands of tokens) synth takes 1.4-1.5 s
 * without them and 2.2-2.3 s with them (measured 2026-12-06, `CDKTF_CREATION_STACKS=1`). Inside `build`, `Error.captureStackTrace` does nothing (cdktf then
 * records an empty trace) and any trace still formatted is empty. Errors thrown inside keep their
 * stack: `new Error` captures natively, and V8 formats an error's stack when it is first read,
 * after both hooks are restored. Set CDKTF_CREATION_STACKS=1 to keep the traces when debugging
 * an unresolvable token.
 */
export function withoutCreationStacks<T>(build: () => T): T {
  if (process.env.CDKTF_CREATION_STACKS === "1") return build();
  const previous = { prepare: Error.prepareStackTrace, capture: Error.captureStackTrace };
  Error.prepareStackTrace = () => "";
  Error.captureStackTrace = () => undefined;
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous.prepare;
    Error.captureStackTrace = previous.capture;
  }
}

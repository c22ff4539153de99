/**
 * Runs `build` without the stack trace cdktf records for every token it creates (its
 * `creationStack`, shown only when a token fails to resolve). cdktf captures each one with an
 * unbounded Error.stackTraceLimit and formats it at once: for a 50-VPC mesh (~5,000 resources,
 * tens of thousands of tokens) that is ~10% of synth CPU and ~25 MB. Errors thrown inside keep
 * their stack: V8 formats an error's stack when it is first read, after the hook is restored.
 * Set CDKTF_CREATION_STACKS=1 to keep the traces when debugging an unresolvable token.
 */
export function withoutCreationStacks<T>(build: () => T): T {
  if (process.env.CDKTF_CREATION_STACKS === "1") return build();
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => "";
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

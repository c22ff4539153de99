/** The message `f` throws, or "" when it does not throw: for asserting every line of a multi-problem error. */
export function thrownMessage(f: () => unknown): string {
  try {
    f();
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

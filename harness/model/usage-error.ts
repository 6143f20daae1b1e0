/** Bad input from the user: one clear line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

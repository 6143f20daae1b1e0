/** One wait primitive for everything: a monotonic deadline, polling with backoff, and a last try with diagnostics. */
export class WaitTimeoutError extends Error {
  override readonly name = "WaitTimeoutError";
  readonly timeoutMs: number;
  readonly lastError: unknown;
  readonly diagnostics?: string;
  constructor(what: string, timeoutMs: number, lastError: unknown, diagnostics?: string) {
    const last = lastError instanceof Error ? lastError.message : lastError === undefined ? "" : String(lastError);
    super(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last attempt: ${last.split("\n")[0]}` : ""}`, { cause: lastError });
    this.timeoutMs = timeoutMs;
    this.lastError = lastError;
    this.diagnostics = diagnostics;
  }
}

/** Thrown from a condition to stop waiting at once (e.g. the unit failed: it will never become active). */
export class WaitAbortError extends Error {
  override readonly name = "WaitAbortError";
}

export interface WaitOptions {
  timeoutMs: number;
  /** What is awaited, for the error message. */
  what: string;
  /** First pause between tries; doubles up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Collected once when the wait times out, attached to the error. */
  diagnose?: () => Promise<string>;
}

/**
 * Calls `condition` until it returns a value other than undefined/false, or the deadline passes.
 * A thrown error counts as "not yet" (kept as the last error) unless it is a WaitAbortError.
 */
export async function waitUntil<T>(condition: (remainingMs: number) => Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const deadline = performance.now() + options.timeoutMs;
  let interval = options.intervalMs ?? 50;
  const maxInterval = options.maxIntervalMs ?? 1000;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - performance.now();
    try {
      const value = await condition(Math.max(1, remaining));
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof WaitAbortError) throw error;
      lastError = error;
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      const diagnostics = options.diagnose ? await options.diagnose().catch((e: unknown) => `diagnostics failed: ${String(e)}`) : undefined;
      throw new WaitTimeoutError(options.what, options.timeoutMs, lastError, diagnostics);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
    interval = Math.min(interval * 2, maxInterval);
  }
}

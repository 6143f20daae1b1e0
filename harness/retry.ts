import pRetry, { AbortError } from "p-retry";
import type { Transcript } from "./exec/transcript.ts";

/** What a backend says about an error: retry it (after an optional recovery step) or give up. */
export type Classification =
  | { transient: false }
  | { transient: true; reason: string; /** e.g. `wsl --shutdown` before the next try */ recover?: () => Promise<void>; maxRetries?: number };

export type ErrorClassifier = (error: unknown) => Classification;

export interface RetryPolicy {
  classify: ErrorClassifier;
  /** Upper bound across all classifications; a classification may lower it. Default 3. */
  retries?: number;
  minTimeoutMs?: number;
  transcript?: Transcript;
  /** What is being tried, for the transcript. */
  label: string;
}

/**
 * Runs `attempt` and retries it only while the classifier calls the error transient.
 * Assertion errors are never retried, whatever the classifier says.
 */
export async function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const retries = policy.retries ?? 3;
  const perReason = new Map<string, number>();
  return pRetry(
    async (attemptNumber) => {
      try {
        return await attempt(attemptNumber);
      } catch (error) {
        if (isAssertion(error)) throw new AbortError(error as Error);
        const verdict = policy.classify(error);
        if (!verdict.transient) throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        const used = (perReason.get(verdict.reason) ?? 0) + 1;
        perReason.set(verdict.reason, used);
        if (verdict.maxRetries !== undefined && used > verdict.maxRetries) {
          throw new AbortError(error instanceof Error ? error : new Error(String(error)));
        }
        policy.transcript?.note(`${policy.label}: attempt ${attemptNumber} failed (${verdict.reason}); retrying`);
        try {
          await verdict.recover?.();
        } catch (recoverError) {
          // A failed recovery (e.g. a bounded wait that timed out) ends the retries with its own error.
          const message = recoverError instanceof Error ? recoverError.message : String(recoverError);
          throw new AbortError(new Error(`${policy.label}: recovery after "${verdict.reason}" failed: ${message}`, { cause: error }));
        }
        throw error;
      }
    },
    { retries, minTimeout: policy.minTimeoutMs ?? 500, factor: 2, randomize: true },
  );
}

export function isAssertion(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "AssertionError" || "actual" in error && "expected" in error || error.constructor.name === "AssertionError";
}

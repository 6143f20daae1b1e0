import { describe, expect, test } from "vitest";
import { exec } from "./exec/run.ts";
import { ExecError } from "./exec/exec-error.ts";
import { Transcript } from "./exec/transcript.ts";
import { type ErrorClassifier, withRetry } from "./retry.ts";

const transientOnExit75: ErrorClassifier = (error) =>
  error instanceof ExecError && error.exitCode === 75 ? { transient: true, reason: "exit 75 (temporary failure)" } : { transient: false };

/** A real process that fails with `code` the first `failures` times (counted in a file), then succeeds. */
function flaky(counter: string, failures: number, code: number): string[] {
  return ["sh", "-c", `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n+1)) > ${counter}; [ "$n" -ge ${failures} ] || exit ${code}; echo ok`];
}

describe("withRetry", () => {
  test("retries an error the classifier calls transient, and records each attempt", async () => {
    const counter = `/tmp/nwh-retry-${process.pid}-a`;
    const transcript = new Transcript();
    const result = await withRetry(() => exec(flaky(counter, 2, 75), { check: true, transcript }), {
      classify: transientOnExit75,
      label: "flaky import",
      minTimeoutMs: 1,
      transcript,
    });
    expect(result.stdout).toBe("ok\n");
    const notes = transcript.entries.filter((e) => e.note?.includes("retrying"));
    expect(notes).toHaveLength(2);
    expect(notes[0]?.note).toContain("exit 75 (temporary failure)");
    expect(transcript.entries.filter((e) => e.argv.length > 0)).toHaveLength(3);
  });

  test("never retries an error classified fatal", async () => {
    const counter = `/tmp/nwh-retry-${process.pid}-b`;
    const transcript = new Transcript();
    const error = await withRetry(() => exec(flaky(counter, 5, 1), { check: true, transcript }), { classify: transientOnExit75, label: "fatal", minTimeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    expect(transcript.entries).toHaveLength(1);
  });

  test("never retries an assertion, even when the classifier would", async () => {
    let attempts = 0;
    const error = await withRetry(
      async () => {
        attempts++;
        expect(1).toBe(2);
      },
      { classify: () => ({ transient: true, reason: "anything" }), label: "assertion", minTimeoutMs: 1 },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect((error as Error).message).toContain("expected 1 to be 2");
  });

  test("honours a classification's own retry limit and runs its recovery step before each retry", async () => {
    let attempts = 0;
    let recoveries = 0;
    const error = await withRetry(
      async () => {
        attempts++;
        throw new Error("HCS_E_CONNECTION_TIMEOUT");
      },
      { classify: () => ({ transient: true, reason: "vm timeout", maxRetries: 1, recover: async () => void recoveries++ }), label: "import", minTimeoutMs: 1, retries: 5 },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe("HCS_E_CONNECTION_TIMEOUT");
    expect(attempts).toBe(2);
    expect(recoveries).toBe(1);
  });

  test("stops when the recovery step itself fails, with both errors", async () => {
    let attempts = 0;
    const error = await withRetry(
      async () => {
        attempts++;
        throw new Error("WSL is finishing an upgrade...");
      },
      { classify: () => ({ transient: true, reason: "upgrade", recover: async () => { throw new Error("still upgrading"); } }), label: "list", minTimeoutMs: 1, retries: 5 },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect((error as Error).message).toBe('list: recovery after "upgrade" failed: still upgrading');
    expect(((error as Error).cause as Error).message).toBe("WSL is finishing an upgrade...");
  });
});

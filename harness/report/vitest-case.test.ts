import { describe, expect, it } from "vitest";
import { failureType, finishedCase, type ReportedAttempt, type ReportedTestCase } from "./vitest-case.ts";

function retriedCase(state: string, attempts: ReportedAttempt[]): ReportedTestCase {
  const errors = attempts.flatMap((a) => a.errors ?? []);
  const meta = { nwh: { transcript: [], attempts: attempts.map((_, index) => ({ index, transcript: [{ argv: [], startedAt: "", durationMs: 0, timedOut: false, note: `attempt ${index + 1}`, stdoutTail: "", stderrTail: "" }] })) } };
  return {
    id: "t",
    name: "t",
    fullName: "s > t",
    module: { relativeModuleId: "suites/s.suite.ts", moduleId: "/x/suites/s.suite.ts" },
    options: { mode: "run" },
    result: () => ({ state, errors }),
    diagnostic: () => ({ duration: 3 }),
    meta: () => meta,
    attempts: () => attempts,
  };
}

const failedAttempt = (retryIndex: number, name = "AssertionError"): ReportedAttempt => ({ state: "failed", errors: [{ message: `failed ${retryIndex + 1}`, name }], duration: 1, retryIndex });

describe("finishedCase with retries", () => {
  it("a pass after failures keeps each failed attempt, with that attempt's transcript", () => {
    const c = finishedCase(retriedCase("passed", [failedAttempt(0), { state: "passed", duration: 1, retryIndex: 1 }]));
    expect(c.status).toBe("passed");
    expect(c.reruns).toEqual([{ status: "failed", failure: expect.objectContaining({ message: "failed 1", type: "AssertionError" }), durationMs: 1, output: "# attempt 1" }]);
  });

  it("a test failing every attempt: the first failure is its own, the later ones reruns; a setup error is an error", () => {
    const c = finishedCase(retriedCase("failed", [failedAttempt(0), failedAttempt(1), failedAttempt(2, "DistroSetupError")]));
    expect(c.status).toBe("failed");
    expect(c.failure?.message).toBe("failed 1");
    expect(c.reruns?.map((r) => [r.status, r.failure.message])).toEqual([
      ["failed", "failed 2"],
      ["error", "failed 3"],
    ]);
    expect(finishedCase(retriedCase("failed", [failedAttempt(0, "DistroSetupError")])).status).toBe("error");
  });
});

describe("failureType", () => {
  it("names a wsl.exe failure by its whole code path, from the test's meta or the error itself", () => {
    expect(failureType({ message: "x" }, { wslErrorCode: "Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT" })).toBe("Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT");
    // As vitest serializes a WslError thrown while the suite's distro was imported: name is the last segment.
    expect(failureType({ message: "wsl.exe failed", name: "E_INVALIDARG", code: "Wsl/Service/RegisterDistro/E_INVALIDARG" }, {})).toBe("Wsl/Service/RegisterDistro/E_INVALIDARG");
  });

  it("names timeouts TimeoutError and assertions AssertionError, else the error's class", () => {
    expect(failureType({ message: "Test timed out in 50ms." }, {})).toBe("TimeoutError");
    expect(failureType({ message: "expected 1 to be 2", name: "AssertionError" }, {})).toBe("AssertionError");
    expect(failureType({ message: "boom", name: "TypeError", code: "ERR_X" }, {})).toBe("TypeError");
    expect(failureType(undefined, {})).toBe("error");
  });
});

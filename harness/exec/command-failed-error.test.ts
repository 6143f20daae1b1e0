import { describe, expect, it } from "vitest";
import { CommandFailedError, requireExitZero } from "./command-failed-error.ts";
import { Transcript } from "./transcript.ts";

describe("requireExitZero", () => {
  it("returns the very result when the command exited 0", () => {
    const result = { exitCode: 0, stdout: "ok\n", stderr: "" };
    expect(requireExitZero(result, { command: "true" })).toBe(result);
  });

  it("throws CommandFailedError naming the command, user, exit code, output and the transcript's tail", () => {
    const transcript = new Transcript();
    transcript.note("before the failure");
    const error = (() => {
      try {
        requireExitZero({ exitCode: 3, stdout: "out\n", stderr: "boom\n" }, { command: "cp a b in d", user: "root", transcript, because: "copy a into d:b" });
      } catch (caught) {
        return caught;
      }
    })() as CommandFailedError;
    expect(error).toBeInstanceOf(CommandFailedError);
    expect(error.message.split("\n")[0]).toBe("command failed with exit code 3 as root: cp a b in d (copy a into d:b)");
    expect(error.message).toContain("stdout:\n  out\nstderr:\n  boom");
    expect(error.message).toContain("before the failure");
    expect(error.result.exitCode).toBe(3);
    expect(error.transcript).toHaveLength(1);
  });

  it("says a timed-out command timed out, not that it exited", () => {
    expect(() => requireExitZero({ exitCode: undefined, timedOut: true, timeoutMs: 500, stdout: "", stderr: "" }, { command: "sleep 9" })).toThrow(/^command timed out after 500 ms: sleep 9$/);
  });
});

import { describe, expect, test } from "vitest";
import { ExecError } from "./exec-error.ts";
import { exec } from "./run.ts";
import { Transcript } from "./transcript.ts";
import { isProcessAlive } from "./process-alive.ts";


describe("exec", () => {
  test("reports the exit code and keeps stdout and stderr apart", async () => {
    const result = await exec(["sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe("out\n");
    expect(result.stderr).toBe("err\n");
    expect(result.timedOut).toBe(false);
  });

  test("check: a non-zero exit throws an ExecError carrying argv, exit code and output", async () => {
    const error = await exec(["sh", "-c", "echo boom >&2; exit 4"], { check: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecError);
    const execError = error as ExecError;
    expect(execError.failure).toBe("exit");
    expect(execError.exitCode).toBe(4);
    expect(execError.argv).toEqual(["sh", "-c", "echo boom >&2; exit 4"]);
    expect(execError.message).toContain("exit code 4");
    expect(execError.message).toContain("boom");
  });

  test("a hanging command and its children are killed at the timeout, and the timeout is reported as such", async () => {
    const error = (await exec(["sh", "-c", "sleep 300 & echo $! ; sleep 300"], { timeoutMs: 300 }).catch((e: unknown) => e)) as ExecError;
    expect(error).toBeInstanceOf(ExecError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toMatch(/timed out after 300 ms/);
    const childPid = Number(error.result.stdout.trim());
    expect(childPid).toBeGreaterThan(0);
    // The group got SIGTERM at once; a survivor would still answer signal 0 after the grace period.
    await expect.poll(() => isProcessAlive(childPid), { timeout: 5_000, interval: 50 }).toBe(false);
  });

  test("a child that ignores SIGTERM is killed with SIGKILL after the grace period", async () => {
    const script = "trap '' TERM; sleep 300 & echo $!; wait";
    const error = (await exec(["sh", "-c", script], { timeoutMs: 300 }).catch((e: unknown) => e)) as ExecError;
    expect(error.timedOut).toBe(true);
    const childPid = Number(error.result.stdout.trim().split("\n")[0]);
    await expect.poll(() => isProcessAlive(childPid), { timeout: 8_000, interval: 100 }).toBe(false);
  });

  test("a signal is reported as the signal, not as an exit code", async () => {
    const result = await exec(["sh", "-c", "kill -KILL $$"]);
    expect(result.signal).toBe("SIGKILL");
    expect(result.exitCode).toBeUndefined();
    const error = (await exec(["sh", "-c", "kill -TERM $$"], { check: true }).catch((e: unknown) => e)) as ExecError;
    expect(error.failure).toBe("signal");
    expect(error.message).toContain("SIGTERM");
  });

  test("huge output stays bounded: head and tail kept, the middle counted", async () => {
    const result = await exec(["sh", "-c", "echo FIRST; head -c 50000000 /dev/zero | tr '\\0' x; echo; echo LAST"], { captureBytes: 64 * 1024 });
    expect(result.truncated).toBe(true);
    expect(result.stdoutBytes.length).toBeLessThanOrEqual(64 * 1024);
    expect(result.stdout.startsWith("FIRST\n")).toBe(true);
    expect(result.stdout.trimEnd().endsWith("LAST")).toBe(true);
    expect(result.stdout).toMatch(/\[\.\.\. \d+ bytes omitted \.\.\.\]/);
  });

  test("ANSI escapes are stripped from the text but kept in the raw bytes", async () => {
    const result = await exec(["printf", "\\033[1;31mred\\033[0m plain"]);
    expect(result.stdout).toBe("red plain");
    expect(result.stdoutBytes.includes(0x1b)).toBe(true);
  });

  test("stdin input reaches the process", async () => {
    const result = await exec(["cat"], { input: "line one\nline two\n" });
    expect(result.stdout).toBe("line one\nline two\n");
  });

  test("cwd and env are honoured", async () => {
    const result = await exec(["sh", "-c", "pwd; echo $NWH_TEST_VAR"], { cwd: "/tmp", env: { NWH_TEST_VAR: "hello" } });
    expect(result.stdout).toBe("/tmp\nhello\n");
  });

  test("a program that does not exist fails with a spawn error naming it", async () => {
    const error = (await exec(["nwh-no-such-program"]).catch((e: unknown) => e)) as ExecError;
    expect(error.failure).toBe("spawn");
    expect(error.message).toContain("nwh-no-such-program");
  });

  test("every call leaves a transcript entry with argv, cwd, duration, exit code and output tails", async () => {
    const transcript = new Transcript();
    await exec(["sh", "-c", "echo hello"], { transcript, cwd: "/tmp" });
    await exec(["sh", "-c", "sleep 5"], { transcript, timeoutMs: 100 }).catch(() => {});
    expect(transcript.entries).toHaveLength(2);
    const [ok, timedOut] = transcript.entries;
    expect(ok).toMatchObject({ argv: ["sh", "-c", "echo hello"], cwd: "/tmp", exitCode: 0, timedOut: false, stdoutTail: "hello\n" });
    expect(ok?.durationMs).toBeGreaterThan(0);
    expect(timedOut?.timedOut).toBe(true);
  });

  test("rejects a timeout that is not positive", async () => {
    await expect(exec(["true"], { timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be > 0/);
  });
});

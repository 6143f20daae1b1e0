import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { answerPause, awaitAnswer, claimPause, type DebugPause, formatPause, pendingPause } from "./debug-pause.ts";

const pause: DebugPause = { suite: "systemd", test: "no unit is in the failed state", file: "suites/systemd.suite.ts", failure: "AssertionError: expected [ 'nwh-failing.service' ] to equal []", transcriptTail: "$ systemctl --failed  (exit 0, 12 ms)", distro: "nwh-systemd-1a2b3c", enter: "wsl -d nwh-systemd-1a2b3c", backend: "wsl" };

describe("the --debug pause", () => {
  test("only the first failure pauses; the answer reaches the waiting worker and ends the pause", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-debug-"));
    expect(pendingPause(dir)).toBeUndefined();
    expect(claimPause(dir, pause)).toBe(true);
    expect(claimPause(dir, { ...pause, test: "another" })).toBe(false);
    expect(pendingPause(dir)?.test).toBe("no unit is in the failed state");
    const waiting = awaitAnswer(dir, 10_000);
    answerPause(dir, "quit");
    await expect(waiting).resolves.toBe("quit");
    expect(pendingPause(dir)).toBeUndefined();
  });

  test("a worker goes on by itself when no answer comes in time", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-debug-"));
    await expect(awaitAnswer(dir, 300)).resolves.toBe("continue");
  });

  test("shows the failure, the transcript tail and the way in", () => {
    const text = formatPause(pause);
    expect(text).toContain("systemd > no unit is in the failed state");
    expect(text).toContain("AssertionError: expected [ 'nwh-failing.service' ]");
    expect(text).toContain("$ systemctl --failed");
    expect(text).toContain("enter: wsl -d nwh-systemd-1a2b3c");
    expect(text).toContain("nwh shell --backend wsl --distro nwh-systemd-1a2b3c");
  });
});

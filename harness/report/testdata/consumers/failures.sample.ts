import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { TranscriptEntry } from "../../../exec/transcript.ts";
import type { NwhTestMeta } from "../../../model/test-meta.ts";

// What a failing scenario leaves: many commands with long outputs (well past 60 KB in all), diagnostics from a
// wait's last try, and a screen capture as .xwd (attached first) and .png.
function command(i: number): TranscriptEntry {
  const output = `line ${i} ${"x".repeat(60)}\n`.repeat(60);
  return { argv: ["systemctl", "status", `unit-${i}.service`], startedAt: new Date().toISOString(), durationMs: 5, exitCode: 3, timedOut: false, stdoutTail: output, stderrTail: "" };
}

function captures(): { name: string; path: string }[] {
  const dir = os.tmpdir();
  const xwd = path.join(dir, `nwh-sample-capture-${process.pid}.xwd`);
  const png = path.join(dir, `nwh-sample-capture-${process.pid}.png`);
  writeFileSync(xwd, "xwd bytes");
  writeFileSync(png, "png bytes");
  return [
    { name: "root-window.xwd", path: xwd },
    { name: "root-window.png", path: png },
  ];
}

function checkUnit(state: string): void {
  expect(state).toBe("active"); // FAILING-EXPECT
}

describe("consumers", () => {
  test("fails with a long transcript, diagnostics and captures", ({ task }) => {
    task.meta.nwh = {
      transcript: Array.from({ length: 40 }, (_, i) => command(i)),
      diagnostics: "--- journal ---\nJan 01 systemd[1]: unit-39.service: Failed with result 'exit-code'.",
      attachments: captures(),
    } satisfies NwhTestMeta;
    checkUnit("inactive");
  });

  test("times out", { timeout: 50 }, async () => {
    await new Promise(() => {});
  });

  test("skips with a reason", ({ skip }) => {
    skip("needs capability wslg (running on the docker backend)");
  });

  test("passes", () => {
    expect(1).toBe(1);
  });
});

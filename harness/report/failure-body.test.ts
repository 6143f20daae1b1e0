import { describe, expect, test } from "vitest";
import type { TranscriptEntry } from "../exec/transcript.ts";
import { utf8Bytes } from "./bounded-text.ts";
import { failureBody } from "./failure-body.ts";

const entry = (i: number, outputChars = 100): TranscriptEntry => ({ argv: ["cmd", String(i)], startedAt: "2026-01-01T00:00:00.000Z", durationMs: 1, exitCode: 0, timedOut: false, stdoutTail: "o".repeat(outputChars), stderrTail: "" });
const frames = [{ method: "checkUnit", file: "suites/x.suite.ts", line: 3, column: 7 }];

describe("failureBody", () => {
  test("starts with exactly the message, then the rest of it, the frames and every command when they fit", () => {
    const body = failureBody({ message: "expected 1 to be 2", more: "- Expected\n+ Received", frames, transcript: [entry(1), entry(2)] });
    expect(body.split("\n").slice(0, 4)).toEqual(["expected 1 to be 2", "- Expected", "+ Received", "    at checkUnit (suites/x.suite.ts:3:7)"]);
    expect(body).toContain("--- commands (2) ---\n$ cmd 1");
  });

  test("keeps the last commands that fit in maxBytes and says how many of how many", () => {
    const transcript = Array.from({ length: 100 }, (_, i) => entry(i, 1_000));
    const body = failureBody({ message: "m", frames, transcript, maxBytes: 10_000 });
    expect(utf8Bytes(body)).toBeLessThanOrEqual(10_000);
    const shown = Number(/--- last (\d+) of 100 commands/.exec(body)?.[1]);
    expect(shown).toBeGreaterThan(3);
    expect(body).toContain("$ cmd 99 ");
    expect(body).not.toContain(`$ cmd ${99 - shown} `);
  });

  test("a huge message is cut too, keeping the stack and the commands, so the body stays bounded", () => {
    const body = failureBody({ message: "m", more: "x".repeat(200_000), frames, transcript: [entry(1)], maxBytes: 60_000 });
    expect(utf8Bytes(body)).toBeLessThanOrEqual(20_000);
    expect(body.startsWith("m\nxxx")).toBe(true);
    expect(body).toMatch(/more bytes of the message cut\]\n {4}at checkUnit \(suites\/x\.suite\.ts:3:7\)/);
    expect(body).toContain("$ cmd 1");
  });
});

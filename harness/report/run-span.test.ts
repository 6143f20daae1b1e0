import { describe, expect, test } from "vitest";
import { runSpanMs } from "./run-span.ts";

describe("runSpanMs", () => {
  test("is the wall-clock span of concurrent suites, not the sum of their times", () => {
    const suite = (startedAt: string, durationMs: number) => ({ name: startedAt, file: "f", durationMs, properties: { "started.at": startedAt }, cases: [] });
    // Two workers: 0-40 s and 5-30 s, then 40-72 s.
    const suites = [suite("2026-01-01T00:00:00.000Z", 40_000), suite("2026-01-01T00:00:05.000Z", 25_000), suite("2026-01-01T00:00:40.000Z", 32_000)];
    expect(runSpanMs(suites)).toBe(72_000);
    expect(runSpanMs([{ name: "x", file: "x", durationMs: 5, properties: {}, cases: [] }])).toBe(5);
  });
});

import { describe, expect, test } from "vitest";
import { parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  test.each([
    ["90s", 90_000],
    ["30m", 1_800_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["45", 45_000],
    ["1.5h", 5_400_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each([["0s"], ["-5m"], ["ten minutes"], ["5 m"], [""], ["1d"], ["m"]])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

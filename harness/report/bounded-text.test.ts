import { describe, expect, test } from "vitest";
import { boundMiddle, sliceBytes, utf8Bytes } from "./bounded-text.ts";

describe("boundMiddle", () => {
  test("keeps short text, cuts long text at line ends around a marker naming the whole text", () => {
    expect(boundMiddle("short", 100, "x")).toEqual({ text: "short", cut: false });
    const long = Array.from({ length: 1000 }, (_, i) => `line ${i} ${"é".repeat(20)}`).join("\n");
    const { text, cut } = boundMiddle(long, 4000, "attachments/t/transcript.txt");
    expect(cut).toBe(true);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(4000);
    expect(text).toMatch(/\n\[\.\.\. \d+ bytes cut; the whole text: attachments\/t\/transcript\.txt \.\.\.\]\n/);
    expect(text.startsWith("line 0 ")).toBe(true);
    expect(text.endsWith(`line 999 ${"é".repeat(20)}`)).toBe(true);
    for (const line of text.split("\n").filter((l) => l.startsWith("line "))) expect(line).toMatch(/^line \d+ (é){20}$/);
  });

  test("never splits a multi-byte character", () => {
    expect(sliceBytes("ééé", 3, "head")).toBe("é");
    expect(sliceBytes("ééé", 5, "tail")).toBe("éé");
  });
});

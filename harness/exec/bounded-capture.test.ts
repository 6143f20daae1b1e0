import { describe, expect, test } from "vitest";
import { BoundedCapture } from "./bounded-capture.ts";

describe("BoundedCapture", () => {
  test("keeps everything below the limit", () => {
    const capture = new BoundedCapture(100);
    capture.push(Buffer.from("hello "));
    capture.push(Buffer.from("world"));
    expect(capture.text()).toBe("hello world");
    expect(capture.truncated).toBe(false);
  });

  test("keeps head and tail and counts the dropped middle, across chunk boundaries", () => {
    const capture = new BoundedCapture(10);
    for (const chunk of ["abc", "defgh", "ijklmnop", "qrstuvwxyz"]) capture.push(Buffer.from(chunk));
    expect(capture.bytes().toString()).toBe("abcdevwxyz");
    expect(capture.droppedBytes).toBe(16);
    expect(capture.text()).toBe("abcde\n[... 16 bytes omitted ...]\nvwxyz");
  });

  test("memory stays bounded for a million chunks", () => {
    const capture = new BoundedCapture(1024);
    const chunk = Buffer.alloc(100, 1);
    for (let i = 0; i < 1_000_000; i++) capture.push(chunk);
    expect(capture.bytes().length).toBe(1024);
    expect(capture.droppedBytes).toBe(100_000_000 - 1024);
  });

  test("rejects a limit below 2 bytes", () => {
    expect(() => new BoundedCapture(1)).toThrow(/capture limit/);
  });
});

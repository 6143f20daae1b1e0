import { describe, expect, it } from "vitest";
import { recordedBytes, recordedManifest } from "./recorded/read-recorded.ts";
import { decodeWslOutput, isWslExeFailure, looksLikeUtf16le } from "./wsl-output.ts";

describe("decodeWslOutput", () => {
  it.each(recordedManifest.map((entry) => [entry.file, entry] as const))("detects the encoding of %s", (_file, entry) => {
    const bytes = recordedBytes(entry.file);
    expect(looksLikeUtf16le(bytes)).toBe(entry.encoding === "utf16le");
    const text = decodeWslOutput(bytes);
    expect(text).not.toContain("\r");
    expect(text).not.toContain("\0");
    expect(text).not.toContain("\uFFFD");
  });

  it("decodes UTF-16LE Japanese (no NUL in the characters themselves, only in ASCII and CR LF)", () => {
    const text = decodeWslOutput(recordedBytes("list-empty-ja.utf16le.txt"));
    expect(text.split("\n")[0]).toBe("Linux 用 Windows サブシステムにインストールされているディストリビューションはありません。");
  });

  it("decodes the same text identically from UTF-16LE and UTF-8, with or without a BOM", () => {
    const text = "WSL version: 2.7.11.0\r\nKernel version: 6.6.87.2-1\r\n";
    const utf16 = Buffer.from(text, "utf16le");
    expect(decodeWslOutput(utf16)).toBe("WSL version: 2.7.11.0\nKernel version: 6.6.87.2-1\n");
    expect(decodeWslOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]))).toBe(decodeWslOutput(utf16));
    expect(decodeWslOutput(Buffer.from(text, "utf8"))).toBe(decodeWslOutput(utf16));
  });

  it("keeps Linux output (UTF-8, LF) as it is", () => {
    expect(decodeWslOutput(recordedBytes("exec-linux-output.utf8.txt"))).toBe("grüße ✓ 日本語\nNAME=NixOS\n");
  });

  it("ignores a trailing odd byte of a truncated UTF-16LE capture", () => {
    const bytes = Buffer.concat([Buffer.from("Running\r\n", "utf16le"), Buffer.from([0x41])]);
    expect(decodeWslOutput(bytes)).toBe("Running\n");
  });
});

describe("isWslExeFailure", () => {
  it("recognises -1 as each API reports it, and nothing else", () => {
    expect([-1, 4294967295, 255].map(isWslExeFailure)).toEqual([true, true, true]);
    expect([0, 1, 4, 254, undefined].map(isWslExeFailure)).toEqual([false, false, false, false, false]);
  });
});

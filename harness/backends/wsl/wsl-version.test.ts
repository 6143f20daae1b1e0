import { describe, expect, it } from "vitest";
import { recordedBytes } from "./recorded/read-recorded.ts";
import { decodeWslOutput } from "./wsl-output.ts";
import { compareVersions, isUsageOutput, parseWslVersion, splitLabelValue, supportsInstallFromFile } from "./wsl-version.ts";

const parse = (file: string) => parseWslVersion(decodeWslOutput(recordedBytes(file)));

describe("parseWslVersion", () => {
  it("parses English UTF-16LE by position", () => {
    expect(parse("version-en.utf16le.txt")).toEqual({
      wslVersion: "2.6.3.0",
      kernelVersion: "6.6.87.2-1",
      wslgVersion: "1.0.71",
      msrdcVersion: "1.2.6353",
      direct3dVersion: "1.611.1-81528511",
      dxcoreVersion: "10.0.26100.1-240331-1435.ge-release",
      windowsVersion: "10.0.26200.8037",
    });
  });

  it("parses English UTF-8 (WSL_UTF8=1)", () => {
    expect(parse("version-en.utf8.txt")).toMatchObject({ wslVersion: "2.1.1.0", kernelVersion: "5.15.146.1-2", windowsVersion: "10.0.19045.3992" });
  });

  it("parses German labels (WSL-Version:, Kernelversion:)", () => {
    expect(parse("version-de.utf16le.txt")).toMatchObject({ wslVersion: "2.7.11.0", kernelVersion: "6.6.87.2-1", wslgVersion: "1.0.71", windowsVersion: "10.0.26100.4946" });
  });

  it("parses Japanese labels (WSL バージョン:)", () => {
    expect(parse("version-ja.utf16le.txt")).toMatchObject({ wslVersion: "2.4.4.0", kernelVersion: "5.15.167.4-1", dxcoreVersion: "10.0.26100.1-240331-1435.ge-release" });
  });

  it("parses French labels with a space before the colon", () => {
    expect(parse("version-fr.utf8.txt")).toMatchObject({ wslVersion: "1.2.5.0", msrdcVersion: "1.2.3770", windowsVersion: "10.0.22621.2361" });
  });

  it("parses Chinese labels with full-width colons (zh-TW) and ASCII ones (zh-CN)", () => {
    expect(parse("version-zh-TW.utf16le.txt")).toMatchObject({ wslVersion: "1.1.3.0", kernelVersion: "5.15.90.1", windowsVersion: "10.0.22621.1413" });
    expect(parse("version-zh-CN.utf8.txt")).toMatchObject({ wslVersion: "2.5.9.0", direct3dVersion: "1.611.1-81528511" });
  });

  it("rejects the usage text of an old inbox wsl.exe and recognises it as usage", () => {
    const text = decodeWslOutput(recordedBytes("version-old-inbox-usage.utf16le.txt"));
    expect(parseWslVersion(text)).toBeUndefined();
    expect(isUsageOutput(text)).toBe(true);
    expect(isUsageOutput(decodeWslOutput(recordedBytes("version-en.utf16le.txt")))).toBe(false);
  });

  it("rejects fewer than seven version lines", () => {
    expect(parseWslVersion("WSL version: 2.0.0.0\nKernel version: 5.15.1\n")).toBeUndefined();
  });
});

describe("splitLabelValue", () => {
  it("splits at the first ASCII or full-width colon", () => {
    expect(splitLabelValue("Version WSL : 1.2.5.0")).toEqual({ label: "Version WSL", value: "1.2.5.0" });
    expect(splitLabelValue("WSL 版本： 1.1.3.0")).toEqual({ label: "WSL 版本", value: "1.1.3.0" });
    expect(splitLabelValue("no colon here")).toBeUndefined();
  });
});

describe("version comparison", () => {
  it("compares numerically, missing parts as 0", () => {
    expect(compareVersions("2.4.4", "2.4.4.0")).toBe(0);
    expect(compareVersions("2.4.10.0", "2.4.4")).toBe(1);
    expect(compareVersions("2.3.26.0", "2.4.4")).toBe(-1);
  });

  it("knows --install --from-file starts at 2.4.4", () => {
    expect(supportsInstallFromFile("2.4.4.0")).toBe(true);
    expect(supportsInstallFromFile("2.7.11.0")).toBe(true);
    expect(supportsInstallFromFile("2.4.3.0")).toBe(false);
    expect(supportsInstallFromFile(undefined)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { recordedBytes } from "./recorded/read-recorded.ts";
import { DISTRO_STATES, isNoDistrosMessage, parseListVerbose } from "./wsl-list.ts";
import { decodeWslOutput } from "./wsl-output.ts";
import { parseWslStatus } from "./wsl-status.ts";

const text = (file: string) => decodeWslOutput(recordedBytes(file));

describe("parseListVerbose", () => {
  it("parses rows with the default marker (UTF-16LE)", () => {
    expect(parseListVerbose(text("list-en.utf16le.txt"))).toEqual([
      { name: "Ubuntu-24.04", state: "Running", version: 2, default: true },
      { name: "nwh-smoke-k3j9x2", state: "Stopped", version: 2, default: false },
      { name: "docker-desktop", state: "Stopped", version: 2, default: false },
    ]);
  });

  it("parses every state (UTF-8)", () => {
    const entries = parseListVerbose(text("list-all-states.utf8.txt"));
    expect(entries?.map((e) => e.state)).toEqual(["Running", "Stopped", "Installing", "Uninstalling", "Converting", "Exporting"]);
    expect(new Set(entries?.map((e) => e.state))).toEqual(new Set(DISTRO_STATES));
    expect(entries?.find((e) => e.name === "Legacy")).toEqual({ name: "Legacy", state: "Converting", version: 1, default: false });
  });

  it("parses builds that print no default marker", () => {
    const entries = parseListVerbose(text("list-no-star.utf16le.txt"));
    expect(entries?.map((e) => [e.name, e.default])).toEqual([
      ["NixOS", false],
      ["Ubuntu", false],
    ]);
  });

  it("reports the WSL version of each distro", () => {
    expect(parseListVerbose(text("list-wsl1.utf16le.txt"))).toEqual([{ name: "nwh-import-q1w2e3", state: "Stopped", version: 1, default: true }]);
  });

  it("returns undefined without the header, and fails on a row it cannot read", () => {
    expect(parseListVerbose(text("list-empty-en.utf16le.txt"))).toBeUndefined();
    expect(() => parseListVerbose("  NAME   STATE   VERSION\n* odd row\n")).toThrow(/not "NAME STATE VERSION"/);
  });
});

describe("isNoDistrosMessage", () => {
  it.each(["list-empty-en.utf16le.txt", "list-empty-de.utf8.txt", "list-empty-ja.utf16le.txt", "list-empty-old-store.utf16le.txt"])("recognises %s", (file) => {
    expect(isNoDistrosMessage(text(file))).toBe(true);
  });

  it("does not take an error or a list for it", () => {
    expect(isNoDistrosMessage(text("error-distro-not-found-en.utf16le.txt"))).toBe(false);
    expect(isNoDistrosMessage(text("list-en.utf16le.txt"))).toBe(false);
    expect(isNoDistrosMessage(text("error-invalid-usage.utf16le.txt"))).toBe(false);
  });
});

describe("parseWslStatus", () => {
  it("reads the default distro and version", () => {
    expect(parseWslStatus(text("status-en.utf16le.txt"))).toEqual({ defaultDistro: "Ubuntu-22.04", defaultVersion: 2 });
  });

  it("reads the kernel version of an old inbox build", () => {
    expect(parseWslStatus(text("status-old-inbox.utf16le.txt"))).toEqual({ defaultDistro: "Ubuntu-22.04", defaultVersion: 2, kernelVersion: "5.10.102.1" });
  });

  it("reads localized status without a default distro", () => {
    expect(parseWslStatus(text("status-de-no-default.utf8.txt"))).toEqual({ defaultVersion: 2 });
  });
});

import { describe, expect, it } from "vitest";
import type { WslVersionInfo } from "../../harness/backends/wsl/wsl-version.ts";
import { msiUrl, parseWslRequest, sameRelease, setupWsl, type WslHost } from "./setup-wsl.ts";

describe("parseWslRequest", () => {
  it.each([
    ["latest", { kind: "latest" }],
    ["pre-release", { kind: "pre-release" }],
    ["preinstalled", { kind: "preinstalled" }],
    ["2.6.1", { kind: "exact", version: "2.6.1" }],
    [" 2.7.11.0 ", { kind: "exact", version: "2.7.11" }],
  ])("reads %j", (text, expected) => {
    expect(parseWslRequest(text)).toEqual(expected);
  });

  it.each([["newest"], ["2.6"], ["v2.6.1"], ["2.6.1.3"], [""]])("rejects %j, saying what it accepts", (text) => {
    expect(() => parseWslRequest(text)).toThrow(/wsl-version .* is not valid: use one of "latest", "pre-release", "preinstalled" or an exact release/);
  });
});

describe("msiUrl", () => {
  it("names microsoft/WSL's release asset", () => {
    expect(msiUrl("2.6.1", "x64")).toBe("https://github.com/microsoft/WSL/releases/download/2.6.1/wsl.2.6.1.0.x64.msi");
    expect(msiUrl("2.7.11", "arm64")).toBe("https://github.com/microsoft/WSL/releases/download/2.7.11/wsl.2.7.11.0.arm64.msi");
  });
});

describe("sameRelease", () => {
  it("ignores the fourth part wsl --version prints", () => {
    expect(sameRelease("2.6.1.0", "2.6.1")).toBe(true);
    expect(sameRelease("2.6.10.0", "2.6.1")).toBe(false);
  });
});

function info(wslVersion: string): WslVersionInfo {
  return { wslVersion, kernelVersion: "6.6.87.2-1", windowsVersion: "10.0.26100.4946" };
}

/** A machine whose WSL version the fake's actions change, recording what was done. */
function fakeHost(start: string | undefined, options: { installGives?: string; unsettledReads?: number } = {}) {
  const actions: string[] = [];
  let version = start;
  let unsettled = 0;
  const host: WslHost = {
    async readVersion() {
      if (unsettled > 0) {
        unsettled--;
        return undefined; // "WSL is finishing an upgrade..."
      }
      return version ? info(version) : undefined;
    },
    async update(preRelease) {
      actions.push(preRelease ? "update --pre-release" : "update");
      version = preRelease ? "2.8.0.0" : "2.7.11.0";
      unsettled = options.unsettledReads ?? 0;
    },
    async installMsi(requested) {
      actions.push(`msi ${requested}`);
      version = options.installGives ?? `${requested}.0`;
    },
    log() {},
  };
  return { host, actions };
}

describe("setupWsl", () => {
  it("keeps the preinstalled WSL", async () => {
    const { host, actions } = fakeHost("2.6.3.0");
    expect(await setupWsl({ kind: "preinstalled" }, host)).toMatchObject({ before: "2.6.3.0", action: "kept", after: { wslVersion: "2.6.3.0" } });
    expect(actions).toEqual([]);
  });

  it("updates, then waits until wsl --version answers again", async () => {
    const { host, actions } = fakeHost("2.6.3.0", { unsettledReads: 2 });
    expect(await setupWsl({ kind: "pre-release" }, host)).toMatchObject({ action: "updated", after: { wslVersion: "2.8.0.0" } });
    expect(actions).toEqual(["update --pre-release"]);
  });

  it("installs the MSI of an exact version (also a downgrade), and skips it when already there", async () => {
    const down = fakeHost("2.7.11.0");
    expect(await setupWsl({ kind: "exact", version: "2.6.1" }, down.host)).toMatchObject({ action: "installed", before: "2.7.11.0", after: { wslVersion: "2.6.1.0" } });
    expect(down.actions).toEqual(["msi 2.6.1"]);
    const same = fakeHost("2.6.1.0");
    expect(await setupWsl({ kind: "exact", version: "2.6.1" }, same.host)).toMatchObject({ action: "kept" });
    expect(same.actions).toEqual([]);
  });

  it("fails when the installed version is not the requested one", async () => {
    const { host } = fakeHost("2.7.11.0", { installGives: "2.7.11.0" });
    await expect(setupWsl({ kind: "exact", version: "2.6.1" }, host)).rejects.toThrow(/WSL 2\.6\.1 was requested, but .* reports 2\.7\.11\.0/);
  });

  it("fails with a bounded wait when wsl --version never answers", async () => {
    const { host } = fakeHost(undefined);
    await expect(setupWsl({ kind: "preinstalled" }, host, 200)).rejects.toThrow(/Timed out after 200 ms waiting for `wsl --version` to report a version/);
  });
});

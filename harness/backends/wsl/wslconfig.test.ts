import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runPendingCleanupsSync } from "./exit-cleanup.ts";
import { applyWslConfig, effectiveWslConfig, mergeIni, networkingSettings, TIMING_SETTINGS } from "./wslconfig.ts";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nwh-wslconfig-"));
  file = path.join(dir, ".wslconfig");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("mergeIni", () => {
  it("replaces keys in their section and keeps the user's other lines", () => {
    const user = "[wsl2]\r\nmemory=8GB\r\nvmIdleTimeout=1000\r\n\r\n[experimental]\r\nsparseVhd=true\r\n";
    expect(mergeIni(user, TIMING_SETTINGS)).toBe(
      "[wsl2]\r\nmemory=8GB\r\nvmIdleTimeout=600000\r\n\r\n[experimental]\r\nsparseVhd=true\r\n\r\n[general]\r\ninstanceIdleTimeout=-1\r\n",
    );
  });

  it("adds a missing key at the end of its section and starts from nothing", () => {
    expect(mergeIni("[wsl2]\nmemory=8GB\n\n[general]\nfoo=1\n", networkingSettings("mirrored"))).toBe("[wsl2]\nmemory=8GB\nnetworkingMode=mirrored\n\n[general]\nfoo=1\n");
    expect(mergeIni("", networkingSettings("nat"))).toBe("[wsl2]\nnetworkingMode=nat\n");
  });
});

describe("applyWslConfig", () => {
  it("writes the settings and restores the user's file byte for byte", () => {
    const user = Buffer.from("# mine\r\n[wsl2]\r\nmemory=4GB\r\n");
    writeFileSync(file, user);
    const applied = applyWslConfig(networkingSettings("mirrored"), { file });
    expect(readFileSync(file, "utf8")).toBe("# mine\r\n[wsl2]\r\nmemory=4GB\r\nnetworkingMode=mirrored\r\n");
    applied.restore();
    expect(readFileSync(file)).toEqual(user);
    expect(existsSync(`${file}.nwh-backup`)).toBe(false);
    applied.restore();
    expect(readFileSync(file)).toEqual(user);
  });

  it("removes its file when the user had none", () => {
    const applied = applyWslConfig(TIMING_SETTINGS, { file });
    expect(readFileSync(file, "utf8")).toContain("instanceIdleTimeout=-1");
    applied.restore();
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.nwh-absent`)).toBe(false);
  });

  it("restores at process exit when nobody called restore", () => {
    writeFileSync(file, "[wsl2]\nmemory=2GB\n");
    applyWslConfig(TIMING_SETTINGS, { file });
    runPendingCleanupsSync();
    expect(readFileSync(file, "utf8")).toBe("[wsl2]\nmemory=2GB\n");
  });

  it("restores the leftover backup of a killed run before writing again", () => {
    writeFileSync(file, "[wsl2]\nmemory=2GB\n");
    applyWslConfig(networkingSettings("mirrored"), { file });
    // A killed run: the next run finds the backup and starts from the user's file, not from ours.
    const second = applyWslConfig(TIMING_SETTINGS, { file });
    expect(readFileSync(file, "utf8")).not.toContain("networkingMode");
    second.restore();
    expect(readFileSync(file, "utf8")).toBe("[wsl2]\nmemory=2GB\n");
    runPendingCleanupsSync();
    expect(readFileSync(file, "utf8")).toBe("[wsl2]\nmemory=2GB\n");
  });

  it.each(["SIGTERM", "SIGINT"])("restores on %s in a real process", (signal) => {
    writeFileSync(file, "[wsl2]\nmemory=2GB\n");
    const script = `
      import { applyWslConfig } from ${JSON.stringify(path.resolve(import.meta.dirname, "wslconfig.ts"))};
      applyWslConfig({ wsl2: { networkingMode: "mirrored" } }, { file: ${JSON.stringify(file)} });
      process.stdout.write("applied\\n");
      setInterval(() => {}, 1000);
    `;
    const child = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `${script}; setTimeout(() => process.kill(process.pid, ${JSON.stringify(signal)}), 100);`],
      { timeout: 20_000, encoding: "utf8" },
    );
    expect(child.stdout).toContain("applied");
    expect(child.status).toBe(signal === "SIGINT" ? 130 : 143);
    expect(readFileSync(file, "utf8")).toBe("[wsl2]\nmemory=2GB\n");
  });
});

describe("effectiveWslConfig (the failure bundle's .wslconfig)", () => {
  it("shows the file as applyWslConfig pinned it, and says the user's own is kept beside it", () => {
    writeFileSync(file, "[wsl2]\r\nmemory=8GB\r\n");
    const pinned = applyWslConfig(networkingSettings("mirrored"), { file });
    try {
      expect(effectiveWslConfig(file)).toBe(`# ${file} (pinned by nwh for this run; your own file is kept as .wslconfig.nwh-backup)\n[wsl2]\nmemory=8GB\nnetworkingMode=mirrored\n`);
    } finally {
      pinned.restore();
    }
    expect(effectiveWslConfig(file)).toBe(`# ${file} (not changed by nwh)\n[wsl2]\nmemory=8GB\n`);
  });

  it("says when the harness wrote the only .wslconfig, and when there is none", () => {
    expect(effectiveWslConfig(file)).toBe(`# ${file}: none (WSL's defaults apply)\n`);
    const pinned = applyWslConfig(TIMING_SETTINGS, { file });
    try {
      expect(effectiveWslConfig(file)).toMatch(/^# .* \(written by nwh for this run; there was no \.wslconfig before\)\n\[wsl2\]\nvmIdleTimeout=600000\n/);
    } finally {
      pinned.restore();
    }
  });
});

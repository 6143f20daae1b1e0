import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { UsageError } from "../model/usage-error.ts";
import { loadConfig } from "./load.ts";
import { validateConfig } from "./schema.ts";

function configDir(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-config-"));
  writeFileSync(path.join(dir, "nwh.config.ts"), source);
  return dir;
}

describe("config", () => {
  test("a valid config file loads with its values", async () => {
    const dir = configDir(`export default { backend: "docker", suites: ["systemd"], concurrency: 3, timeouts: { waitMs: 5000 } };`);
    await expect(loadConfig({ cwd: dir })).resolves.toEqual({ backend: "docker", suites: ["systemd"], concurrency: 3, timeouts: { waitMs: 5000 } });
  });

  test("a config in the clone imports defineConfig from the package by name, as the README shows", async () => {
    const packageRoot = path.resolve(import.meta.dirname, "..", "..");
    mkdirSync(path.join(packageRoot, ".cache"), { recursive: true });
    const dir = mkdtempSync(path.join(packageRoot, ".cache", "nwh-config-"));
    try {
      writeFileSync(path.join(dir, "nwh.config.ts"), `import { defineConfig } from "nixos-wsl-harness";\nexport default defineConfig({ backend: "wsl", keep: true });\n`);
      await expect(loadConfig({ cwd: dir })).resolves.toEqual({ backend: "wsl", keep: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("retries, failOnFlaky, timeout and quarantine are checked, naming what they accept", () => {
    const quarantine = [{ test: "systemd > boots", reason: "https://example.org/1", expires: "2030-01-31" }];
    expect(validateConfig({ retries: 2, failOnFlaky: true, timeout: "90m", quarantine }, "nwh.config.ts")).toEqual({ retries: 2, failOnFlaky: true, timeout: "90m", quarantine });
    expect(() => validateConfig({ retries: -1 }, "nwh.config.ts")).toThrow(/"retries" is number -1; it accepts an integer >= 0/);
    expect(() => validateConfig({ timeout: "soon" }, "nwh.config.ts")).toThrow(/"timeout" is string "soon"; it accepts a duration such as "90s"/);
    expect(() => validateConfig({ quarantine: [{ ...quarantine[0], expires: "next week" }] }, "nwh.config.ts")).toThrow(/"quarantine" is .*it accepts a list of \{ test:/);
  });

  test("capabilities accepts the declared-only ones and names what it accepts otherwise", () => {
    expect(validateConfig({ capabilities: ["internet"] }, "nwh.config.ts")).toEqual({ capabilities: ["internet"] });
    expect(() => validateConfig({ capabilities: ["windows-host"] }, "nwh.config.ts")).toThrow(/capabilities.*a list of "internet"/);
  });

  test("junitDialect accepts default and jenkins and names them otherwise", () => {
    expect(validateConfig({ junitDialect: "jenkins" }, "nwh.config.ts")).toEqual({ junitDialect: "jenkins" });
    expect(() => validateConfig({ junitDialect: "xunit2" }, "f")).toThrow(`f: "junitDialect" is string "xunit2"; it accepts "default" or "jenkins"`);
  });

  test("wslImport accepts its modes and names them otherwise", () => {
    expect(validateConfig({ wslImport: "tar" }, "nwh.config.ts")).toEqual({ wslImport: "tar" });
    expect(() => validateConfig({ wslImport: "vhd" }, "f")).toThrow(`f: "wslImport" is string "vhd"; it accepts "vhd-copy" or "vhd-in-place" or "tar"`);
  });

  test("no config file means no settings", async () => {
    await expect(loadConfig({ cwd: mkdtempSync(path.join(os.tmpdir(), "nwh-empty-")) })).resolves.toEqual({});
  });

  test("an unknown key is named, with the keys that are accepted", () => {
    expect(() => validateConfig({ backnd: "wsl" }, "nwh.config.ts")).toThrow(/unknown key "backnd"; accepted keys: backend, tarball/);
  });

  test("a nested unknown key is named with its path", () => {
    expect(() => validateConfig({ timeouts: { bootSeconds: 3 } }, "f")).toThrow(/unknown key "timeouts.bootSeconds"; accepted keys: timeouts.execMs/);
  });

  test("a wrong type names the key, the value and what it accepts", () => {
    expect(() => validateConfig({ concurrency: "4" }, "f")).toThrow(`f: "concurrency" is string "4"; it accepts a positive integer`);
    expect(() => validateConfig({ backend: "Hyper V" }, "f")).toThrow(`"backend" is string "Hyper V"; it accepts a backend name such as "wsl" or "docker"`);
    expect(() => validateConfig({ suites: "systemd" }, "f")).toThrow(/"suites" is string "systemd"; it accepts a list of strings/);
  });

  test("a bad config file is a usage error (exit 2 at the CLI)", async () => {
    const dir = configDir(`export default { keep: "yes" };`);
    const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`"keep" is string "yes"; it accepts true or false`);
  });

  test("an explicit --config path that does not exist is a usage error", async () => {
    await expect(loadConfig({ file: "/nonexistent/nwh.config.ts" })).rejects.toThrow(/config file not found/);
  });
});

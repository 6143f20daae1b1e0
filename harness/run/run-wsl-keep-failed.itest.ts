import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildStandin } from "../../fixtures/standin/build-standin.ts";
import { runNwh } from "../../suites/lib/run-cli.ts";
import { exec } from "../exec/index.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

// `nwh run --backend wsl --keep-failed` with the WSL emulator in wsl.exe's place.
const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");
const WSL_EXE = path.join(PACKAGE_ROOT, "fixtures", "wsl-emulator", "wsl.exe");
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-wsl-keep-failed-"));
const env = {
  NWH_WSL_EMULATOR_STATE: path.join(work, "emulator-state"),
  NWH_WSL_EMU_NODE: process.execPath,
  NWH_WSL_LEDGER_DIR: path.join(work, "ledger"),
};

async function registered(): Promise<string[]> {
  const result = await exec([WSL_EXE, "-l", "-q"], { timeoutMs: 60_000, env: { ...env, WSL_UTF8: "1" } });
  return result.exitCode === 0 ? result.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];
}

describe("nwh run --backend wsl --keep-failed through the WSL emulator", () => {
  test("keeps only the failing file's distro, names it with wsl -d NAME, and nwh cleanup finds and removes it", async () => {
    const tarball = (await buildStandin({ variant: "failing-unit" })).tarball;
    const run = await runNwh(["--backend", "wsl", "--wsl-exe", WSL_EXE, "--tarball", tarball, "--suite", "systemd", "--suite", "networking", "-t", "no unit is in the failed state|getent hosts resolves localhost", "--keep-failed"], {
      timeoutMs: 900_000,
      env,
    });
    const runId = run.properties["run.id"] as string;
    try {
      expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
      const left = await registered();
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(/^nwh-systemd-[0-9a-f]{6}$/);
      expect(run.stderr).toContain(`Kept for debugging (--keep-failed): ${left[0]} (suite systemd: a test failed); enter: wsl -d ${left[0]};`);
      // The way in: the same distro answers through wsl.exe.
      // As a person types it: the shell form (a NixOS-shaped distro has no systemctl on --exec's PATH).
      const inside = await exec([WSL_EXE, "-d", left[0] as string, "--", "systemctl", "is-failed", "nwh-failing.service"], { timeoutMs: 120_000, env });
      expect(inside.stdout.trim()).toBe("failed");
    } finally {
      const cleanup = await exec([process.execPath, NWH, "cleanup", "--backend", "wsl", "--wsl-exe", WSL_EXE, "--run-id", runId], { timeoutMs: 300_000, env });
      expect(cleanup.stdout).toMatch(/removed\s+wsl-distro\s+nwh-systemd-/);
      expect(cleanup.exitCode, cleanup.stdout).toBe(0);
    }
    expect(await registered()).toEqual([]);
  });
});

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { buildStandin } from "../../fixtures/standin/build-standin.ts";
import { LABEL_WSL_EMULATOR_STATE, emulatorStateLabel } from "../../fixtures/wsl-emulator/docker.ts";
import { findCase, runNwh } from "../../suites/lib/run-cli.ts";
import { exec } from "../exec/run.ts";
import { parseJunit } from "../report/junit-parse.ts";
import { waitUntil } from "../wait.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

// `nwh run --backend wsl` as a Windows user runs it, with the WSL emulator in wsl.exe's place.
const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");
const WSL_EXE = path.join(PACKAGE_ROOT, "fixtures", "wsl-emulator", "wsl.exe");
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-run-wsl-"));
const emulatorEnv = {
  NWH_WSL_EMULATOR_STATE: path.join(work, "emulator-state"),
  NWH_WSL_EMU_NODE: process.execPath,
  NWH_WSL_LEDGER_DIR: path.join(work, "ledger"),
};
let tarball: string;

beforeAll(async () => {
  tarball = (await buildStandin()).tarball;
});

/** The emulator's `wsl.exe -l -v`, decoded: the distro names, or [] for its "no installed distributions" answer. */
async function registeredDistros(): Promise<string[]> {
  const result = await exec([WSL_EXE, "-l", "-q"], { timeoutMs: 60_000, env: { ...emulatorEnv, WSL_UTF8: "1" } });
  if (result.exitCode !== 0) return [];
  return result.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** The containers of this file's emulated machine (other test files' emulators share the Docker engine). */
async function emulatorContainers(): Promise<string[]> {
  const state = `label=${LABEL_WSL_EMULATOR_STATE}=${emulatorStateLabel(emulatorEnv.NWH_WSL_EMULATOR_STATE)}`;
  const result = await exec(["docker", "ps", "-aq", "--filter", state], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean);
}

/** The emulator containers that appeared since `before` (another run's leftovers are not this test's). */
async function newEmulatorContainers(before: readonly string[]): Promise<string[]> {
  return (await emulatorContainers()).filter((id) => !before.includes(id));
}

const SETUP_SUITE = path.join(PACKAGE_ROOT, "fixtures", "suites", "setup.suite.ts");
const wslArgs = (...more: string[]) => ["--backend", "wsl", "--wsl-exe", WSL_EXE, "--tarball", tarball, ...more];

describe("nwh run --backend wsl through the WSL emulator", () => {
  test("runs the suites green, skips Windows-only scenarios with their reason, and leaves -l -v empty", async () => {
    const before = await emulatorContainers();
    const run = await runNwh(wslArgs(), { timeoutMs: 900_000, env: emulatorEnv });
    const failed = run.cases.filter((c) => c.status === "failed" || c.status === "error");
    expect(failed.map((c) => `${c.name}: ${c.failure?.message}`), run.stderr.slice(-3000)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.properties).toMatchObject({ backend: "wsl", standin: expect.stringContaining("true") });
    expect(run.cases.filter((c) => c.status === "passed").length).toBeGreaterThan(20);
    expect(findCase(run, "cmd.exe /c echo prints its output inside the distro").skipReason ?? "").toMatch(/windows-host/);
    expect(await registeredDistros()).toEqual([]);
    expect(await newEmulatorContainers(before)).toEqual([]);
  }, 1_000_000); // every suite through the emulator: it passed 10 min beside other files at a load average of 10

  test("--wsl-import vhd-copy: one template export per run, the suite file's distro a copy; with --keep only that copy stays", async () => {
    const run = await runNwh(wslArgs("--wsl-import", "vhd-copy", "--suite", SETUP_SUITE, "--keep"), { timeoutMs: 600_000, env: emulatorEnv });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    const xml = readFileSync(path.join(run.reportsDir, "junit.xml"), "utf8");
    expect(xml.match(/\$ \S*wsl\.exe --export nwh-template-\S+ \S+ --format vhd/g), "one template export").toHaveLength(1);
    expect(xml.match(/\$ \S*wsl\.exe --import nwh-setup-\S+ \S+ \S+ext4\.vhdx --vhd --version 2/g), "the file's distro is a copy").toHaveLength(1);
    // The template is the run's, not the file's: --keep keeps the file's distro only.
    const kept = await registeredDistros();
    expect(kept).toEqual([expect.stringMatching(/^nwh-setup-[0-9a-f]{6}$/)]);
    expect((await exec([process.execPath, NWH, "cleanup", "--backend", "wsl", "--wsl-exe", WSL_EXE], { timeoutMs: 300_000, env: emulatorEnv })).exitCode).toBe(0);
    expect(await registeredDistros()).toEqual([]);
  });

  test("an injected HCS_E_CONNECTION_TIMEOUT on import is retried and the run passes", async () => {
    const run = await runNwh(wslArgs("--suite", "networking"), { timeoutMs: 600_000, env: { ...emulatorEnv, NWH_WSL_EMU_FAIL_IMPORTS: "1", NWH_WSL_EMU_FAULT_SCOPE: `retry-${Date.now()}` } });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    expect(run.cases.filter((c) => c.status === "passed").length).toBeGreaterThan(3);
    expect(await registeredDistros()).toEqual([]);
  });

  test("a fatal import error fails its suite file once: one import, one error naming the code, the other tests skipped naming it", async () => {
    const started = performance.now();
    const run = await runNwh(wslArgs("--suite", SETUP_SUITE), { timeoutMs: 300_000, env: { ...emulatorEnv, NWH_WSL_EMU_FATAL_IMPORT: "1" } });
    expect(performance.now() - started, "no retries of a fatal error").toBeLessThan(120_000);
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
    const [first, ...others] = run.cases;
    expect(first?.status).toBe("error");
    expect(first?.failure?.message).toContain("Wsl/Service/RegisterDistro/E_INVALIDARG");
    expect(first?.failure?.type).toBe("Wsl/Service/RegisterDistro/E_INVALIDARG");
    expect(others).toHaveLength(2);
    for (const c of others) expect(c.skipReason ?? c.status, c.name).toMatch(/^not run: the distro for suite "setup" could not be set up: .*E_INVALIDARG/);
    const xml = readFileSync(path.join(run.reportsDir, "junit.xml"), "utf8");
    expect(xml.match(/\$ \S*wsl\.exe (--import|--install) /g), "exactly one import attempt, in the file's transcript").toHaveLength(1);
    expect(await registeredDistros()).toEqual([]);
  });

  test("a host without WSL 2 (HCS_E_HYPERV_NOT_INSTALLED) stops the whole run at once with the fix, exit 2", async () => {
    const run = await runNwh(wslArgs("--suite", SETUP_SUITE, "--suite", "networking", "--concurrency", "1"), { timeoutMs: 300_000, env: { ...emulatorEnv, NWH_WSL_EMU_NO_VIRTUALIZATION: "1" } });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(2);
    expect(run.stderr).toMatch(/this host cannot run the wsl backend's distros: WSL 2 cannot start its VM on this machine: enable the "Virtual Machine Platform"/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.cases.find((c) => c.status === "error")?.failure?.type).toBe("Wsl/Service/RegisterDistro/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED");
    expect(run.cases.filter((c) => c.status === "passed")).toEqual([]);
    expect(await registeredDistros()).toEqual([]);
  });

  test("nwh doctor --backend wsl --json reports the parsed wsl --version and the registered distros", async () => {
    const name = `nwh-doctor-${Date.now().toString(16).slice(-6)}`;
    const imported = await exec([WSL_EXE, "--import", name, path.join(work, name), tarball, "--version", "2"], { timeoutMs: 300_000, env: emulatorEnv });
    expect(imported.exitCode, imported.stdout).toBe(0);
    try {
      const doctor = await exec([process.execPath, NWH, "doctor", "--backend", "wsl", "--wsl-exe", WSL_EXE, "--json"], { timeoutMs: 120_000, env: emulatorEnv });
      expect(doctor.exitCode, doctor.stderr).toBe(0);
      const details = JSON.parse(doctor.stdout).backends.wsl.details;
      expect(details).toMatchObject({ wslVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), kernelVersion: expect.any(String), wslgVersion: expect.any(String), windowsVersion: expect.any(String), emulated: true });
      expect(details.distros).toEqual([{ name, state: "Stopped", version: 2, default: true }]);
    } finally {
      await exec([WSL_EXE, "--unregister", name], { timeoutMs: 120_000, env: emulatorEnv });
    }
  });

  test("--distro runs against an installed distro, skips what changes it without --allow-destructive, and never removes it", async () => {
    const name = "MyNixOS"; // a user's own distro: not a harness name, so no sweep may touch it
    const imported = await exec([WSL_EXE, "--import", name, path.join(work, name), tarball, "--version", "2"], { timeoutMs: 300_000, env: emulatorEnv });
    expect(imported.exitCode, imported.stdout).toBe(0);
    try {
      const run = await runNwh(["--backend", "wsl", "--wsl-exe", WSL_EXE, "--distro", name, "--suite", "rebuild"], { timeoutMs: 300_000, env: emulatorEnv });
      expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
      expect(run.cases.length).toBeGreaterThan(3);
      // Every test is skipped: for changing the system, or (the recovery shell) first for a capability this host lacks.
      for (const c of run.cases) expect(c.skipReason ?? c.status, c.name).toMatch(/changes the system: skipped on the adopted distro "MyNixOS" \(pass --allow-destructive|^needs windows-host/);
      expect(run.cases.filter((c) => /changes the system/.test(c.skipReason ?? "")).length, "tests skipped for changing the system").toBeGreaterThan(3);
      expect(run.properties).toMatchObject({ distro: name, "distro.owned": "false" });
      expect(await registeredDistros()).toEqual([name]);
      const cleanup = await exec([process.execPath, NWH, "cleanup", "--backend", "wsl", "--wsl-exe", WSL_EXE, "--json"], { timeoutMs: 120_000, env: emulatorEnv });
      expect(cleanup.exitCode, cleanup.stderr).toBe(0);
      expect(JSON.parse(cleanup.stdout).leftovers ?? []).toEqual([]);
      expect(await registeredDistros(), "nwh cleanup never touches a distro the harness did not create").toEqual([name]);
    } finally {
      await exec([WSL_EXE, "--unregister", name], { timeoutMs: 120_000, env: emulatorEnv });
    }
  });

  test("nwh cleanup --backend wsl lists a kept distro with --dry-run, then removes it", async () => {
    const run = await runNwh(wslArgs("--suite", "interop", "--keep"), { timeoutMs: 300_000, env: emulatorEnv });
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    const kept = await registeredDistros();
    expect(kept).toEqual([expect.stringMatching(/^nwh-interop-[0-9a-f]{6}$/)]);
    const cleanup = (...more: string[]) => exec([process.execPath, NWH, "cleanup", "--backend", "wsl", "--wsl-exe", WSL_EXE, ...more], { timeoutMs: 120_000, env: emulatorEnv });
    const dry = await cleanup("--dry-run");
    expect(dry.stdout).toContain(kept[0]);
    expect(await registeredDistros()).toEqual(kept);
    const real = await cleanup();
    expect(real.exitCode, real.stdout + real.stderr).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`removed\\s+wsl-distro\\s+${kept[0]}`));
    expect(await registeredDistros()).toEqual([]);
  });

  test("--networking-mode mirrored pins the mode in .wslconfig for the run, and the user's own file comes back", async () => {
    const profile = mkdtempSync(path.join(work, "profile-"));
    const userFile = path.join(profile, ".wslconfig");
    writeFileSync(userFile, "[wsl2]\r\nmemory=4GB\r\n");
    const run = await runNwh(wslArgs("--suite", "networking", "-t", "networking-mode", "--networking-mode", "mirrored"), { timeoutMs: 300_000, env: { ...emulatorEnv, USERPROFILE: profile } });
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    expect(findCase(run, "wslinfo --networking-mode names the mode the run pinned (--networking-mode)").status).toBe("passed");
    expect(run.stderr).toContain("Networking mode mirrored: pinned in");
    expect(readFileSync(userFile, "utf8")).toBe("[wsl2]\r\nmemory=4GB\r\n");
    expect(existsSync(`${userFile}.nwh-backup`)).toBe(false);
  });

  test("SIGINT midway exits 130, keeps the finished cases in a valid report, and unregisters every distro", async () => {
    const before = await emulatorContainers();
    const reportsDir = mkdtempSync(path.join(work, "sigint-"));
    const junitFile = path.join(reportsDir, "junit.xml");
    const child = spawn(process.execPath, [NWH, "run", ...wslArgs("--suite", "systemd", "--suite", "networking", "--concurrency", "2", "--reports-dir", reportsDir)], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...emulatorEnv, CI: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitUntil(async () => existsSync(junitFile) && parseJunit(readFileSync(junitFile, "utf8")).flatMap((s) => s.cases).length >= 2, {
        timeoutMs: 300_000,
        what: "two finished cases in junit.xml",
      });
      expect(await registeredDistros(), "the run's distros are registered while it runs").not.toEqual([]);
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 120_000))]);
      expect(code, stderr).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    const lint = await exec(["xmllint", "--noout", junitFile], { timeoutMs: 30_000 });
    expect(lint.exitCode, lint.stderr).toBe(0);
    expect(parseJunit(readFileSync(junitFile, "utf8")).flatMap((s) => s.cases).length).toBeGreaterThanOrEqual(2);
    expect(await registeredDistros()).toEqual([]);
    expect(await newEmulatorContainers(before)).toEqual([]);
  });
});

import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStandin } from "../../../fixtures/standin/build-standin.ts";
import { exec, Transcript } from "../../exec/index.ts";
import { WslBackend } from "./wsl-backend.ts";
import { WslError } from "./wsl-error.ts";
import { applyWslConfig, TIMING_SETTINGS } from "./wslconfig.ts";

// The WSL backend driving the project's WSL emulator (fixtures/wsl-emulator/wsl.exe: wsl.exe's command line, bytes,
// exit codes and errors; distros are stand-in containers) as it drives wsl.exe on Windows.
const WSL_EXE = fileURLToPath(new URL("../../../fixtures/wsl-emulator/wsl.exe", import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-wslbackend-it-"));
const suffix = randomBytes(3).toString("hex");
const distro = `nwh-wslit-${suffix}`;
const fatalDistro = `nwh-wslfatal-${suffix}`;
const transcript = new Transcript();
let backend: WslBackend;
let tarball: string;

/** Fault injection of the emulator is read from the environment of each wsl.exe call. */
function withFaults(faults: Record<string, string>): () => void {
  const scope = `${suffix}-${randomBytes(3).toString("hex")}`;
  Object.assign(process.env, faults, { NWH_WSL_EMU_FAULT_SCOPE: scope });
  return () => {
    for (const key of [...Object.keys(faults), "NWH_WSL_EMU_FAULT_SCOPE"]) delete process.env[key];
  };
}

const calls = (prefix: string) => transcript.entries.filter((e) => e.argv[1] === prefix).length;

beforeAll(async () => {
  process.env.NWH_WSL_EMULATOR_STATE = path.join(work, "emulator-state");
  process.env.NWH_WSL_EMU_NODE = process.execPath;
  tarball = (await buildStandin()).tarball;
  backend = new WslBackend({ runId: `nwh-it-${suffix}`, workDir: path.join(work, "run"), wslExe: WSL_EXE, ledgerDir: path.join(work, "ledger"), transcript, execTimeoutMs: 180_000 });
});

afterAll(async () => {
  await backend?.dispose().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!existsSync(WSL_EXE))("WSL backend against the WSL emulator", () => {
  it("starts from an empty list (the no-distros answer)", async () => {
    expect(await backend.list()).toEqual([]);
    expect(await backend.isEmulated()).toBe(true);
  });

  it("imports the stand-in, retrying an injected HCS_E_CONNECTION_TIMEOUT after --shutdown", async () => {
    const clear = withFaults({ NWH_WSL_EMU_FAIL_IMPORTS: "1" });
    try {
      const info = await backend.importDistro({ name: distro, tarball });
      expect(info).toMatchObject({ name: distro, owned: true });
    } finally {
      clear();
    }
    expect(calls("--import")).toBe(2);
    expect(calls("--shutdown")).toBe(1);
    expect(transcript.entries.some((e) => e.note?.includes("HCS_E_CONNECTION_TIMEOUT") && e.note.includes("retrying"))).toBe(true);
    expect(await backend.list()).toEqual([{ name: distro, state: "Stopped", version: 2, default: true }]);
  });

  it("runs argv without a shell, and a command line through the login shell with stdin", async () => {
    const id = await backend.exec(distro, ["id", "-un"], { user: "root" });
    expect(id).toMatchObject({ exitCode: 0, stdout: "root\n" });
    expect((await backend.exec(distro, ["sh", "-c", 'printf %s "$NWH_X"; exit 3'], { env: { NWH_X: "grüße" } })).stdout).toBe("grüße");
    expect((await backend.exec(distro, ["sh", "-c", "exit 3"])).exitCode).toBe(3);
    const piped = await backend.shell(distro, "cat", { input: "piped through stdin\n" });
    expect(piped).toMatchObject({ exitCode: 0, stdout: "piped through stdin\n" });
    expect((await backend.list())[0]?.state).toBe("Running");
  });

  it("reports the stand-in's capabilities and the emulator's host facts", async () => {
    const caps = await backend.capabilities(distro);
    expect(caps.has("wsl")).toBe(true);
    expect(caps.has("systemd")).toBe(true);
    expect(caps.has("nixos-standin")).toBe(true);
    for (const never of ["nixos", "windows-host", "wslg", "internet"] as const) expect(caps.has(never)).toBe(false);
    const facts = await backend.hostFacts();
    expect(facts).toMatchObject({ backend: "wsl", emulated: "true", wslExe: WSL_EXE });
    expect(facts.wslVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("gives the failure bundle wsl -l -v naming the distro and the .wslconfig as the run pinned it", async () => {
    const profile = path.join(work, "profile");
    mkdirSync(profile, { recursive: true });
    const before = process.env.USERPROFILE;
    process.env.USERPROFILE = profile;
    const pinned = applyWslConfig(TIMING_SETTINGS);
    try {
      const parts = Object.fromEntries((await backend.hostDiagnostics({ timeoutMs: 15_000 })).map((p) => [p.name, p.text]));
      expect(parts["wsl-list-verbose.txt"]).toMatch(/^\$ wsl -l -v\n {2}NAME +STATE +VERSION\n/);
      expect(parts["wsl-list-verbose.txt"]).toMatch(new RegExp(`^[* ] ${distro} +(Running|Stopped) +2$`, "m"));
      expect(parts["wslconfig.txt"]).toContain(`# ${path.join(profile, ".wslconfig")} (written by nwh for this run; there was no .wslconfig before)`);
      expect(parts["wslconfig.txt"]).toContain("vmIdleTimeout=600000");
    } finally {
      pinned.restore();
      if (before === undefined) delete process.env.USERPROFILE;
      else process.env.USERPROFILE = before;
    }
  });

  it("copies files in and out byte for byte", async () => {
    const bytes = Buffer.concat([randomBytes(4096), Buffer.from("\r\n\0end")]);
    writeFileSync(path.join(work, "in.bin"), bytes);
    await backend.copyToDistro(distro, path.join(work, "in.bin"), "/tmp/nwh-copy.bin", { user: "root" });
    await backend.copyFromDistro(distro, "/tmp/nwh-copy.bin", path.join(work, "out", "out.bin"));
    expect(readFileSync(path.join(work, "out", "out.bin")).equals(bytes)).toBe(true);
  });

  it("waits out 'WSL is finishing an upgrade...' by polling --status, then runs the command", async () => {
    const statusBefore = calls("--status");
    const clear = withFaults({ NWH_WSL_EMU_UPGRADE_SECONDS: "2" });
    try {
      expect((await backend.exec(distro, ["echo", "after-upgrade"])).stdout).toBe("after-upgrade\n");
    } finally {
      clear();
    }
    expect(calls("--status")).toBeGreaterThan(statusBefore);
  });

  it("decodes an old inbox wsl.exe that ignores WSL_UTF8 (UTF-16LE always)", async () => {
    const clear = withFaults({ NWH_WSL_EMU_LEGACY: "1" });
    try {
      const raw = await exec([WSL_EXE, "-l", "-v"], { timeoutMs: 60_000, env: { WSL_UTF8: "1" } });
      expect(raw.stdoutBytes.subarray(0, 4).equals(Buffer.from("  ", "utf16le")), "the emulator really wrote UTF-16LE").toBe(true);
      expect((await backend.list()).map((e) => e.name)).toEqual([distro]);
    } finally {
      clear();
    }
  });

  it("terminates the distro; the next start survives an injected ERROR_SHARING_VIOLATION via --shutdown", async () => {
    await backend.terminate(distro);
    expect((await backend.list())[0]?.state).toBe("Stopped");
    const shutdownsBefore = calls("--shutdown");
    const clear = withFaults({ NWH_WSL_EMU_SHARING_VIOLATION: "1" });
    try {
      expect((await backend.exec(distro, ["true"])).exitCode).toBe(0);
    } finally {
      clear();
    }
    expect(calls("--shutdown")).toBe(shutdownsBefore + 1);
  });

  it("fails fast on an injected fatal import error, with its code, and leaves nothing behind", async () => {
    const wslFile = path.join(work, "nixos.wsl");
    copyFileSync(tarball, wslFile);
    const importsBefore = calls("--import") + calls("--install");
    const clear = withFaults({ NWH_WSL_EMU_FATAL_IMPORT: "1" });
    const started = performance.now();
    let error: unknown;
    try {
      error = await backend.importDistro({ name: fatalDistro, tarball: wslFile }).catch((e: unknown) => e);
    } finally {
      clear();
    }
    expect(error).toBeInstanceOf(WslError);
    expect((error as WslError).code).toMatch(/\/E_INVALIDARG$/);
    expect((error as WslError).message).toContain("E_INVALIDARG");
    expect(calls("--import") + calls("--install") - importsBefore).toBe(1);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect((await backend.list()).map((e) => e.name)).toEqual([distro]);
    expect(existsSync(path.join(work, "run", "wsl", fatalDistro))).toBe(false);
  });

  it("unregisters the distro and removes its directory; -l -v is empty afterwards", async () => {
    await backend.unregister(distro);
    expect(await backend.list()).toEqual([]);
    expect(existsSync(path.join(work, "run", "wsl", distro))).toBe(false);
    await backend.unregister(distro);
  });
});

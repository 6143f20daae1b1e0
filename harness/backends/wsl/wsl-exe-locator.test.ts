import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { locateWslExe } from "./wsl-exe-locator.ts";

let dir: string;
const makeExe = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "#!/bin/sh\n");
  chmodSync(file, 0o755);
  return file;
};
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nwh-locate-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("locateWslExe", () => {
  it("prefers the option, then NWH_WSL_EXE, then PATH, then %SystemRoot%\\System32", () => {
    const option = makeExe(path.join(dir, "opt", "wsl.exe"));
    const fromEnv = makeExe(path.join(dir, "env", "wsl.exe"));
    const onPath = makeExe(path.join(dir, "bin", "wsl.exe"));
    const system = makeExe(path.join(dir, "Windows", "System32", "wsl.exe"));
    const env = { NWH_WSL_EXE: fromEnv, PATH: path.join(dir, "bin"), SystemRoot: path.join(dir, "Windows") };
    expect(locateWslExe({ wslExe: option, env })).toEqual({ path: option, source: "option" });
    expect(locateWslExe({ env })).toEqual({ path: fromEnv, source: "NWH_WSL_EXE" });
    expect(locateWslExe({ env: { ...env, NWH_WSL_EXE: undefined } })).toEqual({ path: onPath, source: "PATH" });
    expect(locateWslExe({ env: { SystemRoot: env.SystemRoot, PATH: "" } })).toEqual({ path: system, source: "SystemRoot" });
    expect(locateWslExe({ env: { PATH: path.join(dir, "nothing") } })).toBeUndefined();
  });

  it("finds a bare name on PATH and refuses an explicit path that does not exist", () => {
    const onPath = makeExe(path.join(dir, "bin", "wsl-emulator"));
    expect(locateWslExe({ wslExe: "wsl-emulator", env: { PATH: path.join(dir, "bin") } })).toEqual({ path: onPath, source: "option" });
    expect(() => locateWslExe({ wslExe: path.join(dir, "typo", "wsl.exe"), env: {} })).toThrow(/--wsl-exe .* is ".*typo.*", but no such file exists/);
    expect(() => locateWslExe({ env: { NWH_WSL_EXE: path.join(dir, "gone.exe") } })).toThrow(/NWH_WSL_EXE is/);
  });
});

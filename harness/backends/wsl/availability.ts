import { existsSync } from "node:fs";
import path from "node:path";
import { exec } from "../../exec/index.ts";
import type { BackendAvailability } from "../backend-options.ts";

// Initial version: the WSL backend work replaces this with the full wsl.exe locator and --version parser.
export async function checkWslAvailability(options: { wslExe?: string }): Promise<BackendAvailability> {
  const candidates = [options.wslExe, process.env.NWH_WSL_EXE, "wsl.exe", process.env.SystemRoot && path.join(process.env.SystemRoot, "System32", "wsl.exe")].filter(
    (c): c is string => Boolean(c),
  );
  for (const candidate of candidates) {
    if (candidate.includes(path.sep) && !existsSync(candidate)) continue;
    try {
      const result = await exec([candidate, "--version"], { timeoutMs: 30_000, env: { WSL_UTF8: "1" } });
      return { available: true, reason: `${candidate} answers`, details: { wslExe: candidate, exitCode: result.exitCode } };
    } catch {}
  }
  return { available: false, reason: "wsl.exe not found (not Windows?); pass --wsl-exe PATH or set NWH_WSL_EXE, or use --backend docker", details: {} };
}

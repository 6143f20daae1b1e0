import { existsSync, statSync } from "node:fs";
import path from "node:path";

export type WslExeSource = "option" | "NWH_WSL_EXE" | "PATH" | "SystemRoot";

export interface WslExeLocation {
  path: string;
  source: WslExeSource;
}

export interface LocateWslExeOptions {
  /** `--wsl-exe PATH` or the config's `wslExe` (the CLI resolves which). */
  wslExe?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * Finds wsl.exe: the option, then NWH_WSL_EXE, then `wsl.exe` on PATH, then %SystemRoot%\System32\wsl.exe.
 * An explicit path that does not exist is an error (a typo must not silently fall back to another wsl.exe).
 */
export function locateWslExe(options: LocateWslExeOptions = {}): WslExeLocation | undefined {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const pathApi = platform === "win32" ? path.win32 : path.posix;
  const explicit: [string | undefined, WslExeSource][] = [
    [options.wslExe, "option"],
    [env.NWH_WSL_EXE, "NWH_WSL_EXE"],
  ];
  for (const [value, source] of explicit) {
    if (!value) continue;
    if (!hasDirectory(value, pathApi)) {
      const found = searchPath(value, env, platform);
      if (found) return { path: found, source };
    } else if (isFile(value)) {
      return { path: pathApi.resolve(value), source };
    }
    const flag = source === "option" ? "--wsl-exe (or the config's wslExe)" : "NWH_WSL_EXE";
    throw new Error(`${flag} is "${value}", but no such file exists; pass the path to wsl.exe or to the WSL emulator`);
  }
  const onPath = searchPath("wsl.exe", env, platform);
  if (onPath) return { path: onPath, source: "PATH" };
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT;
  if (systemRoot) {
    const candidate = pathApi.join(systemRoot, "System32", "wsl.exe");
    if (isFile(candidate)) return { path: candidate, source: "SystemRoot" };
  }
  return undefined;
}

function hasDirectory(value: string, pathApi: typeof path.posix): boolean {
  return value.includes("/") || value.includes(pathApi.sep);
}

function searchPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const pathApi = platform === "win32" ? path.win32 : path.posix;
  const dirs = (env.PATH ?? env.Path ?? "").split(pathApi.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = pathApi.join(dir, name);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(candidate: string): boolean {
  try {
    return existsSync(candidate) && statSync(candidate).isFile();
  } catch {
    return false;
  }
}

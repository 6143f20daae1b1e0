import os from "node:os";
import { exec } from "../../../exec/index.ts";
import { decodeWslOutput } from "../wsl-output.ts";
import { parseWslVersion } from "../wsl-version.ts";

/**
 * The locale wsl.exe localizes its messages by: on Windows the UI culture (PowerShell's Get-UICulture), elsewhere
 * LC_ALL / LC_MESSAGES / LANG; Node's own (ICU) after it.
 */
export async function systemLocale(): Promise<string> {
  const node = Intl.DateTimeFormat().resolvedOptions().locale;
  if (process.platform !== "win32") {
    const posix = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "unset";
    return `${posix} (node ${node})`;
  }
  const result = await exec(["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "(Get-UICulture).Name; (Get-WinSystemLocale).Name"], { timeoutMs: 30_000 }).catch(() => undefined);
  const [ui, system] = (result?.exitCode === 0 ? result.stdout : "").split(/\r?\n/).map((line) => line.trim());
  return `${ui || "unknown"} (system ${system || "unknown"}, node ${node})`;
}

/** The WSL and Windows versions from a recorded `wsl --version` (Windows from the OS when it printed none). */
export function versionsFrom(versionStdout: Buffer | undefined): { wslVersion: string; windowsVersion: string } {
  const info = versionStdout ? parseWslVersion(decodeWslOutput(versionStdout)) : undefined;
  const windowsVersion = info?.windowsVersion ?? (process.platform === "win32" ? os.release() : `none (${process.platform} ${os.release()})`);
  return { wslVersion: info?.wslVersion ?? "unknown", windowsVersion };
}

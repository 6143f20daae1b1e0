import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { registerExitCleanup } from "./exit-cleanup.ts";

/** Settings to pin in `%USERPROFILE%\.wslconfig`, by section (`wsl2`, `general`, `experimental`). */
export type WslConfigSettings = Record<string, Record<string, string | number | boolean>>;

/** Timings: keep the VM and instances alive between probes unless a probe shuts them down itself. */
export const TIMING_SETTINGS: WslConfigSettings = { wsl2: { vmIdleTimeout: 600_000 }, general: { instanceIdleTimeout: -1 } };

export function networkingSettings(mode: "nat" | "mirrored"): WslConfigSettings {
  return { wsl2: { networkingMode: mode } };
}

/** `%USERPROFILE%\.wslconfig`. */
export function defaultWslConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.USERPROFILE || os.homedir(), ".wslconfig");
}

export interface AppliedWslConfig {
  file: string;
  /** The text written. */
  text: string;
  /** Puts the user's file back (or removes ours when there was none). Idempotent. */
  restore(): void;
  [Symbol.dispose](): void;
}

/**
 * Writes `settings` into the .wslconfig (keeping the user's other settings), after backing the user's file up
 * beside it (`.wslconfig.nwh-backup`, so even a killed run leaves it recoverable: the next call restores it
 * first). Restores on `restore()`, and on process exit, SIGINT and SIGTERM. Takes effect after `wsl --shutdown`.
 */
export function applyWslConfig(settings: WslConfigSettings, options: { file?: string } = {}): AppliedWslConfig {
  const file = options.file ?? defaultWslConfigPath();
  const { backup, absent } = keptBeside(file);
  restoreLeftoverBackup(file, backup, absent);
  const original = existsSync(file) ? readFileSync(file) : undefined;
  if (original) writeFileSync(backup, original);
  else writeFileSync(absent, "nwh: there was no .wslconfig before the harness wrote one\n");
  const text = mergeIni(original?.toString("utf8") ?? "", settings);
  writeFileSync(file, text);

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    unregister();
    restoreLeftoverBackup(file, backup, absent);
  };
  const unregister = registerExitCleanup({ label: `restore ${file}`, async: async () => restore(), sync: restore });
  return { file, text, restore, [Symbol.dispose]: restore };
}

/** Where applyWslConfig keeps the user's own file (or the note that there was none) while its pin is in place. */
function keptBeside(file: string): { backup: string; absent: string } {
  return { backup: `${file}.nwh-backup`, absent: `${file}.nwh-absent` };
}

/**
 * The .wslconfig WSL reads now, for a failure bundle: the file as it stands (with the harness's pin when a run
 * pinned settings, said in the first line), or that there is none and WSL's defaults apply.
 */
export function effectiveWslConfig(file: string = defaultWslConfigPath()): string {
  const { backup, absent } = keptBeside(file);
  const pinned = existsSync(backup) ? `pinned by nwh for this run; your own file is kept as ${path.basename(backup)}` : existsSync(absent) ? "written by nwh for this run; there was no .wslconfig before" : "not changed by nwh";
  if (!existsSync(file)) return `# ${file}: none (WSL's defaults apply)\n`;
  const text = readFileSync(file, "utf8").replace(/\r\n/g, "\n");
  return `# ${file} (${pinned})\n${text}${text.endsWith("\n") ? "" : "\n"}`;
}

function restoreLeftoverBackup(file: string, backup: string, absent: string): void {
  if (existsSync(backup)) renameSync(backup, file);
  else if (existsSync(absent)) rmSync(file, { force: true });
  rmSync(absent, { force: true });
}

/** Sets keys in an INI text: replaces them in their section, appends missing keys and sections; keeps everything else. */
export function mergeIni(text: string, settings: WslConfigSettings): string {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  for (const [section, values] of Object.entries(settings)) {
    let start = lines.findIndex((line) => line.trim().toLowerCase() === `[${section.toLowerCase()}]`);
    if (start < 0) {
      if (lines.length > 0 && lines.at(-1)?.trim() !== "") lines.push("");
      lines.push(`[${section}]`);
      start = lines.length - 1;
    }
    for (const [key, value] of Object.entries(values)) {
      let end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
      if (end < 0) end = lines.length;
      const entry = `${key}=${String(value)}`;
      const existing = lines.findIndex((line, index) => index > start && index < end && line.split("=")[0]?.trim().toLowerCase() === key.toLowerCase());
      if (existing >= 0) lines[existing] = entry;
      else {
        let insertAt = end;
        while (insertAt - 1 > start && lines[insertAt - 1]?.trim() === "") insertAt--;
        lines.splice(insertAt, 0, entry);
      }
    }
  }
  return `${lines.join(newline)}${newline}`;
}

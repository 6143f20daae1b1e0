import { outputLines } from "./wsl-output.ts";

export type DistroState = "Stopped" | "Running" | "Installing" | "Uninstalling" | "Converting" | "Exporting";

export const DISTRO_STATES: readonly DistroState[] = ["Stopped", "Running", "Installing", "Uninstalling", "Converting", "Exporting"];

/** One row of `wsl -l -v`. */
export interface DistroListEntry {
  name: string;
  /** One of DISTRO_STATES on every build seen; kept as printed otherwise. */
  state: DistroState | string;
  version: number;
  /** False on builds that print no `*` at all (2.4.4). */
  default: boolean;
}

const HEADER = /^\s*\*?\s*NAME\s+STATE\s+VERSION\s*$/;
// Distro names hold no spaces (WSL accepts letters, digits, '.', '-', '_').
const ROW = /^\s*(\*)?\s*(\S+)\s+(\S+)\s+(\d+)\s*$/;

/**
 * Parses `wsl -l -v` (not localized): a header, then `*` or a space, name, state and version.
 * Returns undefined when the text has no such header (e.g. the "no installed distributions" text).
 */
export function parseListVerbose(text: string): DistroListEntry[] | undefined {
  const lines = outputLines(text);
  const headerIndex = lines.findIndex((line) => HEADER.test(line));
  if (headerIndex < 0) return undefined;
  const entries: DistroListEntry[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    const match = ROW.exec(line);
    if (!match) throw new Error(`wsl -l -v printed a row that is not "NAME STATE VERSION": ${JSON.stringify(line)}`);
    entries.push({ name: match[2] as string, state: match[3] as string, version: Number(match[4]), default: match[1] === "*" });
  }
  return entries;
}

/**
 * The "Windows Subsystem for Linux has no installed distributions." text (WSL_E_DEFAULT_DISTRO_NOT_FOUND,
 * localized, no error code line). Recognised by the commands it quotes, which are never translated;
 * old builds point to the Store instead.
 */
export function isNoDistrosMessage(text: string): boolean {
  if (/Wsl\/|\b0x[0-9a-f]{8}\b/i.test(text)) return false;
  return (text.includes("--list --online") && text.includes("--install")) || text.includes("aka.ms/wslstore");
}

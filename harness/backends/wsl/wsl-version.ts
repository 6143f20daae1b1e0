import { outputLines } from "./wsl-output.ts";

/** `wsl --version`, field by field. Labels are localized, so fields are taken by position. */
export interface WslVersionInfo {
  wslVersion: string;
  kernelVersion: string;
  wslgVersion?: string;
  msrdcVersion?: string;
  direct3dVersion?: string;
  dxcoreVersion?: string;
  windowsVersion?: string;
}

const FIELD_ORDER = ["wslVersion", "kernelVersion", "wslgVersion", "msrdcVersion", "direct3dVersion", "dxcoreVersion", "windowsVersion"] as const;

/** Splits "label: value" at the first ASCII or full-width colon. */
export function splitLabelValue(line: string): { label: string; value: string } | undefined {
  const match = /^(.*?)[:\uFF1A]\s*(.*)$/.exec(line);
  if (!match) return undefined;
  return { label: (match[1] ?? "").trim(), value: (match[2] ?? "").trim() };
}

const VERSION_VALUE = /^\d+(\.\d+)+\S*$/;

/**
 * Parses `wsl --version`: seven "label: value" lines in a fixed order (debug builds append more).
 * Returns undefined when the text is not that (e.g. the usage text of an old inbox wsl.exe).
 */
export function parseWslVersion(text: string): WslVersionInfo | undefined {
  const values: string[] = [];
  for (const line of outputLines(text)) {
    const pair = splitLabelValue(line);
    if (!pair || !VERSION_VALUE.test(pair.value)) break;
    values.push(pair.value);
  }
  if (values.length < FIELD_ORDER.length) return undefined;
  const info: Partial<Record<(typeof FIELD_ORDER)[number], string>> = {};
  FIELD_ORDER.forEach((field, index) => {
    info[field] = values[index];
  });
  return info as WslVersionInfo;
}

/**
 * The usage text an old inbox wsl.exe prints for an option it does not know (`--version`).
 * Options are never translated, so look for them rather than for "Usage:".
 */
export function isUsageOutput(text: string): boolean {
  return /--exec, -e\b/.test(text) && /--distribution, -d\b|-d, --distribution\b/.test(text);
}

/** Compares dotted versions numerically ("2.4.4" < "2.4.10.0"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** `--install --from-file` (for `.wsl` files) exists since WSL 2.4.4. */
export const INSTALL_FROM_FILE_MIN_VERSION = "2.4.4";

export function supportsInstallFromFile(wslVersion: string | undefined): boolean {
  return wslVersion !== undefined && compareVersions(wslVersion, INSTALL_FROM_FILE_MIN_VERSION) >= 0;
}

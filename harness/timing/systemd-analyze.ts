/**
 * Parsers for systemd-analyze output (time, blame, critical-chain) and `systemctl show` timestamps.
 * Pure: they take the text a distro printed. Durations in milliseconds.
 */

/** `systemd-analyze time`. Phases systemd did not print are absent (containers and WSL print no kernel part). */
export interface BootTime {
  finished: boolean;
  /** Why not finished, as systemd said (e.g. "Bootup is not yet finished ..."). */
  notFinishedReason?: string;
  firmwareMs?: number;
  loaderMs?: number;
  kernelMs?: number;
  initrdMs?: number;
  userspaceMs?: number;
  /** The "= total" figure; absent when systemd prints none (no kernel timestamp, as in containers and WSL). */
  totalMs?: number;
  /** "multi-user.target reached after 1.457s in userspace". */
  defaultTarget?: { unit: string; reachedAfterMs: number };
}

export interface BlameEntry {
  unit: string;
  ms: number;
}

export interface CriticalChainEntry {
  unit: string;
  /** Nesting depth in the printed tree; 0 for the target at the top. */
  depth: number;
  /** "@" figure: when the unit became active, since userspace start. */
  activeAtMs?: number;
  /** "+" figure: how long the unit took to start. */
  tookMs?: number;
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, μs: 0.001 };

/** Parses a systemd time span ("1min 2.345s", "521ms", "12us", "1h 3min 4.001s") to ms; undefined if it is none. */
export function parseTimespan(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const token = /(\d+(?:\.\d+)?)\s*(d|h|min|ms|s|us|µs|μs)(?![a-z])/g;
  let total = 0;
  let consumed = "";
  for (const match of trimmed.matchAll(token)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0];
  }
  return consumed.replace(/\s/g, "") === trimmed.replace(/\s/g, "") ? total : undefined;
}

/**
 * Parses `systemd-analyze time` (stdout, or stdout + stderr: the "not yet finished" case is an error message on stderr).
 */
export function parseAnalyzeTime(text: string): BootTime {
  const notFinished = /Bootup is not yet finished[^\n]*/.exec(text);
  if (notFinished) return { finished: false, notFinishedReason: notFinished[0].trim() };
  const startup = /Startup finished in ([^\n]+)/.exec(text);
  if (!startup) return { finished: false, notFinishedReason: `unrecognised systemd-analyze time output: ${JSON.stringify(text.trim().slice(0, 200))}` };
  const result: BootTime = { finished: true };
  const [phases, total] = startup[1]!.split("=");
  for (const part of phases!.split("+")) {
    const m = /^\s*(.+?)\s*\((firmware|loader|kernel|initrd|userspace)\)\s*$/.exec(part);
    if (!m) continue;
    const ms = parseTimespan(m[1]!);
    if (ms === undefined) continue;
    const key = `${m[2]}Ms` as "firmwareMs" | "loaderMs" | "kernelMs" | "initrdMs" | "userspaceMs";
    result[key] = ms;
  }
  if (total !== undefined) result.totalMs = parseTimespan(total);
  const reached = /^\s*(\S+) reached after (.+?) in userspace\.?\s*$/m.exec(text);
  if (reached) {
    const ms = parseTimespan(reached[2]!);
    if (ms !== undefined) result.defaultTarget = { unit: reached[1]!, reachedAfterMs: ms };
  }
  return result;
}

/** Parses `systemd-analyze blame`, slowest first as printed; `limit` keeps the first entries. */
export function parseBlame(text: string, limit = Number.POSITIVE_INFINITY): BlameEntry[] {
  const entries: BlameEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(.+?)\s+(\S+\.(?:service|mount|device|socket|target|timer|swap|path|slice|scope|automount))\s*$/.exec(line);
    if (!m) continue;
    const ms = parseTimespan(m[1]!);
    if (ms !== undefined) entries.push({ unit: m[2]!, ms });
  }
  return entries.slice(0, limit);
}

/** Parses `systemd-analyze critical-chain` (the tree below the two explanatory lines). */
export function parseCriticalChain(text: string): CriticalChainEntry[] {
  const entries: CriticalChainEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^The time|^\s*$/.test(line)) continue;
    const m = /^(\s*(?:[└├│|`]-*─*\s*)?)(\S+)(.*)$/.exec(line);
    if (!m) continue;
    const unit = m[2]!;
    if (!unit.includes(".")) continue;
    const prefixWidth = [...m[1]!].length;
    const entry: CriticalChainEntry = { unit, depth: prefixWidth === 0 ? 0 : Math.round((prefixWidth - 2) / 2) + 1 };
    // A span may have several words ("1min 2.3s"), each starting with a digit.
    const span = (mark: string) => new RegExp(`\\${mark}(\\d\\S*(?:\\s+\\d\\S*)*)`).exec(m[3]!)?.[1];
    const atText = span("@");
    const tookText = span("+");
    const at = atText === undefined ? undefined : parseTimespan(atText);
    const took = tookText === undefined ? undefined : parseTimespan(tookText);
    if (at !== undefined) entry.activeAtMs = at;
    if (took !== undefined) entry.tookMs = took;
    entries.push(entry);
  }
  return entries;
}

/** The boot figures `systemctl show -p UserspaceTimestampMonotonic,FinishTimestampMonotonic` gives (µs → ms). */
export interface ManagerTimestamps {
  /** When systemd (PID 1 of the distro) started, on the kernel's monotonic clock. */
  userspaceMonotonicMs: number;
  /** When the boot finished (default target reached, no jobs left); 0 = not finished. */
  finishMonotonicMs: number;
}

export function parseManagerTimestamps(text: string): ManagerTimestamps {
  const value = (key: string): number => {
    const m = new RegExp(`^${key}=(\\d+)\\s*$`, "m").exec(text);
    if (!m) throw new Error(`systemctl show output lacks ${key}: ${JSON.stringify(text.slice(0, 200))}`);
    return Number(m[1]) / 1000;
  };
  return { userspaceMonotonicMs: value("UserspaceTimestampMonotonic"), finishMonotonicMs: value("FinishTimestampMonotonic") };
}

/** One process call as the reports show it. */
export interface TranscriptEntry {
  argv: readonly string[];
  cwd?: string;
  startedAt: string;
  durationMs: number;
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  /** Free-form notes, e.g. "retry 2/3 after Wsl/.../HCS_E_CONNECTION_TIMEOUT". */
  note?: string;
  stdoutTail: string;
  stderrTail: string;
}

const TAIL_CHARS = 2000;

export function tail(text: string, chars = TAIL_CHARS): string {
  return text.length <= chars ? text : `[...]${text.slice(-chars)}`;
}

/** An ordered record of process calls and notes; tests and runs each own one. */
export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  readonly #listeners = new Set<(entry: TranscriptEntry) => void>();

  record(entry: TranscriptEntry): void {
    this.entries.push(entry);
    for (const listener of this.#listeners) listener(entry);
  }

  note(text: string): void {
    this.record({ argv: [], startedAt: new Date().toISOString(), durationMs: 0, timedOut: false, note: text, stdoutTail: "", stderrTail: "" });
  }

  /** Calls `listener` for every later entry; returns the unsubscribe function. */
  subscribe(listener: (entry: TranscriptEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Removes and returns the entries recorded so far. */
  drain(): TranscriptEntry[] {
    return this.entries.splice(0, this.entries.length);
  }
}

export function formatEntry(entry: TranscriptEntry): string {
  if (entry.argv.length === 0) return `# ${entry.note ?? ""}`;
  const status = entry.timedOut ? "TIMED OUT" : entry.signal ? `signal ${entry.signal}` : `exit ${entry.exitCode}`;
  const lines = [`$ ${entry.argv.map(quoteArg).join(" ")}  (${status}, ${Math.round(entry.durationMs)} ms${entry.cwd ? `, cwd ${entry.cwd}` : ""})`];
  if (entry.note) lines.push(`# ${entry.note}`);
  if (entry.stdoutTail.trim()) lines.push(indent("stdout", entry.stdoutTail));
  if (entry.stderrTail.trim()) lines.push(indent("stderr", entry.stderrTail));
  return lines.join("\n");
}

export function formatTranscript(entries: readonly TranscriptEntry[]): string {
  return entries.map(formatEntry).join("\n");
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function indent(label: string, text: string): string {
  return `  ${label}:\n${text.trimEnd().split("\n").map((line) => `    ${line}`).join("\n")}`;
}

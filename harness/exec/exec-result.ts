/** What one process call gave: its argv, exit, timing and (bounded) output. */
export interface ExecResult {
  argv: readonly string[];
  cwd?: string;
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  timeoutMs: number;
  durationMs: number;
  /** Decoded as UTF-8, ANSI escapes stripped. */
  stdout: string;
  stderr: string;
  /** The kept raw bytes (callers that must decode other encodings, such as wsl.exe's UTF-16LE). */
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
  truncated: boolean;
}

import { stripVTControlCharacters } from "node:util";
import { execa } from "execa";
import { BoundedCapture } from "./bounded-capture.ts";
import { DEFAULT_TIMEOUTS } from "../model/default-timeouts.ts";
import { ExecError } from "./exec-error.ts";
import type { ExecResult } from "./exec-result.ts";
import { KILL_GRACE_MS, killProcessTree } from "./kill-tree.ts";
import { trackLiveProcess } from "./live-processes.ts";
import { tail, type Transcript } from "./transcript.ts";

export type { ExecResult } from "./exec-result.ts";

export const DEFAULT_TIMEOUT_MS = DEFAULT_TIMEOUTS.execMs;
export const DEFAULT_CAPTURE_BYTES = 1024 * 1024;

export interface ExecOptions {
  /** Kill the whole process tree after this long; default 120 s. */
  timeoutMs?: number;
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed; without it stdin is empty. */
  input?: string | Uint8Array;
  /** Bytes kept per stream (head + tail); default 1 MiB. */
  captureBytes?: number;
  /** Throw an ExecError on a non-zero exit (timeouts and spawn failures always throw). */
  check?: boolean;
  transcript?: Transcript;
  /** Shown in the transcript beside the command. */
  note?: string;
  /**
   * "inherit": the child reads this process's stdin and writes straight to its stdout/stderr (nothing is
   * captured; for byte-exact relays such as the WSL emulator). Default "pipe" (captured, stdin from `input`).
   */
  stdio?: "pipe" | "inherit";
  /** Aborting it kills the process tree, as a timeout does (e.g. when the caller itself gets SIGTERM). */
  signal?: AbortSignal;
  /** Windows only: pass the arguments unquoted (wsl.exe hands the raw rest after `--` to the Linux shell); the program's path is still quoted. */
  windowsVerbatimArguments?: boolean;
}


/** Runs argv (no shell) with a timeout that kills the process tree, bounded capture and a transcript entry. */
export async function exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (!file) throw new TypeError("exec: argv must name a program");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new RangeError(`exec: timeoutMs must be > 0, got ${timeoutMs}`);
  const captureBytes = options.captureBytes ?? DEFAULT_CAPTURE_BYTES;
  const out = new BoundedCapture(captureBytes);
  const err = new BoundedCapture(captureBytes);
  const started = performance.now();
  const startedAt = new Date().toISOString();

  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    ...(options.stdio === "inherit"
      ? { stdio: "inherit" as const }
      : { input: options.input, stdin: options.input === undefined ? ("ignore" as const) : undefined }),
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    encoding: "buffer",
    // Own process group, so a timeout can kill the children too.
    detached: process.platform !== "win32",
    windowsHide: true,
    windowsVerbatimArguments: options.windowsVerbatimArguments,
    // Verbatim means libuv writes the program's own name unquoted too: a path with spaces
    // (C:\Program Files\WSL\wsl.exe) would split into words, so it is quoted here.
    argv0: options.windowsVerbatimArguments && /[\s"]/.test(file) ? `"${file}"` : undefined,
  });
  const untrack = trackLiveProcess(child.pid);
  child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killProcessTree(child.pid, KILL_GRACE_MS);
  }, timeoutMs);
  const onAbort = () => killProcessTree(child.pid, KILL_GRACE_MS);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  let spawnError: unknown;
  let settled: Awaited<typeof child>;
  try {
    settled = await child;
  } finally {
    untrack();
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (settled.failed && settled.exitCode === undefined && settled.signal === undefined && !timedOut) {
    spawnError = settled.cause ?? settled;
  }

  const stdoutBytes = out.bytes();
  const stderrBytes = err.bytes();
  const result: ExecResult = {
    argv,
    cwd: options.cwd,
    exitCode: settled.exitCode,
    signal: settled.signal,
    timedOut,
    timeoutMs,
    durationMs: performance.now() - started,
    stdout: stripVTControlCharacters(out.text()),
    stderr: stripVTControlCharacters(err.text()),
    stdoutBytes,
    stderrBytes,
    truncated: out.truncated || err.truncated,
  };
  options.transcript?.record({
    argv,
    cwd: options.cwd,
    startedAt,
    durationMs: result.durationMs,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut,
    note: options.note,
    stdoutTail: tail(result.stdout),
    stderrTail: tail(result.stderr),
  });

  if (spawnError !== undefined) throw new ExecError("spawn", result, spawnError);
  if (timedOut) throw new ExecError("timeout", result);
  if (options.check && result.signal) throw new ExecError("signal", result);
  if (options.check && result.exitCode !== 0) throw new ExecError("exit", result);
  return result;
}

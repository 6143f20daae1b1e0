import { exec, type ExecResult } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { withRetry } from "../../retry.ts";
import { waitUntil } from "../../wait.ts";
import { windowsShellCommandLine, wslArgs } from "./wsl-commands.ts";
import { createWslErrorClassifier, isFinishingUpgrade } from "./wsl-error-classifier.ts";
import { parseWslErrorOutput, WslError } from "./wsl-error.ts";
import { isNoDistrosMessage, parseListVerbose, type DistroListEntry } from "./wsl-list.ts";
import { decodeWslOutput, isWslExeFailure } from "./wsl-output.ts";
import { parseWslStatus, type WslStatus } from "./wsl-status.ts";
import { isUsageOutput, parseWslVersion, type WslVersionInfo } from "./wsl-version.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

export interface WslCliOptions {
  wslExe: string;
  /** Default timeout of one wsl.exe call; default 120 s. */
  timeoutMs?: number;
  transcript?: Transcript;
  /** Bound on waiting for "WSL is finishing an upgrade..." to clear; default 120 s. */
  upgradeWaitMs?: number;
  /** First pause between retries; default 1 s. */
  retryMinTimeoutMs?: number;
  /** Extra environment for every call (tests). */
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
}

export interface WslCallOptions {
  timeoutMs?: number;
  transcript?: Transcript;
  input?: string | Uint8Array;
  env?: Record<string, string>;
  note?: string;
  /** Bytes kept per stream (exec's default: 1 MiB). */
  captureBytes?: number;
  /** Retry transient wsl.exe errors by the project's policy; default true. */
  retry?: boolean;
}

/** `--version` of a current wsl.exe, or the facts an old inbox one (no `--version`) still gives. */
export type WslVersionReport = { legacy: false; version: WslVersionInfo } | { legacy: true; status: WslStatus; usage: string };

/**
 * Runs wsl.exe: WSL_UTF8=1, its own output decoded whatever the encoding, its errors (on stdout, exit -1)
 * turned into WslError, transient ones retried by policy.
 */
export class WslCli {
  readonly wslExe: string;
  readonly #options: WslCliOptions;

  constructor(options: WslCliOptions) {
    if (!options.wslExe) throw new TypeError("WslCli: wslExe is required");
    this.wslExe = options.wslExe;
    this.#options = options;
  }

  /** Runs one of wsl.exe's own commands; returns its decoded output; throws WslError when it fails. */
  async run(args: readonly string[], options: WslCallOptions = {}): Promise<{ text: string; result: ExecResult }> {
    return this.#withPolicy(args, options, async () => {
      const result = await this.#spawn(args, options);
      const text = decodeWslOutput(result.stdoutBytes);
      if (result.exitCode !== 0) throw this.#error(args, result);
      return { text, result };
    });
  }

  /**
   * Runs a Linux process through wsl.exe (`-d NAME ... --exec` or `-- cmdline`). Its output is raw UTF-8 and its
   * exit code is the caller's business; only wsl.exe's own failure (exit -1 with its message) throws WslError.
   */
  async runInDistro(args: readonly string[], options: WslCallOptions = {}): Promise<ExecResult> {
    return this.#withPolicy(args, options, async () => {
      const result = await this.#spawn(args, options);
      if (this.#wslExeItselfFailed(result)) throw this.#error(args, result);
      return result;
    });
  }

  async version(options: WslCallOptions = {}): Promise<WslVersionReport> {
    try {
      const { text } = await this.run(wslArgs.version(), options);
      const version = parseWslVersion(text);
      if (!version) throw new Error(`${this.wslExe} --version printed something that is not seven "label: value" lines:\n${text}`);
      return { legacy: false, version };
    } catch (error) {
      if (!(error instanceof WslError) || !isUsageOutput(error.output)) throw error;
      // An old inbox wsl.exe: no --version; --status still names the default version (and kernel on some builds).
      const { text } = await this.run(wslArgs.status(), options);
      return { legacy: true, status: parseWslStatus(text), usage: error.output };
    }
  }

  /** `-l -v`; the "no installed distributions" answer (exit -1, no error code) is an empty list. */
  async list(options: WslCallOptions = {}): Promise<DistroListEntry[]> {
    try {
      const { text } = await this.run(wslArgs.listVerbose(), options);
      const entries = parseListVerbose(text);
      if (!entries) throw new Error(`${this.wslExe} -l -v printed no "NAME STATE VERSION" header:\n${text}`);
      return entries;
    } catch (error) {
      if (error instanceof WslError && error.code === undefined && isNoDistrosMessage(error.output)) return [];
      throw error;
    }
  }

  /**
   * `wsl -l -v` as a person reads it (decoded, CRLF made LF), for a failure bundle: the "no installed
   * distributions" answer is returned as it stands; any other failure throws. Not retried: a bundle is bounded.
   */
  async listVerboseText(options: WslCallOptions = {}): Promise<string> {
    try {
      return (await this.run(wslArgs.listVerbose(), { ...options, retry: false })).text.replace(/\r\n/g, "\n");
    } catch (error) {
      if (error instanceof WslError && error.code === undefined && isNoDistrosMessage(error.output)) return error.output.replace(/\r\n/g, "\n");
      throw error;
    }
  }

  async status(options: WslCallOptions = {}): Promise<WslStatus> {
    return parseWslStatus((await this.run(wslArgs.status(), options)).text);
  }

  async shutdown(options: WslCallOptions = {}): Promise<void> {
    await this.run(wslArgs.shutdown(), { ...options, retry: false });
  }

  /** Polls `wsl --status` until it stops saying "WSL is finishing an upgrade...". */
  async waitForUpgrade(): Promise<void> {
    await waitUntil(
      async (remainingMs) => {
        const result = await this.#spawn(wslArgs.status(), { timeoutMs: Math.min(remainingMs, DEFAULT_TIMEOUTS.pollCallCapMs) });
        const text = `${decodeWslOutput(result.stdoutBytes)}\n${decodeWslOutput(result.stderrBytes)}`;
        return result.exitCode === 0 && !isFinishingUpgrade(text);
      },
      { what: "WSL to finish its upgrade (wsl --status)", timeoutMs: this.#options.upgradeWaitMs ?? 120_000, intervalMs: 1_000, maxIntervalMs: 5_000 },
    );
  }

  async #withPolicy<T>(args: readonly string[], options: WslCallOptions, attempt: () => Promise<T>): Promise<T> {
    if (options.retry === false) return attempt();
    const transcript = options.transcript ?? this.#options.transcript;
    const classify = createWslErrorClassifier({
      shutdown: () => this.shutdown({ transcript }),
      waitForUpgrade: () => this.waitForUpgrade(),
    });
    return withRetry(attempt, { classify, label: `wsl.exe ${args.slice(0, 3).join(" ")}`, transcript, minTimeoutMs: this.#options.retryMinTimeoutMs ?? 1_000 });
  }

  async #spawn(args: readonly string[], options: WslCallOptions): Promise<ExecResult> {
    const platform = this.#options.platform ?? process.platform;
    const verbatim = platform === "win32" && args.includes("--") && !args.includes("--exec");
    const argv = verbatim ? [this.wslExe, windowsShellCommandLine(args)] : [this.wslExe, ...args];
    const result = await exec(argv, {
      timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 120_000,
      env: { ...this.#options.env, ...options.env, WSL_UTF8: "1" },
      input: options.input,
      transcript: options.transcript ?? this.#options.transcript,
      note: options.note,
      captureBytes: options.captureBytes,
      windowsVerbatimArguments: verbatim || undefined,
    });
    // Keep the readable argv (not the joined Windows command line) in what callers see.
    return verbatim ? { ...result, argv: [this.wslExe, ...args] } : result;
  }

  /**
   * -1 (4294967295 on Windows) is always wsl.exe's own failure. A POSIX wsl.exe stand-in reports it as 255, which
   * a Linux process may also return: then only an error code in the output says it was wsl.exe.
   */
  #wslExeItselfFailed(result: ExecResult): boolean {
    if (!isWslExeFailure(result.exitCode)) return false;
    if (result.exitCode !== 255) return true;
    // 255 may be the Linux process's own exit code: only wsl.exe's error lines, or its upgrade notice, say otherwise.
    return parseWslErrorOutput(decodeWslOutput(result.stdoutBytes)).code !== undefined || isFinishingUpgrade(decodeWslOutput(result.stderrBytes));
  }

  #error(args: readonly string[], result: ExecResult): WslError {
    const stdout = decodeWslOutput(result.stdoutBytes);
    const stderr = decodeWslOutput(result.stderrBytes);
    const output = [stdout, stderr].filter((text) => text.trim()).join("\n");
    return new WslError(parseWslErrorOutput(stdout.trim() ? stdout : stderr), { argv: [this.wslExe, ...args], exitCode: result.exitCode, output, result });
  }
}

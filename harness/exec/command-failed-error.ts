import { formatTranscript, type TranscriptEntry } from "./transcript.ts";

/** The facts of one command run in the distro. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A CommandResult or a raw ExecResult: no exit code when it never exited by itself (killed, timed out). */
export interface CheckedResult {
  exitCode?: number;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
  timeoutMs?: number;
}

/**
 * A distro command whose exit code was not the expected one (succeed: 0, fail: non-zero).
 * Carries the command, its output and the test's transcript so far.
 */
export class CommandFailedError extends Error {
  override readonly name = "CommandFailedError";
  readonly command: string;
  readonly user: string | undefined;
  readonly result: CheckedResult;
  readonly transcript: readonly TranscriptEntry[];

  /** `because`: what the output says went wrong, put on the first line (JUnit's failure message). */
  constructor(options: { command: string; user?: string; expected: "zero" | "non-zero"; result: CheckedResult; transcript: readonly TranscriptEntry[]; because?: string }) {
    const { command, user, expected, result, transcript, because } = options;
    const who = user ? ` as ${user}` : "";
    const head =
      expected === "non-zero"
        ? `command succeeded${who} but was expected to fail: ${command}`
        : result.timedOut
          ? `command timed out after ${result.timeoutMs} ms${who}: ${command}`
          : `command failed with exit code ${result.exitCode}${who}: ${command}${because ? ` (${because})` : ""}`;
    const output = [section("stdout", result.stdout), section("stderr", result.stderr)].filter(Boolean).join("\n");
    const recent = transcript.slice(-5);
    super([head, output, recent.length ? `transcript (last ${recent.length}):\n${formatTranscript(recent)}` : ""].filter(Boolean).join("\n"));
    this.command = command;
    this.user = user;
    this.result = result;
    this.transcript = transcript;
  }
}

function section(label: string, text: string): string {
  const lines = text.trimEnd().split("\n").slice(-15);
  return text.trim() ? `${label}:\n${lines.map((l) => `  ${l}`).join("\n")}` : "";
}

/**
 * "Run, throw unless exit 0": returns the result when the command exited 0, else throws CommandFailedError with its
 * output and the transcript's tail. Every `succeed` of the harness (Distro API, backends, bench probes) is this.
 */
export function requireExitZero<R extends CheckedResult>(result: R, facts: { command: string; user?: string; transcript?: { readonly entries: readonly TranscriptEntry[] }; because?: string }): R {
  if (result.exitCode === 0) return result;
  throw new CommandFailedError({ command: facts.command, user: facts.user, expected: "zero", result, transcript: [...(facts.transcript?.entries ?? [])], because: facts.because });
}

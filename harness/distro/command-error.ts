import { formatTranscript, type TranscriptEntry } from "../exec/transcript.ts";

/** The facts of one command run in the distro. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * A distro command whose exit code was not the expected one (succeed: 0, fail: non-zero).
 * Carries the command, its output and the test's transcript so far.
 */
export class CommandFailedError extends Error {
  override readonly name = "CommandFailedError";
  readonly command: string;
  readonly user: string | undefined;
  readonly result: CommandResult;
  readonly transcript: readonly TranscriptEntry[];

  /** `because`: what the output says went wrong, put on the first line (JUnit's failure message). */
  constructor(options: { command: string; user?: string; expected: "zero" | "non-zero"; result: CommandResult; transcript: readonly TranscriptEntry[]; because?: string }) {
    const { command, user, expected, result, transcript, because } = options;
    const who = user ? ` as ${user}` : "";
    const head =
      expected === "zero"
        ? `command failed with exit code ${result.exitCode}${who}: ${command}${because ? ` (${because})` : ""}`
        : `command succeeded${who} but was expected to fail: ${command}`;
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

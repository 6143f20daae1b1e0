import { isFinishingUpgrade, wslErrorKind } from "../wsl-error-classifier.ts";
import { parseWslErrorOutput, WslError } from "../wsl-error.ts";
import { isNoDistrosMessage, parseListVerbose } from "../wsl-list.ts";
import { decodeWslOutput, isWslExeFailure, outputLines } from "../wsl-output.ts";
import { parseWslStatus } from "../wsl-status.ts";
import { isUsageOutput, parseWslVersion } from "../wsl-version.ts";
import type { RecordedCall } from "./recorded-folder.ts";
import type { RecordedCallKind } from "./recording-calls.ts";

/** What a call is, for the replay: a recorded kind, or one read off a hand-written command such as "wsl -l -v (no distros)". */
export type ReplayKind = RecordedCallKind | "in-distro" | "other";

export function replayKind(call: RecordedCall): ReplayKind {
  const first = call.entries[0];
  if (first?.kind) return first.kind;
  const command = (first?.command ?? "").replace(/\(.*$/, "").replace(/^WSL_UTF8=1\s+/, "");
  const words = command.trim().split(/\s+/).slice(1);
  if (words.includes("--version") && words.length === 1) return "version";
  if (words[0] === "--status") return "status";
  if (words[0] === "-l" && words[1] === "-v") return "list-verbose";
  if (words[0] === "-l" && words[1] === "-q") return "list-quiet";
  if (words[0] === "-d" || words[0] === "--exec" || words[0] === "-e" || words[0] === "--system") return "in-distro";
  return "other";
}

/**
 * Replays one recorded call through what reads it in the harness: the parser of its command when wsl.exe
 * succeeded, the error parser and the classifier when it failed. Returns what the harness could not read
 * (empty: accepted).
 */
export function replayRecordedCall(call: RecordedCall): string[] {
  const first = call.entries[0];
  if (!first) return [`${call.key}: no entries`];
  const exitCode = first.exitCode;
  const stdout = call.stdout ? decodeWslOutput(call.stdout) : "";
  const stderr = call.stderr ? decodeWslOutput(call.stderr) : "";
  const kind = replayKind(call);
  const problems: string[] = [];
  const problem = (what: string) => problems.push(`${call.key} (${first.command}, exit ${exitCode}): ${what}`);
  if (call.entries.some((entry) => entry.timedOut)) problem("the call timed out: there is no answer to replay");
  for (const entry of call.entries) if (entry.exitCode !== exitCode) problem(`its streams disagree on the exit code (${entry.file}: ${entry.exitCode})`);

  if (kind === "in-distro" || kind === "exec-missing-program") {
    if (!isWslExeFailure(exitCode)) {
      if (kind === "exec-missing-program" && exitCode === 0) problem(`a missing program exited 0`);
      return problems;
    }
  } else if (!isWslExeFailure(exitCode) && exitCode !== 0) {
    problem(`wsl.exe's own command exited ${exitCode}, neither 0 nor -1`);
    return problems;
  }

  if (exitCode === 0) {
    replaySuccess(kind, stdout, problem);
    return problems;
  }
  replayFailure(kind, { stdout, stderr, argv: ["wsl.exe", ...(first.argv ?? first.command.split(/\s+/).slice(1))], exitCode }, problem);
  return problems;
}

function replaySuccess(kind: ReplayKind, stdout: string, problem: (what: string) => void): void {
  if (kind === "version" && !parseWslVersion(stdout)) problem(`parseWslVersion found no seven "label: value" lines in ${JSON.stringify(stdout.slice(0, 200))}`);
  if (kind === "status") {
    const status = parseWslStatus(stdout);
    if (status.defaultVersion === undefined && status.kernelVersion === undefined) problem(`parseWslStatus found neither a default version nor a kernel version in ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  if (kind === "list-verbose") {
    try {
      if (!parseListVerbose(stdout)) problem(`parseListVerbose found no "NAME STATE VERSION" header in ${JSON.stringify(stdout.slice(0, 200))}`);
    } catch (error) {
      problem((error as Error).message);
    }
  }
  if (kind === "list-quiet") {
    const odd = outputLines(stdout).filter((line) => !/^[\w.-]+$/.test(line.trim()));
    if (odd.length > 0) problem(`-l -q printed lines that are not distro names: ${JSON.stringify(odd)}`);
  }
  if (kind === "unknown-option" || kind === "missing-distro" || kind === "import-bad-tarball") problem("wsl.exe succeeded where it must fail");
}

interface FailedCall {
  stdout: string;
  stderr: string;
  argv: string[];
  exitCode: number;
}

function replayFailure(kind: ReplayKind, call: FailedCall, problem: (what: string) => void): void {
  const text = call.stdout.trim() ? call.stdout : call.stderr;
  const parsed = parseWslErrorOutput(text);
  const output = [call.stdout, call.stderr].filter((t) => t.trim()).join("\n");
  const error = new WslError(parsed, { argv: call.argv, exitCode: call.exitCode, output });
  const errorKind = wslErrorKind(error);
  const codeless = isNoDistrosMessage(output) || isUsageOutput(output) || isFinishingUpgrade(output) || isInvalidUsage(output);
  if (parsed.code === undefined && !codeless) problem(`no error code found and not a known code-less text: ${JSON.stringify(text.slice(0, 300))}`);

  if (kind === "version" && !isUsageOutput(output) && parsed.code === undefined) problem("a failed --version is neither the old inbox usage text nor an error with a code");
  if (kind === "list-verbose" && parsed.code === undefined && !isNoDistrosMessage(output) && !isFinishingUpgrade(output)) problem("a failed -l -v is neither the no-distros text nor an error with a code");
  if (kind === "unknown-option") {
    if (!isInvalidUsage(output) && !isUsageOutput(output) && error.symbolicName !== "WSL_E_INVALID_USAGE") problem(`an unknown option got neither the invalid-usage text nor WSL_E_INVALID_USAGE: ${JSON.stringify(text.slice(0, 300))}`);
    if (errorKind !== "fatal") problem(`invalid usage classified as ${errorKind}, not fatal`);
  }
  if (kind === "missing-distro") {
    if (error.symbolicName !== "WSL_E_DISTRO_NOT_FOUND") problem(`a missing distro gave ${error.code ?? "no code"}, not WSL_E_DISTRO_NOT_FOUND`);
    if (errorKind !== "fatal") problem(`a missing distro classified as ${errorKind}, not fatal`);
  }
  if (kind === "import-bad-tarball" && errorKind !== "fatal") problem(`a bad tarball's import classified as ${errorKind}: it would be retried`);
  if (kind === "import" || kind === "unregister") problem(`the throwaway distro's ${kind} failed: ${parsed.code ?? text.slice(0, 200)}`);
}

/** "Invalid command line argument: --x / Please use 'wsl.exe --help' ...": localized, but it always quotes --help. */
function isInvalidUsage(text: string): boolean {
  return /wsl(\.exe)? --help/.test(text);
}

import { basename } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { formatTranscript } from "../exec/transcript.ts";
import { failureBody } from "./failure-body.ts";
import type { AttemptReport, CaseFailure, CaseReport } from "./report-model.ts";
import { firstFrameIn, formatFrame, type ParsedFrame, stackFrames } from "./stack-frames.ts";
import type { Attachment, NwhFileMeta, NwhTestMeta } from "../model/test-meta.ts";

/** The parts of vitest's TestCase the reports read (kept narrow so tests can build one). */
export interface ReportedTestCase {
  id: string;
  name: string;
  fullName: string;
  location?: { line: number; column: number } | undefined;
  module: { relativeModuleId: string; moduleId: string };
  options: { mode: string };
  result(): { state: string; errors?: ReadonlyArray<ReportedError>; note?: string };
  diagnostic(): { duration: number } | undefined;
  meta(): { nwh?: unknown };
  annotations?(): ReadonlyArray<ReportedAnnotation>;
  /** vitest's per-attempt results (retries); absent in older callers. */
  attempts?(): ReadonlyArray<ReportedAttempt>;
}

/** One try of a test as vitest reports it. */
export interface ReportedAttempt {
  state: string;
  errors?: ReadonlyArray<ReportedError> | undefined;
  duration: number;
  retryIndex: number;
}

/** vitest's `context.annotate(message, type?, attachment?)` as the reports read it. */
export interface ReportedAnnotation {
  message: string;
  type: string;
  attachment?: { path?: string };
}

export interface ReportedError {
  message: string;
  name?: string;
  stack?: string;
  /** vitest's source-mapped frames. */
  stacks?: ParsedFrame[];
  diff?: string;
  [key: string]: unknown;
}

/** A case that started and has no result yet. */
export function runningCase(test: ReportedTestCase): CaseReport {
  return { id: test.id, classname: test.module.relativeModuleId, file: test.module.relativeModuleId, name: test.fullName, status: "error", durationMs: 0, line: test.location?.line };
}

/** The project root vitest ran in: the module's absolute path without its root-relative one. */
export function projectRoot(test: Pick<ReportedTestCase, "module">): string {
  const { moduleId, relativeModuleId } = test.module;
  return moduleId.endsWith(relativeModuleId) ? moduleId.slice(0, moduleId.length - relativeModuleId.length) : process.cwd();
}

/** A finished case. `attachments` are the paths already kept next to the report. */
export function finishedCase(test: ReportedTestCase, attachments: string[] = []): CaseReport {
  const result = test.result();
  const meta = (test.meta().nwh ?? {}) as NwhTestMeta;
  const annotations = (test.annotations?.() ?? []).map((a) => `# ${a.type === "notice" ? "" : `${a.type}: `}${a.message}`);
  const output = [transcriptText(meta), ...annotations].filter(Boolean).join("\n");
  const failedAttempts = (test.attempts?.() ?? []).filter((a) => a.state === "failed");
  const report: CaseReport = {
    id: test.id,
    classname: test.module.relativeModuleId,
    file: test.module.relativeModuleId,
    name: test.fullName,
    status: result.state === "failed" ? (isSetupError(result.errors?.[0]) ? "error" : "failed") : result.state === "passed" ? "passed" : "skipped",
    durationMs: test.diagnostic()?.duration ?? 0,
    line: test.location?.line,
  };
  if (result.state === "failed") {
    // Retried: the first failure is the case's own, the later ones its reruns (as Maven Surefire reports them).
    const [first, ...later] = failedAttempts;
    const transcript = first ? attemptTranscript(meta, first.retryIndex) : meta.transcript;
    const { failure, line } = failureOf(first?.errors ?? result.errors ?? [], meta, projectRoot(test), test.module.relativeModuleId, transcript);
    report.failure = failure;
    if (line !== undefined) report.line = line;
    if (later.length > 0) report.reruns = later.map((a) => attemptReport(a, meta, test));
  }
  if (result.state === "passed" && failedAttempts.length > 0) report.reruns = failedAttempts.map((a) => attemptReport(a, meta, test));
  if (report.status === "skipped") report.skipReason = result.note ?? (test.options.mode === "todo" ? "todo" : test.options.mode === "skip" ? "skipped in the test file" : "not run");
  if (output) report.output = output;
  if (attachments.length > 0) report.attachments = attachments;
  if (meta.timingsMs && Object.keys(meta.timingsMs).length > 0) report.timingsMs = { ...meta.timingsMs };
  return report;
}

/** The suite file's distro could not be set up: the test could not run at all (a JUnit error). */
function isSetupError(error: ReportedError | undefined): boolean {
  return error?.name === "DistroSetupError";
}

function attemptReport(attempt: ReportedAttempt, meta: NwhTestMeta, test: ReportedTestCase): AttemptReport {
  const output = attemptOutput(meta, attempt.retryIndex);
  return {
    status: isSetupError(attempt.errors?.[0]) ? "error" : "failed",
    // The attempt's transcript goes in its own <system-out>, not again in the stack trace.
    failure: failureOf(attempt.errors ?? [], meta, projectRoot(test), test.module.relativeModuleId, []).failure,
    durationMs: attempt.duration,
    ...(output ? { output } : {}),
  };
}

/** The transcript of one attempt, by vitest's retry index ("" when that attempt recorded none). */
function attemptOutput(meta: NwhTestMeta, retryIndex: number): string {
  const attempt = meta.attempts?.find((a) => a.index === retryIndex);
  return attempt ? transcriptText(attempt) : "";
}

/** The commands one attempt ran (the case's own when that attempt recorded none). */
function attemptTranscript(meta: NwhTestMeta, retryIndex: number): NwhTestMeta["transcript"] {
  return meta.attempts?.find((a) => a.index === retryIndex)?.transcript ?? meta.transcript;
}


/**
 * The failure as consumers read it: `message` is the first line of the first error, the body starts with
 * exactly that line, then the rest of the message, the diff, the stack with repo-relative frames and the last
 * commands (see failureBody). `line` is the first frame in the suite file.
 */
function failureOf(
  errors: ReadonlyArray<ReportedError>,
  meta: NwhTestMeta,
  root: string,
  file: string,
  transcript: NwhTestMeta["transcript"] = meta.transcript,
): { failure: CaseFailure; line?: number } {
  const first = errors[0];
  const fullMessage = stripVTControlCharacters(first?.message ?? "failed without an error message");
  const message = firstLine(fullMessage);
  const frames = stackFrames(root, first?.stack, first?.stacks);
  const more = [fullMessage.slice(fullMessage.indexOf(message) + message.length).replace(/^\s*\n/, ""), first?.diff ? stripVTControlCharacters(first.diff) : ""].filter((t) => t.trim()).join("\n");
  const otherErrors = errors.slice(1).map((e) => {
    const lines = stackFrames(root, e.stack, e.stacks).map(formatFrame);
    return stripVTControlCharacters([`${e.name ?? "Error"}: ${e.message}`, ...lines].join("\n"));
  });
  const detail = failureBody({ message, more, frames, otherErrors, transcript });
  return { failure: { message, type: failureType(first, meta), detail }, line: firstFrameIn(frames, file)?.line };
}

/** Files a test attached: its meta attachments and the paths of its vitest annotations' attachments. */
export function attachmentsOf(test: ReportedTestCase): Attachment[] {
  const meta = (test.meta().nwh ?? {}) as NwhTestMeta;
  const fromAnnotations = (test.annotations?.() ?? []).flatMap((a) => (a.attachment?.path && !/^https?:/.test(a.attachment.path) ? [{ name: basename(a.attachment.path), path: a.attachment.path }] : []));
  return [...(meta.attachments ?? []), ...fromAnnotations];
}

/** The error class: the wsl error code first (it names the cause), then TimeoutError, AssertionError, else the error's own class name. */
export function failureType(error: ReportedError | undefined, meta: NwhTestMeta): string {
  if (meta.wslErrorCode) return meta.wslErrorCode;
  if (!error) return "error";
  // A WslError (also one thrown while the suite's distro was imported) carries its whole code path.
  if (typeof error.code === "string" && error.code.startsWith("Wsl/")) return error.code;
  if (/^Test timed out in \d+ms/.test(error.message) || /^Hook timed out/.test(error.message) || error.timedOut === true) return "TimeoutError";
  if (error.name === "AssertionError" || "expected" in error || "actual" in error) return "AssertionError";
  return error.name ?? "Error";
}

/** The transcript (and diagnostics) as the reports show it. */
export function transcriptText(meta: Pick<NwhTestMeta, "transcript" | "diagnostics">): string {
  const parts = [];
  if (meta.transcript && meta.transcript.length > 0) parts.push(formatTranscript(meta.transcript));
  if (meta.diagnostics) parts.push(`--- diagnostics ---\n${meta.diagnostics.trimEnd()}`);
  return parts.join("\n");
}

/** JUnit properties a suite file contributes: its distro, version, capabilities, facts and timings. */
export function fileProperties(meta: NwhFileMeta | undefined): Record<string, string> {
  if (!meta) return {};
  const properties: Record<string, string> = {};
  if (meta.distro) properties["distro"] = meta.distro;
  if (meta.nixosVersion) properties["nixos.version"] = meta.nixosVersion;
  if (meta.capabilities) properties["capabilities"] = meta.capabilities.join(",");
  Object.assign(properties, meta.properties ?? {});
  for (const [key, ms] of Object.entries(meta.timingsMs ?? {})) properties[`timing.${key}.ms`] = String(Math.round(ms));
  return properties;
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim())?.trim() ?? text;
}

/**
 * The reports' own model of a run: what the JUnit file, the GitHub summary and the HTML report show.
 * Built from vitest's results by the reporter, or read back from junit.xml files (merge, HTML).
 */

export type CaseStatus = "passed" | "failed" | "error" | "skipped";

export interface CaseFailure {
  /** First line people read (the assertion message, "Test timed out in 100ms.", ...). */
  message: string;
  /** The error class: "AssertionError", "TimeoutError", a wsl.exe error code, "interrupted", or another class name. */
  type: string;
  /** The failure body: starts with exactly `message`, then the stack and the last commands (bounded, see failure-body.ts). */
  detail: string;
}

export interface CaseReport {
  /** vitest's test id (stable for a file and the test's place in it); keys the `timing.tests` property. */
  id?: string;
  /** JUnit classname: the suite file path relative to the project root. */
  classname: string;
  /** The suite file, relative to the project root (JUnit `file`). */
  file?: string;
  /** Describe blocks and the test name, joined with " > ". */
  name: string;
  status: CaseStatus;
  durationMs: number;
  failure?: CaseFailure;
  skipReason?: string;
  /** Formatted command transcript (and diagnostics) of the test. */
  output?: string;
  /** Paths of diagnostic files, relative to the reports directory. */
  attachments?: string[];
  /** For annotations: on a failure, the line of the first stack frame in the suite file; else the test's line. */
  line?: number;
  timingsMs?: Record<string, number>;
  /**
   * With retries (Maven Surefire's model): for a passed case, each failed attempt before the pass (it is flaky);
   * for a failed case, each attempt after the first failure (`failure` holds the first).
   */
  reruns?: AttemptReport[];
  /** A quarantine entry from the config covers it: it ran and is reported, and does not fail the run. */
  quarantine?: QuarantineMark;
}

/** One failed attempt of a retried test. */
export interface AttemptReport {
  /** "failed": the test failed (flakyFailure/rerunFailure); "error": it could not run (flakyError/rerunError). */
  status: "failed" | "error";
  failure: CaseFailure;
  durationMs: number;
  /** That attempt's transcript. */
  output?: string;
}

export interface QuarantineMark {
  /** Why, usually an issue URL. */
  reason: string;
  /** YYYY-MM-DD: the last day the entry holds. */
  expires: string;
}

/** Passed, after at least one failed attempt. */
export function isFlaky(c: CaseReport): boolean {
  return c.status === "passed" && (c.reruns?.length ?? 0) > 0;
}

export interface SuiteReport {
  /** The suite file path relative to the project root. */
  name: string;
  file: string;
  /** ISO 8601 start time. */
  timestamp?: string;
  durationMs: number;
  properties: Record<string, string>;
  cases: CaseReport[];
  /** Suite-level output: the file's own transcript (imports, boots). */
  output?: string;
}

export interface Counts {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  /** Of the passed: those that failed before they passed (retries). */
  flaky: number;
}

export function countCases(cases: Iterable<CaseReport>): Counts {
  const counts: Counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0 };
  for (const c of cases) {
    counts.tests++;
    if (isFlaky(c)) counts.flaky++;
    if (c.status === "passed") counts.passed++;
    else if (c.status === "failed") counts.failed++;
    else if (c.status === "error") counts.errors++;
    else counts.skipped++;
  }
  return counts;
}

export function countSuites(suites: readonly SuiteReport[]): Counts {
  return countCases(suites.flatMap((s) => s.cases));
}

/** "3 passed, 1 failed, 2 skipped" (then "; 1 errors" and " (1 flaky)" when there are some). */
export function formatCounts(counts: Counts): string {
  const line = `${counts.passed} passed${counts.flaky > 0 ? ` (${counts.flaky} flaky)` : ""}, ${counts.failed} failed, ${counts.skipped} skipped`;
  return counts.errors > 0 ? `${line}; ${counts.errors} errors` : line;
}

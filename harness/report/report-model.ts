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
}

export function countCases(cases: Iterable<CaseReport>): Counts {
  const counts: Counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const c of cases) {
    counts.tests++;
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

/** "3 passed, 1 failed, 2 skipped" (then "; 1 errors" when there are some). */
export function formatCounts(counts: Counts): string {
  const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  return counts.errors > 0 ? `${line}; ${counts.errors} errors` : line;
}

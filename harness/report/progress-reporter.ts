import type { Reporter, ReportedHookContext, TestCase, TestModule, TestRunEndReason, TestSpecification } from "vitest/node";
import { type Counts, formatCounts } from "./report-model.ts";

export interface ProgressReporterOptions {
  /** One updating status line (cursor movement) instead of one line per finished suite file. */
  tty: boolean;
  /** Where the progress goes (default process.stderr). */
  stream?: { write(text: string): unknown; columns?: number };
  /** Minimum ms between status line redraws on a TTY (default 100). */
  redrawMs?: number;
}

/**
 * Shows what a run does. On a TTY: one status line on stderr, redrawn in place (suite i/N, what it is doing
 * — setting up means importing and booting the distro —, the running test, counts). Otherwise (CI, pipes):
 * no cursor movement, one line per finished suite file with its counts, and a closing line.
 * Either way each failed test gets one line with its first error line as it happens.
 */
export class ProgressReporter implements Reporter {
  readonly #tty: boolean;
  readonly #stream: { write(text: string): unknown; columns?: number };
  readonly #redrawMs: number;
  #totalFiles = 0;
  #startedFiles = 0;
  #finishedFiles = 0;
  #counts: Counts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0 };
  #activity = "starting";
  #lastDraw = 0;
  #startedAt = 0;
  readonly #moduleCounts = new Map<string, Counts>();

  constructor(options: ProgressReporterOptions) {
    this.#tty = options.tty;
    this.#stream = options.stream ?? process.stderr;
    this.#redrawMs = options.redrawMs ?? 100;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.#totalFiles = new Set(specifications.map((s) => s.moduleId)).size;
    this.#startedAt = performance.now();
    this.#status(`running ${this.#totalFiles} suite file(s)`, true);
  }

  onTestModuleStart(module: TestModule): void {
    this.#startedFiles++;
    this.#moduleCounts.set(module.moduleId, emptyCounts());
    this.#status(`suite ${this.#startedFiles}/${this.#totalFiles} ${module.relativeModuleId}`, true);
  }

  onHookStart(hook: ReportedHookContext): void {
    if (hook.name === "beforeAll" && hook.entity.type === "module") this.#status(`setting up ${hook.entity.relativeModuleId} (importing, booting)`);
    if (hook.name === "afterAll" && hook.entity.type === "module") this.#status(`tearing down ${hook.entity.relativeModuleId}`);
  }

  onTestCaseReady(test: TestCase): void {
    this.#status(`${test.module.relativeModuleId} › ${test.fullName}`);
  }

  onTestCaseResult(test: TestCase): void {
    const state = test.result().state;
    // A cancelled run can report a case again: count it once, by its latest state.
    const earlier = this.#counted.get(test.id);
    this.#counted.set(test.id, state);
    for (const counts of [this.#counts, this.#moduleCounts.get(test.module.moduleId)]) {
      if (!counts) continue;
      if (earlier === undefined) counts.tests++;
      else counts[bucket(earlier)]--;
      counts[bucket(state)]++;
      if (earlier === undefined && test.diagnostic()?.flaky) counts.flaky++;
    }
    if (state === "failed") this.#printFailure(test);
    this.#draw(false);
  }

  readonly #counted = new Map<string, string>();

  /** A failed test gets its own line at once (the details are in the reports). */
  #printFailure(test: TestCase): void {
    const result = test.result();
    const message = (result.errors?.[0]?.message ?? "failed").split("\n")[0];
    if (this.#tty) this.#stream.write("\r\x1b[K");
    this.#stream.write(`  ✗ ${test.module.relativeModuleId} › ${test.fullName}: ${message}\n`);
    if (this.#tty) this.#draw(true);
  }

  onTestModuleEnd(module: TestModule): void {
    this.#finishedFiles++;
    if (this.#tty) {
      this.#draw(true);
      return;
    }
    const counts = this.#moduleCounts.get(module.moduleId) ?? emptyCounts();
    const mark = module.ok() ? "✓" : "✗";
    const seconds = (module.diagnostic().duration / 1000).toFixed(1);
    this.#stream.write(`${mark} [${this.#finishedFiles}/${this.#totalFiles}] ${module.relativeModuleId}: ${formatCounts(counts)} (${seconds} s)\n`);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    if (this.#tty) this.#stream.write("\r\x1b[K");
    const seconds = ((performance.now() - this.#startedAt) / 1000).toFixed(1);
    this.#stream.write(`Tests: ${formatCounts(this.#counts)} in ${this.#finishedFiles} suite file(s), ${seconds} s${reason === "interrupted" ? " (interrupted)" : ""}\n`);
  }

  #status(activity: string, force = false): void {
    this.#activity = activity;
    this.#draw(force);
  }

  #draw(force: boolean): void {
    if (!this.#tty) return;
    const now = performance.now();
    if (!force && now - this.#lastDraw < this.#redrawMs) return;
    this.#lastDraw = now;
    const c = this.#counts;
    const line = `[${this.#finishedFiles}/${this.#totalFiles}] ✓${c.passed} ✗${c.failed} ↷${c.skipped} · ${this.#activity}`;
    const width = Math.max(20, (this.#stream.columns ?? 100) - 1);
    this.#stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }
}

function emptyCounts(): Counts {
  return { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, flaky: 0 };
}

function bucket(state: string): "passed" | "failed" | "skipped" {
  return state === "passed" ? "passed" : state === "failed" ? "failed" : "skipped";
}

import { writeFileAtomicSync } from "./atomic-write.ts";
import type { JunitDialect } from "./junit-dialect.ts";
import { junitDocument, serializeSuite } from "./junit-xml.ts";
import { countCases, type SuiteReport } from "./report-model.ts";
import { runSpanMs } from "./run-span.ts";
import { type SuiteState, withInterruptedCases } from "./suite-state.ts";

export interface JunitFileWriterOptions {
  /** At most one write per this many ms while tests finish (default 200); suite ends and the end always write. */
  minIntervalMs?: number;
  /** Which JUnit to write (default "default"). */
  dialect?: JunitDialect;
}

/**
 * Keeps junit.xml on disk valid and current as a run goes. Every write is atomic (tmp + rename).
 * A finished test reaches the file at once when the last write is older than the interval, else at the end
 * of it. The interval is minIntervalMs, stretched to 4x the last write's duration so writing never takes more
 * than ~20% of the run (matters only for suites of thousands of cases). Finished suites are serialized once
 * and reused, so a write costs about one running suite plus the file copy.
 */
export class JunitFileWriter {
  readonly file: string;
  readonly #minIntervalMs: number;
  readonly #dialect: JunitDialect;
  readonly #suites: () => readonly SuiteState[];
  #lastWrite = 0;
  #lastDuration = 0;
  #timer: NodeJS.Timeout | undefined;
  writes = 0;

  constructor(file: string, suites: () => readonly SuiteState[], options: JunitFileWriterOptions = {}) {
    this.file = file;
    this.#suites = suites;
    this.#minIntervalMs = options.minIntervalMs ?? 200;
    this.#dialect = options.dialect ?? "default";
  }

  /** A test finished: write now, or soon if a write just happened. */
  changed(): void {
    if (this.#timer) return;
    const wait = this.#lastWrite + Math.max(this.#minIntervalMs, 4 * this.#lastDuration) - performance.now();
    if (wait <= 0) {
      this.writeNow();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.writeNow();
    }, wait);
    this.#timer.unref();
  }

  /** Writes the current state; with `interruptedReason`, running cases are written as errors. */
  writeNow(interruptedReason?: string): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const started = performance.now();
    const suites = this.#suites();
    const parts: string[] = [];
    const cases = [];
    const reports: SuiteReport[] = [];
    for (const state of suites) {
      if (state.finished) {
        state.xml ??= serializeSuite(state.report, this.#dialect);
        parts.push(state.xml);
        cases.push(...state.report.cases);
      } else {
        const report = interruptedReason ? withInterruptedCases(state, interruptedReason) : state.report;
        parts.push(serializeSuite(report, this.#dialect));
        cases.push(...report.cases);
      }
      reports.push(state.report);
    }
    writeFileAtomicSync(this.file, junitDocument(parts, countCases(cases), runSpanMs(reports)));
    this.#lastWrite = performance.now();
    this.#lastDuration = this.#lastWrite - started;
    this.writes++;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

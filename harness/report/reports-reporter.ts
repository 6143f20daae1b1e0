import path from "node:path";
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, Vitest } from "vitest/node";
import { keepAttachments } from "./attachments.ts";
import { boundedOutput } from "./bounded-output.ts";
import { withCaseFiles } from "./case-files.ts";
import { guardAbnormalExit } from "./exit-guard.ts";
import { githubAnnotation } from "./github-annotations.ts";
import type { JunitDialect } from "./junit-dialect.ts";
import { JunitFileWriter } from "./junit-file-writer.ts";
import type { CaseReport, SuiteReport } from "./report-model.ts";
import { finishReports } from "./finish-reports.ts";
import { failureBody } from "./failure-body.ts";
import { firstFrameIn, stackFrames } from "./stack-frames.ts";
import { interruptedFailure, newSuiteState, type SuiteState, withInterruptedCases } from "./suite-state.ts";
import type { NwhFileMeta, NwhTestMeta } from "../model/test-meta.ts";
import { TEST_TIMINGS_PROPERTY, testTimingsProperty } from "./test-timings.ts";
import { attachmentsOf, fileProperties, finishedCase, runningCase, transcriptText } from "./vitest-case.ts";
import type { QuarantineBook } from "./quarantine.ts";

export interface ReportsReporterOptions {
  reportsDir: string;
  /** Run-level JUnit properties on every suite: backend, host OS, versions, tarball, harness version, stand-in marker. */
  runProperties?: Record<string, string>;
  /** Append the markdown summary to $GITHUB_STEP_SUMMARY (when set). */
  githubSummary?: boolean;
  /** Print ::error annotations for failures on stdout (default: GITHUB_ACTIONS === "true"). */
  githubAnnotations?: boolean;
  /** Write report.html and summary.md at the end (default true). */
  html?: boolean;
  /** Coalescing interval for junit.xml writes while tests finish (default 200 ms). */
  minWriteIntervalMs?: number;
  /** Which JUnit to write (default: "default"; "jenkins" for Jenkins xunit's junit-10.xsd). */
  junitDialect?: JunitDialect;
  /** The config's quarantine: marks the tests it covers (JUnit property, summary section). */
  quarantine?: QuarantineBook;
}

/**
 * Writes reports/junit.xml as the run goes (valid after every finished test, see JunitFileWriter), marks
 * the running tests as errors when the run is interrupted or the process dies, and at the end writes
 * summary.md, report.html and the GitHub step summary.
 */
export class ReportsReporter implements Reporter {
  readonly junitFile: string;
  readonly #options: ReportsReporterOptions;
  readonly #suites = new Map<string, SuiteState>();
  /** Where each reported case stands in its suite's cases, by vitest test id. */
  readonly #caseIndex = new Map<string, number>();
  readonly #writer: JunitFileWriter;
  #removeGuard: (() => void) | undefined;
  #startedAt = 0;
  #vitest: { isCancelling?: boolean } | undefined;
  /** vitest's root: stack frames are written relative to it. */
  #root = process.cwd();
  /** Why the run was stopped, when the harness stopped it (the watchdog, a host-fatal error): the interrupted cases say so. */
  cancelReason: string | undefined;

  constructor(options: ReportsReporterOptions) {
    this.#options = options;
    this.junitFile = path.join(options.reportsDir, "junit.xml");
    this.#writer = new JunitFileWriter(this.junitFile, () => [...this.#suites.values()], { minIntervalMs: options.minWriteIntervalMs, dialect: options.junitDialect });
  }

  /** The suites so far, running cases excluded. */
  suites(): SuiteReport[] {
    return [...this.#suites.values()].map((s) => s.report);
  }

  onInit(vitest: Vitest): void {
    // isCancelling is not in vitest's typings; onCancel listeners are cleared at every run start, after reporters see it.
    this.#vitest = vitest as unknown as { isCancelling?: boolean };
    this.#root = vitest.config.root;
  }

  onTestRunStart(): void {
    this.#suites.clear();
    this.#caseIndex.clear();
    this.#startedAt = performance.now();
    this.#removeGuard?.();
    this.#removeGuard = guardAbnormalExit((reason) => this.#writer.writeNow(reason));
    this.#writer.writeNow();
  }

  onTestModuleStart(module: TestModule): void {
    this.#suite(module);
  }

  onTestCaseReady(test: TestCase): void {
    // After a cancel vitest still readies the tests it will not run; those never ran, so they are not "running".
    if (this.#vitest?.isCancelling === true) return;
    this.#suite(test.module).running.set(test.id, runningCase(test));
  }

  onTestCaseResult(test: TestCase): void {
    const suite = this.#suite(test.module);
    const wasRunning = suite.running.delete(test.id);
    const { kept, missing } = keepAttachments(this.#options.reportsDir, suite.report.name, test.fullName, attachmentsOf(test));
    let report = withCaseFiles(this.#options.reportsDir, suite.report.name, finishedCase(test, kept), test.meta().nwh as NwhTestMeta | undefined);
    // A cancelled run can report a case again (the stopped test once more after its clean-up, with its failure
    // bundle); the later result replaces the earlier one.
    const earlier = this.#caseIndex.get(test.id);
    const stoppedEarlier = earlier !== undefined && suite.report.cases[earlier]?.failure?.type === "interrupted";
    const cancelling = this.#vitest?.isCancelling === true;
    // A cancelled run reports the test it stopped as skipped; it was running, so it is an interrupted error.
    if ((wasRunning || stoppedEarlier) && report.status === "skipped" && cancelling) report = interruptedCase(report, this.cancelReason ?? report.skipReason ?? "the run was cancelled");
    else if (report.status === "skipped" && cancelling && this.cancelReason && report.skipReason === VITEST_ABORT_NOTE) report.skipReason = `not run: ${this.cancelReason}`;
    const quarantined = this.#options.quarantine?.mark(test.module.relativeModuleId, test.fullName);
    if (quarantined) {
      report.quarantine = quarantined;
      suite.report.properties[`quarantine (${report.name})`] = `${quarantined.reason} until ${quarantined.expires}`;
    }
    if (missing.length > 0) report.output = [report.output, `# attachments not found: ${missing.join(", ")}`].filter(Boolean).join("\n");
    if (earlier !== undefined && suite.report.cases[earlier]) suite.report.cases[earlier] = report;
    else this.#caseIndex.set(test.id, suite.report.cases.push(report) - 1);
    const timings = testTimingsProperty(suite.report.cases);
    if (timings) suite.report.properties[TEST_TIMINGS_PROPERTY] = timings;
    if (this.#options.githubAnnotations ?? process.env.GITHUB_ACTIONS === "true") {
      const line = githubAnnotation(report);
      if (line) process.stdout.write(`${line}\n`);
    }
    this.#writer.changed();
  }

  onTestModuleEnd(module: TestModule): void {
    const suite = this.#suite(module);
    const meta = module.meta().nwh as NwhFileMeta | undefined;
    Object.assign(suite.report.properties, fileProperties(meta));
    if (meta?.transcript?.length) suite.report.output = boundedOutput(this.#options.reportsDir, suite.report.name, "(suite file)", transcriptText(meta)).output;
    suite.report.durationMs = module.diagnostic().duration;
    for (const error of module.errors()) suite.report.cases.push(moduleErrorCase(module, error, this.#root));
    suite.finished = suite.running.size === 0;
    this.#writer.writeNow();
  }

  async onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    for (const suite of this.#suites.values()) {
      if (reason === "interrupted") suite.report = withInterruptedCases(suite, this.cancelReason ?? "the run was cancelled");
      suite.running.clear();
      suite.finished = true;
      suite.xml = undefined;
    }
    if (unhandledErrors.length > 0) this.#suites.set("(unhandled errors)", unhandledErrorSuite(unhandledErrors, this.#options.runProperties ?? {}, this.#root));
    this.#writer.writeNow();
    this.#removeGuard?.();
    this.#removeGuard = undefined;
    this.#writer.dispose();
    if (this.#options.html ?? true) {
      await finishReports({
        suites: this.suites(),
        reportsDir: this.#options.reportsDir,
        githubSummary: this.#options.githubSummary ?? false,
        wallMs: performance.now() - this.#startedAt,
        notes: this.#options.quarantine?.notes() ?? [],
      });
    }
  }

  #suite(module: TestModule): SuiteState {
    let suite = this.#suites.get(module.moduleId);
    if (!suite) {
      suite = newSuiteState(module.relativeModuleId, module.relativeModuleId, this.#options.runProperties ?? {});
      this.#suites.set(module.moduleId, suite);
    }
    return suite;
  }
}

/** vitest's note on the tests a cancel kept from running ("by the user" even when the harness cancelled). */
const VITEST_ABORT_NOTE = "The test run was aborted by the user.";

function interruptedCase(c: CaseReport, reason: string): CaseReport {
  const { skipReason: _skipReason, ...rest } = c;
  return { ...rest, status: "error", failure: interruptedFailure(reason) };
}

function moduleErrorCase(module: TestModule, error: SerializedError, root: string): CaseReport {
  const file = module.relativeModuleId;
  const { failure, line } = errorFailure(error, root, file);
  return { classname: file, file, name: "(suite file: setup, teardown or collection)", status: "error", durationMs: 0, failure, ...(line !== undefined ? { line } : {}) };
}

function unhandledErrorSuite(errors: ReadonlyArray<SerializedError>, properties: Record<string, string>, root: string): SuiteState {
  const state = newSuiteState("(unhandled errors)", "(unhandled errors)", properties);
  state.report.cases = errors.map((error, i) => ({
    classname: "(unhandled errors)",
    name: `unhandled error ${i + 1}`,
    status: "error",
    durationMs: 0,
    failure: errorFailure(error, root, "").failure,
  }));
  state.finished = true;
  return state;
}

/** An error outside a test as a failure: the body starts with the message, frames relative to the root. */
function errorFailure(error: SerializedError, root: string, file: string): { failure: CaseReport["failure"] & {}; line?: number } {
  const message = firstLine(error.message);
  const frames = stackFrames(root, error.stack, error.stacks);
  return { failure: { message, type: error.name ?? "Error", detail: failureBody({ message, more: error.message.slice(error.message.indexOf(message) + message.length).trim(), frames }) }, line: file ? firstFrameIn(frames, file)?.line : undefined };
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim())?.trim() ?? text;
}

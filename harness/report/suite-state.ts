import type { CaseFailure, CaseReport, SuiteReport } from "./report-model.ts";
import { STARTED_AT_PROPERTY } from "./run-span.ts";

/** One suite file as the run goes: finished cases, cases still running, and its serialized XML once finished. */
export interface SuiteState {
  report: SuiteReport;
  /** Cases that started and have no result yet, by vitest task id. */
  running: Map<string, CaseReport>;
  finished: boolean;
  /** The `<testsuite>` text, kept once the suite finished so later writes reuse it. */
  xml?: string;
}

export function newSuiteState(name: string, file: string, properties: Record<string, string>): SuiteState {
  const startedAt = new Date().toISOString();
  return {
    report: { name, file, timestamp: startedAt, durationMs: 0, properties: { ...properties, [STARTED_AT_PROPERTY]: startedAt }, cases: [] },
    running: new Map(),
    finished: false,
  };
}

/** The suite with its running cases marked as errors: what an interrupted run leaves. */
export function withInterruptedCases(state: SuiteState, reason: string): SuiteReport {
  if (state.running.size === 0) return state.report;
  const interrupted = [...state.running.values()].map(
    (c): CaseReport => ({ ...c, status: "error", failure: interruptedFailure(reason) }),
  );
  return { ...state.report, cases: [...state.report.cases, ...interrupted] };
}

/** An interrupted test's failure; like every failure body, the detail starts with the message. */
export function interruptedFailure(reason: string): CaseFailure {
  const message = `interrupted: ${reason}`;
  return { message, type: "interrupted", detail: `${message}\nThe run was interrupted (${reason}) while this test was running.` };
}

import type { QuarantineEntry } from "../config/schema.ts";
import { isFlaky, type SuiteReport } from "../report/report-model.ts";

export interface RunVerdict {
  /** 0 passed (flaky and quarantined tests included, unless --fail-on-flaky), 1 failed. */
  exitCode: 0 | 1;
  /** One line per reason the run failed. */
  problems: string[];
  flaky: number;
  quarantined: number;
}

/**
 * The run's pass/fail from its reports: a failed or errored test fails it unless quarantined; a flaky one (passed on a
 * retry) only with `failOnFlaky`; an expired quarantine entry always. Unhandled and file-level errors are cases
 * of the reports too, so they count.
 */
export function runVerdict(suites: readonly SuiteReport[], options: { failOnFlaky: boolean; expired: readonly QuarantineEntry[] }): RunVerdict {
  const cases = suites.flatMap((s) => s.cases);
  const failed = cases.filter((c) => (c.status === "failed" || c.status === "error") && !c.quarantine);
  const flaky = cases.filter((c) => isFlaky(c) && !c.quarantine);
  const problems: string[] = [];
  if (failed.length > 0) problems.push(`${failed.length} test(s) failed`);
  if (options.failOnFlaky && flaky.length > 0) problems.push(`${flaky.length} test(s) flaky (--fail-on-flaky): ${flaky.map((c) => c.name).join(", ")}`);
  for (const entry of options.expired) problems.push(`quarantine entry "${entry.test}" expired on ${entry.expires} (${entry.reason}): fix the test, or extend or remove the entry`);
  return { exitCode: problems.length > 0 ? 1 : 0, problems, flaky: flaky.length, quarantined: cases.filter((c) => c.quarantine).length };
}

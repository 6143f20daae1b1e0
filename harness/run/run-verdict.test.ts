import { describe, expect, test } from "vitest";
import type { CaseReport, SuiteReport } from "../report/report-model.ts";
import { runVerdict } from "./run-verdict.ts";

const failure = { message: "boom", type: "assertion", detail: "boom" };
const passed: CaseReport = { classname: "s", name: "ok", status: "passed", durationMs: 1 };
const flaky: CaseReport = { ...passed, name: "flaky", reruns: [{ status: "failed", failure, durationMs: 1 }] };
const failed: CaseReport = { ...passed, name: "bad", status: "failed", failure };
const suite = (...cases: CaseReport[]): SuiteReport[] => [{ name: "s", file: "s", durationMs: 1, properties: {}, cases }];
const quarantined = (c: CaseReport): CaseReport => ({ ...c, quarantine: { reason: "https://example.org/1", expires: "2999-01-01" } });

describe("runVerdict", () => {
  test("a failed test fails the run; a flaky one only with failOnFlaky", () => {
    expect(runVerdict(suite(passed, flaky), { failOnFlaky: false, expired: [] })).toMatchObject({ exitCode: 0, flaky: 1, problems: [] });
    expect(runVerdict(suite(passed, flaky), { failOnFlaky: true, expired: [] }).problems).toEqual([expect.stringMatching(/1 test\(s\) flaky \(--fail-on-flaky\): flaky/)]);
    expect(runVerdict(suite(passed, failed), { failOnFlaky: false, expired: [] })).toMatchObject({ exitCode: 1, problems: ["1 test(s) failed"] });
  });

  test("a quarantined failure does not fail the run; an expired entry does, naming it", () => {
    expect(runVerdict(suite(passed, quarantined(failed)), { failOnFlaky: true, expired: [] })).toMatchObject({ exitCode: 0, quarantined: 1 });
    const expired = [{ test: "s > bad", reason: "https://example.org/1", expires: "2020-01-01" }];
    expect(runVerdict(suite(passed), { failOnFlaky: false, expired }).problems).toEqual([expect.stringContaining('quarantine entry "s > bad" expired on 2020-01-01')]);
  });
});

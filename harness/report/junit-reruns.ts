import type { TestCase } from "junit-report-builder";
import type { CaseReport } from "./report-model.ts";

/** The xmlbuilder element junit-report-builder builds a testcase into (the part used here). */
interface XmlElement {
  ele(name: string, attributes?: Record<string, string>): XmlElement;
  cdata(text: string): XmlElement;
}

/**
 * Maven Surefire's rerun elements, which junit-report-builder does not know: a passed case keeps each earlier failed
 * attempt as `<flakyFailure>`/`<flakyError>`, a failed case each attempt after its `<failure>` as
 * `<rerunFailure>`/`<rerunError>`; each with message, type, `<stackTrace>` and the attempt's `<system-out>`.
 */
export function withReruns(testCase: TestCase, c: CaseReport): void {
  if (!c.reruns?.length) return;
  const prefix = c.status === "passed" ? "flaky" : "rerun";
  const build = testCase.build.bind(testCase);
  testCase.build = (parent) => {
    const element = build(parent) as unknown as XmlElement;
    for (const attempt of c.reruns ?? []) {
      const name = `${prefix}${attempt.status === "error" ? "Error" : "Failure"}`;
      const rerun = element.ele(name, { message: attempt.failure.message, type: attempt.failure.type });
      rerun.ele("stackTrace").cdata(attempt.failure.detail || attempt.failure.message);
      if (attempt.output) rerun.ele("system-out").cdata(attempt.output);
    }
    return element as unknown as ReturnType<typeof build>;
  };
}

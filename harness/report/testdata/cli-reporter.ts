import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestCase } from "vitest/node";
import { ReportsReporter } from "../reports-reporter.ts";

/**
 * The reporter as `vitest run --reporter=<this file>` loads it (a default-exported class), for tests that
 * run vitest as a child process. Writes to $NWH_SAMPLE_REPORTS_DIR and drops a pid file there so the test
 * can signal the vitest process itself, and appends each started test's name to started.txt there. With $NWH_SAMPLE_CRASH_ON_START=<test name> the vitest process crashes
 * (an uncaught exception) once that test has started.
 */
export default class CliReportsReporter extends ReportsReporter {
  constructor() {
    const reportsDir = process.env.NWH_SAMPLE_REPORTS_DIR;
    if (!reportsDir) throw new Error("cli-reporter: set NWH_SAMPLE_REPORTS_DIR to the reports directory");
    super({ reportsDir, runProperties: { backend: "docker" }, githubAnnotations: false, html: false });
    writeFileSync(path.join(reportsDir, "vitest.pid"), String(process.pid));
  }

  override onTestCaseReady(test: TestCase): void {
    super.onTestCaseReady(test);
    appendFileSync(path.join(this.junitFile, "..", "started.txt"), `${test.name}\n`);
    if (test.name === process.env.NWH_SAMPLE_CRASH_ON_START) {
      setImmediate(() => {
        throw new Error("simulated crash of the vitest main process");
      });
    }
  }
}

import { writeFileSync } from "node:fs";
import path from "node:path";
import { ReportsReporter } from "../reports-reporter.ts";

/**
 * The reporter as `vitest run --reporter=<this file>` loads it (a default-exported class), for tests that
 * run vitest as a child process. Writes to $NWH_SAMPLE_REPORTS_DIR and drops a pid file there so the test
 * can signal the vitest process itself.
 */
export default class CliReportsReporter extends ReportsReporter {
  constructor() {
    const reportsDir = process.env.NWH_SAMPLE_REPORTS_DIR;
    if (!reportsDir) throw new Error("cli-reporter: set NWH_SAMPLE_REPORTS_DIR to the reports directory");
    super({ reportsDir, runProperties: { backend: "docker" }, githubAnnotations: false, html: false });
    writeFileSync(path.join(reportsDir, "vitest.pid"), String(process.pid));
  }
}

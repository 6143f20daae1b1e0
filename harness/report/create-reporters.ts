import type { Reporter } from "vitest/node";
import type { JunitDialect } from "./junit-dialect.ts";
import { ProgressReporter } from "./progress-reporter.ts";
import { ReportsReporter } from "./reports-reporter.ts";

export interface CreateReportersOptions {
  reportsDir: string;
  /** Run-level JUnit properties: backend, host OS, WSL/kernel/WSLg/Windows versions, tarball, sha256, harness version, stand-in marker. */
  runProperties: Record<string, string>;
  /** Progress as one updating status line (a terminal) rather than one line per suite file (CI, pipes). */
  tty: boolean;
  /** Append the markdown summary to $GITHUB_STEP_SUMMARY. */
  githubSummary: boolean;
  /** Which JUnit to write (default "default"). */
  junitDialect?: JunitDialect;
}

/** The reporters `nwh run` hands to vitest: progress on stderr, and junit.xml/summary.md/report.html in reportsDir. */
export function createReporters(options: CreateReportersOptions): Reporter[] {
  return [
    new ProgressReporter({ tty: options.tty && process.env.CI !== "true" }),
    new ReportsReporter({ reportsDir: options.reportsDir, runProperties: options.runProperties, githubSummary: options.githubSummary, junitDialect: options.junitDialect }),
  ];
}

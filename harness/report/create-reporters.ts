import type { Reporter } from "vitest/node";
import type { JunitDialect } from "./junit-dialect.ts";
import { ProgressReporter } from "./progress-reporter.ts";
import type { QuarantineBook } from "./quarantine.ts";
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
  /** The config's quarantine. */
  quarantine?: QuarantineBook;
}

/**
 * The reporters `nwh run` hands to vitest: progress on stderr, and junit.xml/summary.md/report.html in reportsDir
 * (`reports`, whose cases the run's verdict is read from).
 */
export function createReporters(options: CreateReportersOptions): { reporters: Reporter[]; reports: ReportsReporter } {
  const reports = new ReportsReporter({
    reportsDir: options.reportsDir,
    runProperties: options.runProperties,
    githubSummary: options.githubSummary,
    junitDialect: options.junitDialect,
    quarantine: options.quarantine,
  });
  return { reporters: [new ProgressReporter({ tty: options.tty && process.env.CI !== "true" }), reports], reports };
}

import { appendFileSync, existsSync } from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "./atomic-write.ts";
import { renderHtmlReport } from "./html/render-html.ts";
import { markdownSummary } from "./markdown-summary.ts";
import type { SuiteReport } from "./report-model.ts";
import { benchSeries } from "./write-html-report.ts";

export interface FinishReportsOptions {
  suites: readonly SuiteReport[];
  reportsDir: string;
  /** Append the summary to the file named by $GITHUB_STEP_SUMMARY when it is set. */
  githubSummary: boolean;
  wallMs?: number;
  /** bench.json files to draw; default: <reportsDir>/bench.json when it exists. */
  benchFiles?: readonly string[];
  /** Run-level lines for the summary (expired or unmatched quarantine entries). */
  notes?: readonly string[];
}

/** The end-of-run outputs beside junit.xml: summary.md, report.html and the GitHub step summary. */
export async function finishReports(options: FinishReportsOptions): Promise<void> {
  const summary = markdownSummary(options.suites, undefined, options.notes);
  writeFileAtomicSync(path.join(options.reportsDir, "summary.md"), summary);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (options.githubSummary && stepSummary) appendFileSync(stepSummary, summary);
  const defaultBench = path.join(options.reportsDir, "bench.json");
  const benchFiles = options.benchFiles ?? (existsSync(defaultBench) ? [defaultBench] : []);
  writeFileAtomicSync(path.join(options.reportsDir, "report.html"), renderHtmlReport({ suites: options.suites, bench: benchSeries(benchFiles) }));
}

import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "./atomic-write.ts";
import { finishReports } from "./finish-reports.ts";
import type { JunitDialect } from "./junit-dialect.ts";
import { parseJunit } from "./junit-parse.ts";
import { serializeReport } from "./junit-xml.ts";
import { mergeBenchResults } from "./merge-bench.ts";
import { type Counts, countSuites, type SuiteReport } from "./report-model.ts";
import { readBenchFile } from "./write-html-report.ts";

export interface MergeReportsOptions {
  /** Reports directories of the shards (each with junit.xml and/or bench.json, and attachments/). */
  dirs: readonly string[];
  out: string;
  githubSummary?: boolean;
  /** The merged junit.xml's dialect (default "default"). */
  junitDialect?: JunitDialect;
}

export interface MergeReportsResult {
  counts: Counts;
  suites: number;
  /** Files written in `out`. */
  written: string[];
}

/** Why `dir` is not a shard's reports directory, or undefined when it is one. */
export function reportsDirProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return `report merge: ${dir} does not exist; name the shard reports directories (nwh run --reports-dir DIR)`;
  if (!existsSync(path.join(dir, "junit.xml")) && !existsSync(path.join(dir, "bench.json"))) {
    return `report merge: ${dir} has neither junit.xml nor bench.json; is it a reports directory (nwh run --reports-dir)?`;
  }
  return undefined;
}

/**
 * Merges shard outputs into one report set in `out`: junit.xml (suites concatenated in the order of the
 * directories), bench.json (samples concatenated per probe, statistics recomputed), summary.md,
 * report.html, and the attachments.
 */
export async function mergeReports(options: MergeReportsOptions): Promise<MergeReportsResult> {
  if (options.dirs.length === 0) throw new Error("report merge: name at least one shard reports directory");
  const suites: SuiteReport[] = [];
  const benchFiles: string[] = [];
  for (const dir of options.dirs) {
    const junit = path.join(dir, "junit.xml");
    const bench = path.join(dir, "bench.json");
    const problem = reportsDirProblem(dir);
    if (problem) throw new Error(problem);
    if (existsSync(junit)) suites.push(...parseJunit(readFileSync(junit, "utf8"), junit));
    if (existsSync(bench)) benchFiles.push(bench);
  }
  const written: string[] = [];
  const out = path.resolve(options.out);
  for (const dir of options.dirs) {
    const attachments = path.join(dir, "attachments");
    if (existsSync(attachments) && path.resolve(dir) !== out) cpSync(attachments, path.join(out, "attachments"), { recursive: true });
  }
  const junitOut = path.join(out, "junit.xml");
  writeFileAtomicSync(junitOut, serializeReport(suites, options.junitDialect));
  written.push(junitOut);
  const mergedBench: string[] = [];
  if (benchFiles.length > 0) {
    const benchOut = path.join(out, "bench.json");
    writeFileAtomicSync(benchOut, `${JSON.stringify(mergeBenchResults(benchFiles.map(readBenchFile)), null, 2)}\n`);
    written.push(benchOut);
    mergedBench.push(benchOut);
  }
  await finishReports({ suites, reportsDir: out, githubSummary: options.githubSummary ?? false, benchFiles: mergedBench });
  written.push(path.join(out, "summary.md"), path.join(out, "report.html"));
  return { counts: countSuites(suites), suites: suites.length, written };
}

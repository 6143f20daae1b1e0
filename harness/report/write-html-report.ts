import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type BenchResult, validateBenchResult } from "../model/bench-schema.ts";
import { writeFileAtomicSync } from "./atomic-write.ts";
import type { BenchSeries } from "./html/bench-chart.ts";
import { renderHtmlReport } from "./html/render-html.ts";
import { parseJunit } from "./junit-parse.ts";
import type { SuiteReport } from "./report-model.ts";

export interface WriteHtmlReportOptions {
  junitFile?: string;
  /** One or more bench.json files; several are drawn side by side per probe (across runs). */
  benchFiles?: readonly string[];
  /** The HTML file to write, or a directory (then `<out>/report.html`). */
  out: string;
  title?: string;
}

/** Writes report.html from a junit.xml and/or bench.json files; returns the path written. */
export function writeHtmlReport(options: WriteHtmlReportOptions): string {
  const suites: SuiteReport[] = options.junitFile ? parseJunit(readText(options.junitFile, "JUnit file"), options.junitFile) : [];
  const bench = benchSeries(options.benchFiles ?? []);
  const file = options.out.endsWith(".html") ? options.out : path.join(options.out, "report.html");
  writeFileAtomicSync(file, renderHtmlReport({ suites, bench, title: options.title }));
  return file;
}

export function readBenchFile(file: string): BenchResult {
  let json: unknown;
  try {
    json = JSON.parse(readText(file, "bench file"));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  try {
    return validateBenchResult(json);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** Labels each bench file by where it ran (backend, WSL version), adding the path when two would read the same. */
export function benchSeries(files: readonly string[]): BenchSeries[] {
  const results = files.map((file) => ({ file, result: readBenchFile(file) }));
  const labels = results.map(({ result }) => environmentLabel(result));
  return results.map(({ file, result }, i) => ({
    label: labels.filter((l) => l === labels[i]).length > 1 ? `${labels[i]} (${path.relative(process.cwd(), file) || file})` : labels[i]!,
    probes: result.probes,
  }));
}

function environmentLabel(result: BenchResult): string {
  const env = result.environment;
  const version = env.wslVersion ? `WSL ${env.wslVersion}` : env.kernelVersion;
  return [env.backend, version, result.createdAt.slice(0, 16).replace("T", " ")].filter(Boolean).join(" · ");
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new Error(`${what} not found: ${file}`);
  return readFileSync(file, "utf8");
}

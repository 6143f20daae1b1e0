import { countSuites, formatCounts, type SuiteReport } from "./report-model.ts";
import { readTestTimings, TEST_TIMINGS_PROPERTY } from "./test-timings.ts";

const MAX_LISTED = 50;

/** The run as markdown: counts, failed tests with their first error line, skipped with reasons, timings. */
export function markdownSummary(suites: readonly SuiteReport[], title = "nixos-wsl-harness"): string {
  const counts = countSuites(suites);
  const cases = suites.flatMap((s) => s.cases);
  const icon = counts.failed + counts.errors > 0 ? "❌" : "✅";
  const lines = [`## ${icon} ${title}: ${formatCounts(counts)}`, ""];
  const marker = suites.find((s) => s.properties["standin"])?.properties["standin"];
  if (marker) lines.push(`> Stand-in distro: ${marker}`, "");

  const failed = cases.filter((c) => c.status === "failed" || c.status === "error");
  if (failed.length > 0) {
    lines.push(`### Failed (${failed.length})`, "", "| test | type | first error line |", "| --- | --- | --- |");
    for (const c of failed.slice(0, MAX_LISTED)) lines.push(`| ${cell(`${c.classname} › ${c.name}`)} | ${cell(c.failure?.type ?? c.status)} | ${cell(c.failure?.message ?? "")} |`);
    if (failed.length > MAX_LISTED) lines.push("", `… and ${failed.length - MAX_LISTED} more (see junit.xml).`);
    lines.push("");
  }
  const skipped = cases.filter((c) => c.status === "skipped");
  if (skipped.length > 0) {
    lines.push(`### Skipped (${skipped.length})`, "", "| test | reason |", "| --- | --- |");
    for (const c of skipped.slice(0, MAX_LISTED)) lines.push(`| ${cell(`${c.classname} › ${c.name}`)} | ${cell(c.skipReason ?? "")} |`);
    if (skipped.length > MAX_LISTED) lines.push("", `… and ${skipped.length - MAX_LISTED} more.`);
    lines.push("");
  }
  const timings = timingRows(suites);
  if (timings.length > 0) {
    lines.push("### Timings", "", "| suite | timing | ms |", "| --- | --- | ---: |");
    for (const row of timings) lines.push(`| ${cell(row.suite)} | ${cell(row.name)} | ${row.ms} |`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

export interface TimingRow {
  suite: string;
  name: string;
  ms: number;
}

/** The `timing.<name>.ms` properties of every suite, then its per-test timings (`timing.tests`), named with their test. */
export function timingRows(suites: readonly SuiteReport[]): TimingRow[] {
  const rows: TimingRow[] = [];
  for (const suite of suites) {
    for (const [key, value] of Object.entries(suite.properties)) {
      const match = /^timing\.(.+)\.ms$/.exec(key);
      if (match?.[1]) rows.push({ suite: suite.name, name: match[1], ms: Number(value) });
    }
    for (const test of Object.values(readTestTimings(suite.properties[TEST_TIMINGS_PROPERTY]))) {
      for (const [name, ms] of Object.entries(test.ms)) rows.push({ suite: suite.name, name: `${name} (${test.name})`, ms });
    }
  }
  return rows;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ").slice(0, 300);
}

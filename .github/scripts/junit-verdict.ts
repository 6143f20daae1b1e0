/**
 * The gate's verdict from the merged JUnit report: counts as step outputs (flaky ones too), a summary line, and exit 1
 * when a test failed or errored (unless quarantined), when nothing passed, or when a shard job failed without a
 * failing test (the runner or WSL broke: its tests never reported).
 *
 *   node .github/scripts/junit-verdict.ts <junit.xml> [<result of the shard jobs: success|failure|cancelled|skipped>]
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseJunit } from "../../harness/report/junit-parse.ts";
import { type Counts, countSuites, formatCounts } from "../../harness/report/report-model.ts";
import { annotateError, appendSummary, setOutput } from "./github-output.ts";

export interface Verdict {
  counts: Counts;
  /** Why the gate fails; empty when it passes. */
  problems: string[];
}

export function judge(counts: Counts, shardsResult = "success", quarantinedFailures = 0): Verdict {
  const problems: string[] = [];
  const failing = counts.failed + counts.errors - quarantinedFailures;
  if (failing > 0) problems.push(`${counts.failed} test(s) failed and ${counts.errors} errored${quarantinedFailures > 0 ? ` (${quarantinedFailures} of them quarantined)` : ""}`);
  if (counts.tests === 0) problems.push("no test ran (check the suite filter and the shard jobs' logs)");
  else if (counts.passed === 0) problems.push("no test passed: every test was skipped (see the skip reasons)");
  if (shardsResult !== "success" && problems.length === 0) problems.push(`a shard job ended with "${shardsResult}" although no reported test failed: see that job's log`);
  return { counts, problems };
}

export function readCounts(file: string): Counts & { quarantinedFailures: number } {
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`no merged JUnit report at ${file} (${(error as Error).message}); did "nwh report merge" run?`);
  }
  const suites = parseJunit(xml, file);
  const quarantinedFailures = suites.flatMap((s) => s.cases).filter((c) => c.quarantine && (c.status === "failed" || c.status === "error")).length;
  return { ...countSuites(suites), quarantinedFailures };
}

function main(argv: string[]): number {
  const [file, shardsResult] = argv;
  if (!file || argv.length > 2) {
    process.stderr.write("Usage: node .github/scripts/junit-verdict.ts <junit.xml> [shards-result]\n");
    return 2;
  }
  const read = readCounts(file);
  const verdict = judge(read, shardsResult || "success", read.quarantinedFailures);
  const { counts } = verdict;
  setOutput("total", String(counts.tests));
  setOutput("passed", String(counts.passed));
  setOutput("failed", String(counts.failed + counts.errors));
  setOutput("skipped", String(counts.skipped));
  setOutput("flaky", String(counts.flaky));
  const line = `${formatCounts(counts)} (${counts.tests} tests)`;
  appendSummary(verdict.problems.length === 0 ? `**Gate passed:** ${line}` : `**Gate failed:** ${verdict.problems.join("; ")}. ${line}`);
  for (const problem of verdict.problems) annotateError("gate", problem);
  process.stderr.write(`${line}\n`);
  return verdict.problems.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    annotateError("gate", error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

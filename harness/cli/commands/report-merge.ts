import path from "node:path";
import { mergeReports, reportsDirProblem } from "../../report/merge-reports.ts";
import { formatCounts } from "../../report/report-model.ts";
import { parseJunitDialect } from "../junit-dialect-flag.ts";
import { parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "report merge",
  usage: `Usage: nwh report merge DIR... [--out DIR]

Merges the reports directories of shards (nwh run --shard i/n --reports-dir DIR) into one set:
junit.xml (all suites), bench.json (samples concatenated per probe, statistics recomputed),
summary.md, report.html and attachments/.

Flags:
  --out DIR   where the merged set goes (default ./reports)
  --junit-dialect default|jenkins
              the merged junit.xml's dialect (jenkins: without testcase file and line, valid
              against Jenkins xunit's junit-10.xsd); default: default

With GITHUB_STEP_SUMMARY set, the summary is appended to it.`,
  options: { out: { type: "string" }, "junit-dialect": { type: "string" } },
  allowPositionals: true,
} as const;

export async function reportMergeCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const junitDialect = parseJunitDialect(parsed.values["junit-dialect"]);
  if (parsed.positionals.length === 0) throw new UsageError("nwh report merge needs at least one shard reports directory (nwh report merge DIR... [--out DIR])");
  const problem = parsed.positionals.map(reportsDirProblem).find(Boolean);
  if (problem) throw new UsageError(problem);
  const out = path.resolve(parsed.values.out ?? "reports");
  const result = await mergeReports({ dirs: parsed.positionals, out, junitDialect, githubSummary: Boolean(process.env.GITHUB_STEP_SUMMARY) });
  process.stderr.write(`Merged ${parsed.positionals.length} director${parsed.positionals.length === 1 ? "y" : "ies"}: ${result.suites} suite(s), ${formatCounts(result.counts)}\n`);
  for (const file of result.written) process.stderr.write(`  ${file}\n`);
  return 0;
}

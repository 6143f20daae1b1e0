import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomicSync } from "../../report/atomic-write.ts";
import { type BenchResult, validateBenchResult } from "../../model/bench-schema.ts";
import { compareMarkdown } from "../../timing/compare-markdown.ts";
import { compareBenchResults, parseThreshold } from "../../timing/compare-results.ts";
import { parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "compare",
  usage: `Usage: nwh compare A.json B.json [C.json ...] [flags]

Compares bench.json files probe by probe, each against the first (the baseline): medians, the ratio to the
baseline, and whether the difference is significant (Mann-Whitney U at alpha 0.05 and the 95% bootstrap
interval of the median ratio excluding 1). Prints a markdown table on stdout.

Flags:
  --fail-if-slower P   exit 1 when any probe's median is significantly slower than the baseline by more
                       than P (e.g. 15%; a bare number >= 1 is a percentage, below 1 a fraction): the release gate
  --json               print the comparison as JSON instead of markdown
  --out FILE           write the output to FILE instead of stdout

Exit: 0 no regression, 1 a regression beyond --fail-if-slower (named on stderr), 2 bad input.`,
  options: {
    "fail-if-slower": { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" },
  },
  allowPositionals: true,
} as const;

export async function compareCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length < 2) throw new UsageError(`compare needs at least two bench.json files, got ${positionals.length}; see: nwh compare --help`);
  let failIfSlower: number | undefined;
  if (values["fail-if-slower"] !== undefined) {
    try {
      failIfSlower = parseThreshold(values["fail-if-slower"]);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const runs = positionals.map((file) => ({ label: file, result: readBench(file) }));
  const comparison = compareBenchResults(runs, { failIfSlower });
  const output = values.json ? `${JSON.stringify(comparison, null, 2)}\n` : compareMarkdown(comparison);
  if (values.out) {
    writeFileAtomicSync(values.out, output);
    process.stderr.write(`Comparison written to ${values.out}\n`);
  } else process.stdout.write(output);
  for (const r of comparison.regressions) {
    process.stderr.write(`nwh compare: ${r.probe} is ${((r.ratio - 1) * 100).toFixed(1)}% slower in ${r.run} than in ${runs[0]!.label} (p=${r.p.toPrecision(2)}), beyond ${values["fail-if-slower"]}\n`);
  }
  return comparison.regressions.length > 0 ? 1 : 0;
}

/** Reads and validates one bench.json; any problem is a UsageError naming the file (exit 2). */
function readBench(file: string): BenchResult {
  if (!existsSync(file)) throw new UsageError(`bench file not found: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file} is not a bench.json (not JSON: ${(error as Error).message.split("\n")[0]})`);
  }
  try {
    return validateBenchResult(json);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

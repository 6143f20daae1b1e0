import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startVitest } from "vitest/node";
import { ReportsReporter } from "../reports-reporter.ts";

export const TESTDATA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLES_CONFIG = path.join(TESTDATA_DIR, "vitest.samples.config.ts");

/** vitest's own view of a run, to compare the reports with. */
export interface VitestCounts {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Runs one sample directory with vitest programmatically and our reporter writing to reportsDir;
 * returns vitest's own counts. Tests that fail in a sample are expected: the run itself must not throw.
 */
export async function runSamples(sampleDir: string, reportsDir: string, options: { shard?: string; runProperties?: Record<string, string>; githubSummary?: boolean } = {}): Promise<VitestCounts> {
  const reporter = new ReportsReporter({ reportsDir, runProperties: options.runProperties ?? { backend: "docker" }, githubSummary: options.githubSummary, githubAnnotations: false });
  const vitest = await startVitest(
    "test",
    [],
    { root: path.join(TESTDATA_DIR, sampleDir), config: SAMPLES_CONFIG, watch: false, shard: options.shard, reporters: [reporter] },
    {},
    { stdout: devNull(), stderr: devNull() },
  );
  try {
    const counts: VitestCounts = { tests: 0, passed: 0, failed: 0, skipped: 0 };
    for (const module of vitest.state.getTestModules()) {
      for (const test of module.children.allTests()) {
        counts.tests++;
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    return counts;
  } finally {
    await vitest.close();
  }
}

function devNull(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

/**
 * `npm run bench:report-writers`: how long the reports take for a synthetic 10,000-case run (100 suite files x 100 tests,
 * 5% failed with a stack and transcript, 5% skipped, every test with a short transcript).
 * Prints one line per figure; the target is junit.xml + report.html under 2 s.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomicSync } from "./atomic-write.ts";
import { renderHtmlReport } from "./html/render-html.ts";
import { JunitFileWriter } from "./junit-file-writer.ts";
import { serializeReport } from "./junit-xml.ts";
import type { CaseReport, SuiteReport } from "./report-model.ts";
import { newSuiteState, type SuiteState } from "./suite-state.ts";

const SUITES = 100;
const CASES_PER_SUITE = 100;

function syntheticCase(suite: number, i: number): CaseReport {
  const classname = `suites/s${suite}.suite.ts`;
  const output = `$ systemctl is-active unit-${i}.service  (exit 0, 12 ms)\n  stdout:\n    active`;
  const base = { classname, name: `scenario ${suite} > case ${i}`, durationMs: 10 + ((i * 7) % 90), output };
  if (i % 20 === 3) return { ...base, status: "failed", failure: { message: `expected 'inactive' to be 'active'`, type: "AssertionError", detail: `expected 'inactive' to be 'active'\n${"    at frame (file.ts:1:1)\n".repeat(10)}--- transcript ---\n${output}` } };
  if (i % 20 === 7) return { ...base, status: "skipped", skipReason: "needs capability windows-host" };
  return { ...base, status: "passed" };
}

function syntheticSuites(): SuiteReport[] {
  return Array.from({ length: SUITES }, (_, s) => ({
    name: `suites/s${s}.suite.ts`,
    file: `suites/s${s}.suite.ts`,
    timestamp: new Date().toISOString(),
    durationMs: 1000,
    properties: { backend: "docker", "harness.version": "0.1.0", distro: `nwh-run-s${s}`, "timing.import.ms": "8000" },
    cases: Array.from({ length: CASES_PER_SUITE }, (_, i) => syntheticCase(s, i)),
  }));
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-report-writers-speed-"));
try {
  const suites = syntheticSuites();
  time(() => serializeReport(suites.slice(0, 2))); // warm-up (JIT, module init)

  const junit = time(() => writeFileAtomicSync(path.join(dir, "junit.xml"), serializeReport(suites)));
  const html = time(() => writeFileAtomicSync(path.join(dir, "report.html"), renderHtmlReport({ suites })));

  // The run as the reporter sees it: a write attempt after every test (coalesced to one per 200 ms) and one per suite end.
  const states: SuiteState[] = [];
  const writer = new JunitFileWriter(path.join(dir, "live", "junit.xml"), () => states);
  const live = time(() => {
    for (const suite of suites) {
      const state = newSuiteState(suite.name, suite.file, suite.properties);
      states.push(state);
      for (const c of suite.cases) {
        state.report.cases.push(c);
        writer.changed();
      }
      state.finished = true;
      writer.writeNow();
    }
  });
  writer.dispose();
  // Re-serializing everything after each test instead: one full serialization, times the number of tests.
  const naivePerTest = junit.ms * SUITES * CASES_PER_SUITE;

  // One suite file of 10,000 tests: the running suite is re-serialized on each (coalesced) write.
  const big: SuiteReport = { ...suites[0]!, cases: suites.flatMap((suite) => suite.cases) };
  const bigState = newSuiteState(big.name, big.file, big.properties);
  const bigWriter = new JunitFileWriter(path.join(dir, "big", "junit.xml"), () => [bigState]);
  const bigLive = await timeAsync(async () => {
    for (const [i, c] of big.cases.entries()) {
      bigState.report.cases.push(c);
      bigWriter.changed();
      // Tests take time: yield every 10 cases so coalesced writes can fire (10,000 tests in ~2.5 s of run time).
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    bigState.finished = true;
    bigWriter.writeNow();
  });
  bigWriter.dispose();

  const mb = (file: string) => (statSync(path.join(dir, file)).size / 1e6).toFixed(1);
  console.log(`Synthetic run: ${SUITES} suites x ${CASES_PER_SUITE} cases = ${SUITES * CASES_PER_SUITE} cases`);
  console.log(`junit.xml (serialize + atomic write): ${junit.ms.toFixed(0)} ms, ${mb("junit.xml")} MB`);
  console.log(`report.html (render + atomic write):  ${html.ms.toFixed(0)} ms, ${mb("report.html")} MB`);
  console.log(`junit.xml + report.html:              ${(junit.ms + html.ms).toFixed(0)} ms (target < 2000 ms)`);
  console.log(`live writes over the whole run:       ${live.ms.toFixed(0)} ms for ${writer.writes} writes (each finished suite serialized once)`);
  console.log(`one 10,000-case suite, live:          ${bigLive.ms.toFixed(0)} ms wall for the simulated run, ${bigWriter.writes} writes`);
  console.log(`naive rewrite after every test would: ~${(naivePerTest / 1000).toFixed(0)} s`);
  if (junit.ms + html.ms >= 2000) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import type { CaseStatus, SuiteReport } from "../report-model.ts";
import { suiteStartMs } from "../run-span.ts";

/** Where one suite file's time went, from its JUnit: import, first boot, tests by status, and the rest. */
export interface SuitePhases {
  suite: string;
  /** Epoch ms; undefined when the report has no start time. */
  startMs: number | undefined;
  durationMs: number;
  importMs: number;
  firstBootMs: number;
  /** The tests' share after the import and first boot (the distro fixture runs inside the first test). */
  testsMs: number;
  /** Of testsMs, by status (the cases' own times, the import and first boot taken off). */
  byStatusMs: Record<CaseStatus, number>;
  /** Collection, setup and teardown: what is left of the suite's time. */
  otherMs: number;
  /** Failed and errored cases with where each ended, as a fraction of the tests phase (0..1). */
  failures: { name: string; at: number }[];
}

/** The properties the suite fixture records (harness/distro/machine.ts). */
const IMPORT_PROPERTY = "timing.import.ms";
const FIRST_BOOT_PROPERTY = "timing.firstBoot.ms";

export function suitePhases(suite: SuiteReport): SuitePhases {
  const importMs = msProperty(suite, IMPORT_PROPERTY);
  const firstBootMs = msProperty(suite, FIRST_BOOT_PROPERTY);
  const caseMs = suite.cases.reduce((sum, c) => sum + c.durationMs, 0);
  const setupMs = importMs + firstBootMs;
  // The distro is imported and booted by a fixture of the first test, so that time is inside the first
  // cases' times: it is taken off them (when they hold it) before the tests' share is split by status.
  let setupLeft = caseMs >= setupMs ? setupMs : 0;
  const ownMs = suite.cases.map((c) => {
    const taken = Math.min(c.durationMs, setupLeft);
    setupLeft -= taken;
    return c.durationMs - taken;
  });
  const testsMs = ownMs.reduce((sum, ms) => sum + ms, 0);
  const durationMs = Math.max(suite.durationMs, setupMs + testsMs);
  const byStatusMs: Record<CaseStatus, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  const failures: { name: string; at: number }[] = [];
  let elapsed = 0;
  suite.cases.forEach((c, i) => {
    byStatusMs[c.status] += ownMs[i]!;
    elapsed += ownMs[i]!;
    if (c.status === "failed" || c.status === "error") failures.push({ name: c.name, at: testsMs > 0 ? elapsed / testsMs : 1 });
  });
  return { suite: suite.name, startMs: suiteStartMs(suite), durationMs, importMs, firstBootMs, testsMs, byStatusMs, otherMs: Math.max(0, durationMs - setupMs - testsMs), failures };
}

/**
 * One lane per worker: each suite goes to the first lane free at its start (a pool of N workers never has
 * more than N suites running at once, so this needs as many lanes as there were workers busy).
 */
export function assignLanes(phases: readonly SuitePhases[]): number[] {
  const laneEnds: number[] = [];
  const lanes: number[] = new Array(phases.length).fill(0);
  const order = phases.map((p, i) => ({ p, i })).sort((a, b) => (a.p.startMs ?? 0) - (b.p.startMs ?? 0));
  for (const { p, i } of order) {
    const start = p.startMs ?? 0;
    // 50 ms of slack: a worker's next file starts within moments of the last one's reported end.
    let lane = laneEnds.findIndex((end) => end <= start + 50);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = start + p.durationMs;
    lanes[i] = lane;
  }
  return lanes;
}

function msProperty(suite: SuiteReport, key: string): number {
  const value = Number(suite.properties[key]);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

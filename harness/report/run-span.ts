import type { SuiteReport } from "./report-model.ts";

/**
 * The wall-clock span of a run: from the first suite's start to the last one's end. Suites run concurrently,
 * so this is less than the sum of their times; a suite without a start time counts as starting where the
 * one before it ended.
 */
export function runSpanMs(suites: readonly SuiteReport[]): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let cursor: number | undefined;
  for (const suite of suites) {
    const start = suiteStartMs(suite) ?? cursor;
    if (start === undefined) continue;
    first = Math.min(first, start);
    last = Math.max(last, start + suite.durationMs);
    cursor = start + suite.durationMs;
  }
  if (!Number.isFinite(first)) return suites.reduce((sum, s) => sum + s.durationMs, 0);
  return Math.max(0, last - first);
}

/** The property holding a suite's start with milliseconds (the `timestamp` attribute has whole seconds). */
export const STARTED_AT_PROPERTY = "started.at";

/** When a suite started (epoch ms): its `started.at` property, else its timestamp, else undefined. */
export function suiteStartMs(suite: SuiteReport): number | undefined {
  for (const text of [suite.properties[STARTED_AT_PROPERTY], suite.timestamp]) {
    if (!text) continue;
    const ms = Date.parse(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

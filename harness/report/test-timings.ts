import type { CaseReport } from "./report-model.ts";

/**
 * Per-test timings live in one suite property, `timing.tests`, whose value is JSON keyed by test id:
 * `{"<id>": {"name": "describe > test", "ms": {"rebuildSwitch": 1234}}}`. The keys stay stable whatever the
 * tests are called; suite-wide timings stay `timing.<name>.ms` properties.
 */
export const TEST_TIMINGS_PROPERTY = "timing.tests";

export interface TestTimings {
  name: string;
  ms: Record<string, number>;
}

/** The property value for a suite's cases, or undefined when none recorded a timing. */
export function testTimingsProperty(cases: readonly CaseReport[]): string | undefined {
  const byId: Record<string, TestTimings> = {};
  cases.forEach((c, index) => {
    if (!c.timingsMs || Object.keys(c.timingsMs).length === 0) return;
    const ms: Record<string, number> = {};
    for (const [key, value] of Object.entries(c.timingsMs)) ms[key] = Math.round(value);
    byId[c.id ?? `${c.classname}#${index + 1}`] = { name: c.name, ms };
  });
  return Object.keys(byId).length > 0 ? JSON.stringify(byId) : undefined;
}

/** Reads the property back; a value that is not ours reads as no timings. */
export function readTestTimings(value: string | undefined): Record<string, TestTimings> {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const result: Record<string, TestTimings> = {};
    for (const [id, entry] of Object.entries(parsed as Record<string, unknown>)) {
      const e = entry as Partial<TestTimings> | null;
      if (e && typeof e.name === "string" && e.ms && typeof e.ms === "object") result[id] = { name: e.name, ms: e.ms as Record<string, number> };
    }
    return result;
  } catch {
    return {};
  }
}

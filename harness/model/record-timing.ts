import type { NwhFileMeta, NwhTestMeta } from "./test-meta.ts";

/** The timings `run` observes anyway; reporters write them as JUnit properties `timing.<name>.ms`. */
export type ObservedTiming = "import" | "firstBoot" | "rebuildSwitch" | "rebuildBoot" | "rebuildTest" | "rollback" | "restart";

/** A vitest task's meta (test or file), or anything holding `nwh` meta. */
export interface MetaHolder {
  nwh?: NwhTestMeta | NwhFileMeta;
}

/** Puts one duration (ms, rounded to 0.1) into `meta.nwh.timingsMs`; a later value of the same name wins. */
export function recordTiming(meta: MetaHolder, name: ObservedTiming, ms: number): void {
  meta.nwh ??= {};
  meta.nwh.timingsMs ??= {};
  meta.nwh.timingsMs[name] = roundTimingMs(ms);
}

/** Durations as the reports keep them: ms rounded to 0.1. */
export function roundTimingMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Runs `fn`, records how long it took (also when it throws), returns its value. */
export async function timeInto<T>(meta: MetaHolder, name: ObservedTiming, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    recordTiming(meta, name, performance.now() - start);
  }
}

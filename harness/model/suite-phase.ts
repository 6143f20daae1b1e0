import path from "node:path";

/**
 * The two phases of a run. A suite file `<suite>.suite.ts` runs in the parallel phase (up to --concurrency files at
 * once, each on its own distro); `<suite>.exclusive.suite.ts` runs after it, in the exclusive phase: one file at a
 * time with no other distro of the run running, for tests that stop every distro of the machine (`wsl --shutdown`).
 * Both files belong to the suite `<suite>`.
 */
export const EXCLUSIVE_SUITE_SUFFIX = ".exclusive.suite.ts";

/** The vitest projects of the two phases (vitest.config.ts), in the order they run. */
export const PARALLEL_PROJECT = "suites";
export const EXCLUSIVE_PROJECT = "suites-exclusive";

export function isExclusiveSuiteFile(file: string): boolean {
  return file.endsWith(EXCLUSIVE_SUITE_SUFFIX);
}

/** The suite a file belongs to: its name without `.suite.ts` (or `.exclusive.suite.ts`). */
export function suiteNameOf(file: string): string {
  const base = path.basename(file);
  if (isExclusiveSuiteFile(base)) return base.slice(0, -EXCLUSIVE_SUITE_SUFFIX.length);
  return base.replace(/\.suite\.ts$/, "");
}

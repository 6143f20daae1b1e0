/**
 * How the run-wide `--timeout` stops a run. The cancel reason travels to the suite workers with vitest's cancel, so
 * that a test the watchdog stops mid-way still collects its failure bundle (Ctrl-C does not wait for that).
 */
export const WATCHDOG_CANCEL_REASON = "nwh-watchdog";

/** The stopped tests' grace: their failure bundles and their files' clean-up; then the workers are killed. */
export const WATCHDOG_GRACE_MS = 60_000;

/** The failure bundle of a stopped test, within the grace (the rest is for removing the file's distro). */
export const WATCHDOG_BUNDLE_MS = 30_000;

/** True when this abort reason (a test context's `signal.reason`) is the watchdog's stop. */
export function isWatchdogStop(abortReason: unknown): boolean {
  return (abortReason as { reason?: unknown } | undefined)?.reason === WATCHDOG_CANCEL_REASON;
}

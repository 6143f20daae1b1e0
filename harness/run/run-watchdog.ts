/**
 * The run-wide `--timeout`: calls `expire` once when `timeoutMs` has passed, unless stopped first. The timer does not
 * keep the process alive.
 */
export function startWatchdog(timeoutMs: number | undefined, expire: () => void): { stop(): void; readonly fired: boolean } {
  let fired = false;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    fired = true;
    expire();
  }, timeoutMs);
  timer?.unref();
  return {
    stop: () => clearTimeout(timer),
    get fired() {
      return fired;
    },
  };
}

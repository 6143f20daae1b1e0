/**
 * Cleanup that must run however the process ends: normal exit, process.exit() after an uncaught error
 * (the 'exit' event; only synchronous work can run there), and SIGINT/SIGTERM (async work, then the
 * process ends with the signal's usual exit code).
 */
export interface ExitCleanup {
  /** What the cleanup does, for messages. */
  label: string;
  /** Preferred: runs on SIGINT/SIGTERM before the process ends. */
  async: () => Promise<void>;
  /** Runs on 'exit' when the cleanup has not run yet (blocking calls only). */
  sync: () => void;
}

const pending = new Set<ExitCleanup>();
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
const SIGNAL_CLEANUP_MS = 120_000;

/**
 * Registers a cleanup; the returned function unregisters it (call it once the cleanup ran normally).
 * The process hooks exist only while something is registered, so an idle process keeps Node's own signal handling.
 */
export function registerExitCleanup(cleanup: ExitCleanup): () => void {
  pending.add(cleanup);
  updateHooks();
  return () => {
    pending.delete(cleanup);
    updateHooks();
  };
}

/** Runs every pending cleanup's synchronous form (what the 'exit' event does). Exported for tests. */
export function runPendingCleanupsSync(): void {
  for (const cleanup of [...pending]) {
    pending.delete(cleanup);
    try {
      cleanup.sync();
    } catch (error) {
      process.stderr.write(`nwh: cleanup "${cleanup.label}" failed at exit: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  updateHooks();
}

async function runPendingCleanupsAsync(): Promise<void> {
  const all = [...pending];
  pending.clear();
  await Promise.all(
    all.map((cleanup) =>
      cleanup.async().catch((error: unknown) => {
        process.stderr.write(`nwh: cleanup "${cleanup.label}" failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }),
    ),
  );
}

let hooked = false;

function onSignal(signal: keyof typeof SIGNAL_EXIT_CODES): void {
  process.stderr.write(`nwh: ${signal}: removing what this run created (${[...pending].map((c) => c.label).join(", ")})\n`);
  const deadline = setTimeout(() => process.exit(SIGNAL_EXIT_CODES[signal]), SIGNAL_CLEANUP_MS);
  void runPendingCleanupsAsync().finally(() => {
    clearTimeout(deadline);
    process.exit(SIGNAL_EXIT_CODES[signal]);
  });
}
const onSigint = () => onSignal("SIGINT");
const onSigterm = () => onSignal("SIGTERM");

function updateHooks(): void {
  if (pending.size > 0 && !hooked) {
    hooked = true;
    process.on("exit", runPendingCleanupsSync);
    process.once("SIGINT", onSigint);
    process.once("SIGTERM", onSigterm);
  } else if (pending.size === 0 && hooked) {
    hooked = false;
    process.off("exit", runPendingCleanupsSync);
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
  }
}

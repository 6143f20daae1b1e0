import { onProcessEnd } from "../../exec/process-end.ts";

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

const pending = new Map<ExitCleanup, () => void>();

/**
 * Registers a cleanup with the process-end coordinator (harness/exec/process-end.ts: on SIGINT/SIGTERM the async
 * form, then exit 130/143; at 'exit' the sync form); the returned function unregisters it (call it once the cleanup
 * ran normally).
 */
export function registerExitCleanup(cleanup: ExitCleanup): () => void {
  const remove = onProcessEnd({
    label: cleanup.label,
    onSignal: async (signal) => {
      pending.delete(cleanup);
      process.stderr.write(`nwh: ${signal}: removing what this run created (${cleanup.label})\n`);
      await cleanup.async();
    },
    onExit: () => {
      pending.delete(cleanup);
      runSync(cleanup);
    },
  });
  pending.set(cleanup, remove);
  return () => {
    pending.delete(cleanup);
    remove();
  };
}

/** Runs every pending cleanup's synchronous form (what the 'exit' event does). Exported for tests. */
export function runPendingCleanupsSync(): void {
  for (const [cleanup, remove] of [...pending]) {
    pending.delete(cleanup);
    remove();
    runSync(cleanup);
  }
}

function runSync(cleanup: ExitCleanup): void {
  try {
    cleanup.sync();
  } catch (error) {
    process.stderr.write(`nwh: cleanup "${cleanup.label}" failed at exit: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

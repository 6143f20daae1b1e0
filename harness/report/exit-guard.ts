import { onProcessEnd } from "../exec/process-end.ts";

/**
 * Calls `writeFinal(reason)` synchronously when the process is about to die before the run ended normally:
 * on SIGINT/SIGTERM/SIGHUP and on exit (a crash, or vitest's own signal handler calling process.exit), through the
 * process-end coordinator (which then ends the process with the signal's code, unless a run holds the signals).
 * Returns the function that removes the guard.
 */
export function guardAbnormalExit(writeFinal: (reason: string) => void): () => void {
  return onProcessEnd({
    label: "write the final reports",
    onSignal: (signal) => writeFinal(`${signal} received`),
    onExit: (code) => writeFinal(`process exited (code ${code}) before the run ended`),
  });
}

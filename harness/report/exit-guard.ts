const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Calls `writeFinal(reason)` synchronously when the process is about to die before the run ended normally:
 * on SIGINT/SIGTERM/SIGHUP and on exit (a crash, or vitest's own signal handler calling process.exit).
 * A signal nobody else handles is re-raised afterwards, so the process still dies of it.
 * Returns the function that removes the guard.
 */
export function guardAbnormalExit(writeFinal: (reason: string) => void): () => void {
  const onExit = (code: number) => writeFinal(`process exited (code ${code}) before the run ended`);
  const onSignal = (signal: NodeJS.Signals) => {
    writeFinal(`${signal} received`);
    if (process.listenerCount(signal) === 1) {
      remove();
      process.kill(process.pid, signal);
    }
  };
  const remove = () => {
    process.off("exit", onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on("exit", onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return remove;
}

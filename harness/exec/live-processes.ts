import { KILL_GRACE_MS, killProcessTree } from "./kill-tree.ts";
import { onProcessEnd } from "./process-end.ts";

/** Process trees exec has started and not yet seen end (each leads its own process group on POSIX). */
const live = new Set<number>();
let installed = false;

export function trackLiveProcess(pid: number | undefined): () => void {
  if (pid === undefined) return () => {};
  live.add(pid);
  return () => live.delete(pid);
}

/**
 * Stops every process tree exec started that is still running, at once: SIGTERM to each (a child which started
 * processes of its own, such as the WSL emulator, stops those too), SIGKILL after the grace if this process lives on.
 */
export function killLiveProcesses(): void {
  for (const pid of live) killProcessTree(pid, KILL_GRACE_MS);
  live.clear();
}

/**
 * For a process that is stopped by a signal, such as a vitest worker (SIGTERM, then SIGKILL 500 ms later):
 * exec's children run in their own process groups, so they would outlive it (a `docker import` finishing after
 * the run swept its leftovers). On SIGINT/SIGTERM/SIGHUP, and at exit, kill them first: a `first` hook of the
 * process-end coordinator, before any other cleanup (which may start new processes).
 */
export function killLiveProcessesOnExit(): void {
  if (installed) return;
  installed = true;
  onProcessEnd({ label: "stop the processes exec started", first: true, onSignal: killLiveProcesses, onExit: killLiveProcesses });
}

import { spawnSync } from "node:child_process";

/** How long a process tree gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2_000;

/**
 * Kills a process and everything it started. On POSIX the child leads its own process group
 * (exec spawns it detached): SIGTERM the group, SIGKILL it after a grace period.
 */
export function killProcessTree(pid: number | undefined, graceMs: number): void {
  if (pid === undefined) return;
  if (process.platform === "win32") {
    const tree = spawnSync("taskkill", ["/T", "/F", "/PID", String(pid)], { windowsHide: true, timeout: 10_000, encoding: "utf8" });
    // Wine's taskkill (8.0) knows no /T: then at least the process itself goes (its children stay; Windows has /T).
    if (tree.status !== 0 && /invalid command line option/i.test(`${tree.stdout}${tree.stderr}`)) {
      spawnSync("taskkill", ["/F", "/PID", String(pid)], { windowsHide: true, timeout: 10_000 });
    }
    return;
  }
  signalGroup(pid, "SIGTERM");
  const force = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
  force.unref();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

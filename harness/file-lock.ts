import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "./exec/process-alive.ts";
import { waitUntil } from "./wait.ts";

/** Where the harness's machine-wide locks live (one run's workers, parallel runs, parallel emulator calls). */
export function hostLockRoot(): string {
  return path.join(os.tmpdir(), "nixos-wsl-harness-locks");
}

/** The lock file `name` (made safe for a file name) in hostLockRoot, which is created when missing. */
export function hostLockFile(name: string): string {
  mkdirSync(hostLockRoot(), { recursive: true });
  return path.join(hostLockRoot(), `${name.replace(/[^A-Za-z0-9._-]/g, "_")}.lock`);
}

/** A lock older than this is taken over even if its pid is alive (a reused pid, a hung holder). */
const STALE_LOCK_MS = 120_000;

/**
 * Runs `body` while holding an exclusive lock file (an O_EXCL create holding the owner's pid), so that processes on
 * this machine (a run's workers, parallel emulator calls) never interleave. A lock whose owner died, or that is
 * older than two minutes (`staleAfterMs`, for a body that may take longer), is taken over.
 */
export async function withFileLock<T>(lockPath: string, body: () => Promise<T>, options: { timeoutMs?: number; what?: string; staleAfterMs?: number } = {}): Promise<T> {
  const staleAfterMs = options.staleAfterMs ?? STALE_LOCK_MS;
  await waitUntil(async () => tryAcquire(lockPath, staleAfterMs), {
    timeoutMs: options.timeoutMs ?? 60_000,
    what: `the lock ${lockPath} (${options.what ?? "held by another process of the harness"}; remove the file if no such process runs)`,
    intervalMs: 10,
    maxIntervalMs: 250,
    diagnose: async () => `holder pid: ${readOwner(lockPath) ?? "unknown"}`,
  });
  try {
    return await body();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function tryAcquire(lockPath: string, staleAfterMs: number): boolean {
  try {
    const fd = openSync(lockPath, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (isStale(lockPath, staleAfterMs)) rmSync(lockPath, { force: true });
    return false;
  }
}

function isStale(lockPath: string, staleAfterMs: number): boolean {
  try {
    if (Date.now() - statSync(lockPath).mtimeMs > staleAfterMs) return true;
    const pid = readOwner(lockPath);
    return pid !== undefined && !isProcessAlive(pid);
  } catch {
    // Removed meanwhile: not stale.
    return false;
  }
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockPath, "utf8"));
    // Empty: a holder between its create and its write.
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

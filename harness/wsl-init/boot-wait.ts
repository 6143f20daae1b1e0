import { WaitTimeoutError, waitUntil } from "../wait.ts";
import type { DistroCommandOptions } from "./distro-command.ts";
import { distroRootShell } from "./distro-command.ts";
import { initTimeoutNote } from "./session-warning.ts";

/** WSL's init polls every 250 ms (RetryWithTimeout). */
export const INIT_POLL_MS = 250;
/** The command WSL's init runs through /bin/sh -c (NixOS's /bin/sh puts systemd and grep on PATH for it). */
export const SYSTEM_RUNNING_POLL = 'systemctl is-system-running | grep -E "running|degraded"';

export interface BootWaitResult {
  ready: boolean;
  waitedMs: number;
  /** WSL's log line when the wait expired. */
  note?: string;
}

/**
 * After /sbin/init started: poll until systemd is running or degraded, for up to boot.initTimeout ms; on expiry
 * WSL logs "/sbin/init failed to start within N ms" and goes on (the launch runs anyway). No wait when the
 * timeout is 0 or less. `stillRunning` lets the caller fail fast when the container stopped.
 */
export async function waitForDistroInit(
  container: string,
  options: { initTimeoutMs: number; stillRunning?: () => Promise<void> } & DistroCommandOptions,
): Promise<BootWaitResult> {
  const started = performance.now();
  if (!(options.initTimeoutMs > 0)) return { ready: false, waitedMs: 0 };
  try {
    await waitUntil(
      async (remainingMs) => {
        const result = await distroRootShell(container, SYSTEM_RUNNING_POLL, [], { timeoutMs: Math.max(2_000, remainingMs), transcript: options.transcript, note: "WSL's boot poll" });
        if (result.exitCode === 0) return true;
        await options.stillRunning?.();
        throw new Error(`is-system-running: ${(result.stdout + result.stderr).trim() || `exit ${result.exitCode}`}`);
      },
      { timeoutMs: options.initTimeoutMs, what: "systemd (is-system-running)", intervalMs: INIT_POLL_MS, maxIntervalMs: INIT_POLL_MS },
    );
    return { ready: true, waitedMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    const note = initTimeoutNote(options.initTimeoutMs);
    options.transcript?.note(`${container}: ${note}`);
    return { ready: false, waitedMs: Math.round(performance.now() - started), note };
  }
}

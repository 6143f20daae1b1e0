import { exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { WaitAbortError, waitUntil } from "../../wait.ts";
import { dockerInspect } from "./docker-cli.ts";
import { isContainerNotRunning } from "./docker-errors.ts";

/** The states in which `systemctl is-system-running --wait` has answered: boot finished. */
export const ANSWERED_STATES = ["running", "degraded"] as const;
export type SystemState = (typeof ANSWERED_STATES)[number];

/**
 * Waits until systemd (PID 1) has finished booting: `systemctl is-system-running --wait` answers running or
 * degraded (a degraded distro is for the suites to report, not a boot failure). Fails fast when the container
 * exits or systemd lands in maintenance (emergency/rescue) mode, with the container's console as diagnostics.
 */
export async function waitForSystemd(container: string, options: { timeoutMs: number; transcript?: Transcript }): Promise<SystemState> {
  return waitUntil(
    async (remainingMs) => {
      const result = await exec(["docker", "exec", container, "systemctl", "is-system-running", "--wait"], {
        timeoutMs: Math.max(1_000, remainingMs),
        transcript: options.transcript,
        note: "waiting for systemd to answer",
      });
      const state = result.stdout.trim().split("\n").pop() ?? "";
      if ((ANSWERED_STATES as readonly string[]).includes(state)) return state as SystemState;
      if (state === "maintenance") throw new WaitAbortError(`systemd in ${container} entered maintenance (emergency/rescue) mode\n${await consoleTail(container)}`);
      if (isContainerNotRunning(result.stderr) || result.exitCode === 125) {
        const info = await dockerInspect<{ State?: { Running?: boolean; ExitCode?: number } }>("container", container, { transcript: options.transcript });
        if (!info?.State?.Running) {
          throw new WaitAbortError(`the container ${container} stopped while booting (exit code ${info?.State?.ExitCode ?? "unknown"}): /sbin/init did not keep running as PID 1\n${await consoleTail(container)}`);
        }
      }
      throw new Error(`systemctl is-system-running said "${state || result.stderr.trim()}"`);
    },
    {
      timeoutMs: options.timeoutMs,
      what: `systemd to finish booting in container ${container} (systemctl is-system-running --wait)`,
      intervalMs: 30,
      maxIntervalMs: 250,
      diagnose: () => consoleTail(container),
    },
  );
}

async function consoleTail(container: string): Promise<string> {
  const logs = await exec(["docker", "logs", "--tail", "40", container], { timeoutMs: 15_000 }).catch(() => undefined);
  return logs ? `console (last 40 lines):\n${(logs.stdout + logs.stderr).trim()}` : "console: unavailable";
}

import type { Distro } from "../../harness/distro.ts";
import { waitUntil } from "../../harness/wait.ts";
import { DEFAULT_INIT_TIMEOUT_MS, wslDistroConfig } from "../../harness/wsl-init/wsl-conf.ts";

export interface BootOutcome {
  /** `running` or `degraded`. */
  state: string;
  /** From the start (the first command after the stop) to the answer. */
  elapsedMs: number;
  /** boot.initTimeout of the distro's wsl.conf (WSL's default when unset). */
  budgetMs: number;
}

/** boot.initTimeout as WSL reads it from the distro's /etc/wsl.conf; WSL's default when unset or 0. */
export async function initTimeoutMs(distro: Distro): Promise<number> {
  const conf = await distro.execute(["cat", "/etc/wsl.conf"], { user: "root" });
  const configured = wslDistroConfig(conf.exitCode === 0 ? conf.stdout : "").initTimeoutMs;
  return configured > 0 ? configured : DEFAULT_INIT_TIMEOUT_MS;
}

/**
 * Stops the distro, starts it with its first command, and asks `systemctl is-system-running` as WSL's init does
 * (every 250 ms) until it says running or degraded, within boot.initTimeout counted from the start. On expiry the
 * error names the state and the jobs still running (`systemctl list-jobs`), on its first line.
 */
export async function bootWithinInitTimeout(distro: Distro): Promise<BootOutcome> {
  const budgetMs = await initTimeoutMs(distro);
  await distro.terminate();
  const started = performance.now();
  let last = "";
  try {
    const state = await waitUntil(
      async (remainingMs) => {
        const r = await distro.execute(["systemctl", "is-system-running"], { timeoutMs: Math.max(1_000, Math.min(remainingMs, distro.timeouts.execMs)) });
        last = r.stdout.trim() || r.stderr.trim() || `exit ${r.exitCode}`;
        return last === "running" || last === "degraded" ? last : undefined;
      },
      { what: "running or degraded", timeoutMs: budgetMs, intervalMs: 250, maxIntervalMs: 250 },
    );
    return { state, elapsedMs: Math.round(performance.now() - started), budgetMs };
  } catch {
    const jobs = await distro.systemctl(["list-jobs", "--no-legend", "--plain", "--no-pager"]);
    const listed = jobs.stdout.trim().split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean);
    const elapsedMs = Math.round(performance.now() - started);
    throw new Error(
      `the system was not running within boot.initTimeout=${budgetMs} ms of the start (state "${last}" after ${elapsedMs} ms); ` +
        `jobs still running: ${listed.length ? listed.join("; ") : "(none listed)"}`,
    );
  }
}

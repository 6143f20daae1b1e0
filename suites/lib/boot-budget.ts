import type { Distro } from "../../harness/distro.ts";
import { waitUntil } from "../../harness/wait.ts";
import { DEFAULT_INIT_TIMEOUT_MS, wslDistroConfig } from "../../harness/wsl-init/wsl-conf.ts";

export interface BootOutcome {
  /** `running` or `degraded`. */
  state: string;
  /** systemd's own figure for this boot: userspace start to the default target's end (FinishTimestamp). */
  systemdMs: number;
  /** boot.initTimeout of the distro's wsl.conf (WSL's default when unset). */
  budgetMs: number;
}

/** boot.initTimeout as WSL reads it from the distro's /etc/wsl.conf; WSL's default when unset or 0. */
export async function initTimeoutMs(distro: Distro): Promise<number> {
  const conf = await distro.execute(["cat", "/etc/wsl.conf"], { user: "root" });
  const configured = wslDistroConfig(conf.exitCode === 0 ? conf.stdout : "").initTimeoutMs;
  return configured > 0 ? configured : DEFAULT_INIT_TIMEOUT_MS;
}

const oneLine = (lines: string) => lines.trim().split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean).join("; ");

/**
 * Stops the distro, starts it, and requires systemd to reach running or degraded within boot.initTimeout, as WSL's
 * init waits. The figure is systemd's own (FinishTimestamp - UserspaceTimestamp), so a slow command round trip on a
 * loaded machine is not counted against the distro. The jobs still running when boot.initTimeout has passed since the
 * start (`systemctl list-jobs`) are recorded then, and a boot over budget names them on the error's first line.
 */
export async function bootWithinInitTimeout(distro: Distro): Promise<BootOutcome> {
  const budgetMs = await initTimeoutMs(distro);
  await distro.terminate();
  const started = performance.now();
  let last = "";
  let jobsAtBudget: string | undefined;
  const state = await waitUntil(
    async (remainingMs) => {
      if (jobsAtBudget === undefined && performance.now() - started >= budgetMs) {
        jobsAtBudget = oneLine((await distro.systemctl(["list-jobs", "--no-legend", "--plain", "--no-pager"])).stdout) || "(none listed)";
      }
      const r = await distro.systemctl(["is-system-running"], { timeoutMs: Math.max(1_000, Math.min(remainingMs, distro.timeouts.execMs)) });
      last = r.stdout.trim() || `exit ${r.exitCode}: ${r.stderr.trim()}`;
      return last === "running" || last === "degraded" ? last : undefined;
    },
    { what: `${distro.name} to reach running or degraded`, timeoutMs: Math.max(budgetMs, distro.timeouts.waitMs), intervalMs: 250, maxIntervalMs: 250 },
  ).catch(async (error: Error) => {
    const jobs = oneLine((await distro.systemctl(["list-jobs", "--no-legend", "--plain", "--no-pager"])).stdout) || "(none listed)";
    throw new Error(`the system was not running within boot.initTimeout=${budgetMs} ms of the start, nor within the wait (state "${last}"); jobs still running: ${jobs}`, { cause: error });
  });
  const stamps = await distro.systemctl(["show", "--property=UserspaceTimestampMonotonic,FinishTimestampMonotonic"]);
  const value = (key: string) => Number(new RegExp(`^${key}=(\\d+)$`, "m").exec(stamps.stdout)?.[1]);
  const systemdMs = Math.round((value("FinishTimestampMonotonic") - value("UserspaceTimestampMonotonic")) / 1000);
  if (!Number.isFinite(systemdMs) || systemdMs < 0) throw new Error(`systemctl show gave no boot timestamps: ${oneLine(stamps.stdout)} ${stamps.stderr.trim()}`);
  if (systemdMs > budgetMs) {
    throw new Error(
      `the system was not running within boot.initTimeout=${budgetMs} ms of the start (systemd reached ${state} after ${systemdMs} ms; state "starting" at the budget); ` +
        `jobs still running then: ${jobsAtBudget ?? "(not listed: the budget passed before the first answer)"}`,
    );
  }
  return { state, systemdMs, budgetMs };
}

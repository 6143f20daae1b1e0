import { exec } from "../exec/index.ts";
import { WaitAbortError, WaitTimeoutError, waitUntil } from "../wait.ts";
import { INIT_IN_DISTRO } from "./default-environment.ts";
import { type DistroCommandOptions, distroRootShell } from "./distro-command.ts";
import { INIT_POLL_MS } from "./boot-wait.ts";
import { DEFAULT_TIMEOUTS } from "../model/default-timeouts.ts";

/**
 * The systemctl WSL's init calls for the user-session poll. WSL 2.6.0 called /usr/bin/systemctl
 * (microsoft/WSL#13236), which NixOS does not have: there every start failed the poll and printed the warning.
 */
export function userSessionPollCommand(uid: number, wslVersion?: string): string {
  const systemctl = wslVersion !== undefined && /^2\.6\.0(\.|$)/.test(wslVersion) ? "/usr/bin/systemctl" : "systemctl";
  return `${systemctl} is-active user@${uid}.service`;
}

export interface LoginSessionResult {
  /** false when WSL would print the warning. */
  ok: boolean;
  /** This call started the session (the first launch of this uid in this instance). */
  created: boolean;
  reason?: string;
}

/**
 * CreateLoginSession: once per uid per instance start (the claim lives in the distro's /run, a tmpfs reset at
 * every start, so parallel wsl.exe processes agree), `/bin/login -f USER` on a terminal that stays open
 * (WSL's forkpty; here a detached `docker exec -t`), then with initTimeout > 0 poll `systemctl is-active
 * user@UID.service` through /bin/sh -c every 250 ms; "failed" ends the wait as a failure, so does the timeout.
 * A uid already claimed counts as a session (WSL returns true without waiting).
 */
export async function ensureLoginSession(
  container: string,
  user: { name: string; uid: number },
  options: {
    initTimeoutMs: number;
    wslVersion?: string;
    /** Uids this caller already saw claimed in this instance (skips the claim's docker exec); updated. */
    claimed?: Set<number>;
  } & DistroCommandOptions,
): Promise<LoginSessionResult> {
  const { transcript } = options;
  if (options.claimed?.has(user.uid)) return { ok: true, created: false };
  const claim = await exec(["docker", "exec", "-u", "root", container, INIT_IN_DISTRO, "--nwh-claim-login-session", String(user.uid)], {
    timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs,
    transcript,
    note: `login session of ${user.name}: first launch of uid ${user.uid} in this instance?`,
  });
  if (claim.exitCode !== 0 && claim.exitCode !== 3) throw new Error(`the WSL init twin could not record the login session of ${user.name}: ${claim.stderr.trim() || `exit ${claim.exitCode}`}`);
  options.claimed?.add(user.uid);
  if (claim.exitCode === 3) return { ok: true, created: false };

  const login = await exec(["docker", "exec", "-d", "-t", "-u", "root", container, INIT_IN_DISTRO, "--nwh-launch", "--uid", "0", "--exec", "/bin/login", "-f", user.name], {
    timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs,
    transcript,
    note: `forkpty + /bin/login -f ${user.name}, as WSL's init`,
  });
  if (login.exitCode !== 0) return { ok: false, created: true, reason: `docker exec /bin/login: ${login.stderr.trim() || `exit ${login.exitCode}`}` };
  if (!(options.initTimeoutMs > 0)) return { ok: true, created: true };

  const command = userSessionPollCommand(user.uid, options.wslVersion);
  try {
    await waitUntil(
      async (remainingMs) => {
        const result = await distroRootShell(container, command, [], { timeoutMs: Math.max(2_000, remainingMs), transcript, note: "WSL's user-session poll" });
        if (result.exitCode === 0) return true;
        if (result.stdout === "failed\n") throw new WaitAbortError(`${command} returned: failed`);
        throw new Error(`${command}: ${(result.stdout + result.stderr).trim() || `exit ${result.exitCode}`}`);
      },
      { timeoutMs: options.initTimeoutMs, what: `user@${user.uid}.service`, intervalMs: INIT_POLL_MS, maxIntervalMs: INIT_POLL_MS },
    );
    return { ok: true, created: true };
  } catch (error) {
    if (error instanceof WaitAbortError) return { ok: false, created: true, reason: error.message };
    if (error instanceof WaitTimeoutError) return { ok: false, created: true, reason: `Timed out waiting for user session for uid=${user.uid} (${error.message})` };
    throw error;
  }
}

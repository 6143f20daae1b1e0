import { exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import type { DistroSession } from "./distro-session.ts";

/**
 * Starts the systemd user manager of the distro's default user, as WSL's init does at every start of a
 * systemd distro (a container has no such init). A failure is not a boot failure: WSL prints a warning and
 * runs the command anyway, and the suites report `user@UID` themselves. Returns that warning, if any.
 */
export async function startUserSession(container: string, session: DistroSession, options: { timeoutMs: number; transcript?: Transcript }): Promise<string | undefined> {
  if (session.uid === 0) return undefined;
  const result = await exec(["docker", "exec", "-u", "root", container, "systemctl", "start", `user@${session.uid}.service`], {
    timeoutMs: options.timeoutMs,
    transcript: options.transcript,
    note: `start the user session of ${session.user}, as WSL's init does`,
  });
  if (result.exitCode === 0) return undefined;
  // WSL's own wording (MS/WSL#13236), which the systemd suite looks for in launch output.
  return `Failed to start the systemd user session for '${session.user}'. See journalctl for more details. (${result.stderr.trim() || `exit ${result.exitCode}`})`;
}

import type { Transcript } from "../exec/transcript.ts";
import { type LaunchForm, type LaunchRequest, launchDockerArgs } from "./launch-request.ts";
import { ensureLoginSession, type LoginSessionResult } from "./login-session.ts";
import type { WslDistroConfig } from "./wsl-conf.ts";

export interface LaunchPlan {
  /** `docker exec` argv after "docker". */
  dockerArgs: string[];
  session?: LoginSessionResult;
}

/**
 * One launch as WSL's init does it: with systemd, the user's login session first (once per uid per instance);
 * then the process through /init, which prints the session warning itself when the session failed.
 */
export async function planLaunch(options: {
  container: string;
  user: { name: string; uid: number };
  config: WslDistroConfig;
  form: LaunchForm;
  cwd?: string;
  wslg: boolean;
  env?: Readonly<Record<string, string>>;
  /** The emulated WSL package version (the user-session poll depends on it); undefined = current behaviour. */
  wslVersion?: string;
  interactive?: boolean;
  tty?: boolean;
  /** Uids whose login session this caller knows was claimed in this instance (see ensureLoginSession). */
  claimedSessions?: Set<number>;
  transcript?: Transcript;
}): Promise<LaunchPlan> {
  const { config } = options;
  const session = config.systemd
    ? await ensureLoginSession(options.container, options.user, { initTimeoutMs: config.initTimeoutMs, wslVersion: options.wslVersion, claimed: options.claimedSessions, transcript: options.transcript })
    : undefined;
  if (session && !session.ok) options.transcript?.note(`${options.container}: the systemd user session of ${options.user.name} failed: ${session.reason ?? "unknown"}`);
  const request: LaunchRequest = {
    container: options.container,
    uid: options.user.uid,
    cwd: options.cwd,
    systemd: config.systemd,
    wslg: options.wslg,
    sessionFailed: session !== undefined && !session.ok,
    env: options.env,
    form: options.form,
    interactive: options.interactive,
    tty: options.tty,
  };
  return { dockerArgs: launchDockerArgs(request), session };
}

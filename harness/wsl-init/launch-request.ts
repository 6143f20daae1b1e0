import { INIT_IN_DISTRO } from "./default-environment.ts";

/** The three forms of CreateProcessCommon. */
export type LaunchForm =
  /** `wsl --exec FILE ARGS`: execvpe(FILE) with WSL's PATH, argv as given. */
  | { kind: "exec"; argv: readonly string[] }
  /** `wsl -- CMDLINE`: the user's shell with -c CMDLINE; argv0 "-<shell name>" only with login. */
  | { kind: "shell"; commandLine: string; login: boolean }
  /** `wsl` alone: the user's shell as a login shell. */
  | { kind: "login-shell" };

/** One process WSL's init starts in a distro, as the Windows side asks for it. */
export interface LaunchRequest {
  container: string;
  uid: number;
  /** --cd: "" or undefined = the user's home, "~" and "~/x" relative to it, else as given. */
  cwd?: string;
  /** The instance runs systemd: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are set. */
  systemd: boolean;
  /** The twin's WSLg is on: DISPLAY and WAYLAND_DISPLAY are set. */
  wslg: boolean;
  /** The user's login session failed: the process prints WSL's warning first on stderr. */
  sessionFailed: boolean;
  /** From the Windows side: WSL_DISTRO_NAME, WSLENV's variables, the console's TERM. */
  env?: Readonly<Record<string, string>>;
  form: LaunchForm;
  /** Keep stdin open (`docker exec -i`). */
  interactive?: boolean;
  /** Give it a terminal (`docker exec -t`). */
  tty?: boolean;
}

/**
 * The `docker exec` argv (after "docker") that has the twin's /init start the process as WSL's init does. It
 * runs as root (init drops to the user itself) and adds nothing of Docker's: no -w, no -e, no -u USER.
 */
export function launchDockerArgs(request: LaunchRequest): string[] {
  if (!Number.isInteger(request.uid) || request.uid < 0) throw new RangeError(`launch: uid must be a non-negative integer, got ${request.uid}`);
  const args = ["exec", ...(request.interactive ? ["-i"] : []), ...(request.tty ? ["-t"] : []), "-u", "root", request.container, INIT_IN_DISTRO, "--nwh-launch", "--uid", String(request.uid)];
  if (request.cwd) args.push("--cwd", request.cwd);
  if (request.systemd) args.push("--systemd");
  if (request.wslg) args.push("--wslg");
  if (request.sessionFailed) args.push("--session-failed");
  for (const [key, value] of Object.entries(request.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new TypeError(`launch: environment variable name "${key}" is not valid`);
    args.push("--env", `${key}=${value}`);
  }
  const { form } = request;
  switch (form.kind) {
    case "exec":
      if (form.argv.length === 0) throw new TypeError("launch: the exec form needs a program");
      args.push("--exec", ...form.argv);
      break;
    case "shell":
      args.push("--shell", form.commandLine, ...(form.login ? ["--login"] : []));
      break;
    case "login-shell":
      args.push("--login-shell");
      break;
  }
  return args;
}

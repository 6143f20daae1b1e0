/**
 * How an argv reaches a NixOS-WSL distro through WSL's init without a shell command line.
 *
 * `wsl -d X --exec FILE ARGS` is execvpe(FILE) with WSL's default PATH (/usr/local/sbin:...:/bin). On NixOS-WSL
 * nothing but /bin/{sh,bash,mount,login,wslpath}, /sbin/init (/sbin -> /bin) and /usr/bin/env is there, so a plain
 * program name fails (nix-community/NixOS-WSL#284). /bin/sh is NixOS-WSL's wrapped shell: it loads
 * /etc/set-environment (PATH with /run/current-system/sw/bin) before it runs, so argv goes to
 * `/bin/sh -c 'exec "$@"' sh ARGV...`: no word splitting, the program's exit code and stdin passed through.
 * Variables go through `/usr/bin/env K=V` in front of the program.
 * Shared by the WSL backend (`wsl -d X --exec FORM`) and the Docker twins (`/init --nwh-launch --exec FORM`).
 */

/** NixOS-WSL's wrapped /bin/sh. */
export const NIXOS_WSL_SH = "/bin/sh";
/** The one script of the argv form: replace the shell by the program, arguments untouched. */
export const EXEC_ARGV_SCRIPT = 'exec "$@"';
/** `$0` of that script (what the shell names itself in its own error messages). */
export const EXEC_ARGV_SCRIPT_NAME = "sh";
/** NixOS-WSL's only program outside /bin. */
export const USR_BIN_ENV = "/usr/bin/env";

/**
 * Programs that exist by absolute path on every NixOS-WSL root (wsl.extraBin, /sbin -> /bin, NixOS's usrbinenv):
 * only these may be handed to `--exec` as they are.
 */
export const NIXOS_WSL_ABSOLUTE_PROGRAMS: ReadonlySet<string> = new Set([
  "/bin/sh",
  "/bin/bash",
  "/bin/mount",
  "/bin/login",
  "/bin/wslpath",
  // WSL's init links /bin/wslinfo and /bin/wslpath to /init at every start (microsoft/WSL src/linux/init/config.cpp).
  "/bin/wslinfo",
  "/bin/init",
  "/sbin/init",
  "/usr/bin/env",
]);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The argv to hand to `--exec` so that `argv` runs on NixOS-WSL as written: as it is when its program is one of
 * NIXOS_WSL_ABSOLUTE_PROGRAMS and no variables are set, else through `/bin/sh -c 'exec "$@"' sh`.
 */
export function argvCommandForm(argv: readonly string[], env: Readonly<Record<string, string>> = {}): string[] {
  const program = argv[0];
  if (program === undefined || program === "") throw new TypeError("argv must name a program");
  const assignments = Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) throw new TypeError(`environment variable name ${JSON.stringify(name)} is not valid (letters, digits and _, not first a digit)`);
    return `${name}=${value}`;
  });
  if (assignments.length === 0 && NIXOS_WSL_ABSOLUTE_PROGRAMS.has(program)) return [...argv];
  // `exec -x` would be read as an option of exec, and env would read `a=b` as another assignment.
  if (program.startsWith("-")) throw new TypeError(`program ${JSON.stringify(program)} starts with "-": name it by a path (./${program})`);
  if (assignments.length > 0 && program.includes("=")) throw new TypeError(`program ${JSON.stringify(program)} contains "=", which env would read as a variable: name it by a path`);
  const withEnv = assignments.length > 0 ? [USR_BIN_ENV, ...assignments, ...argv] : argv;
  return [NIXOS_WSL_SH, "-c", EXEC_ARGV_SCRIPT, EXEC_ARGV_SCRIPT_NAME, ...withEnv];
}

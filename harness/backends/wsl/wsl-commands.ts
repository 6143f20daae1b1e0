import { argvCommandForm } from "../../wsl-init/argv-command-form.ts";
import { supportsInstallFromFile } from "./wsl-version.ts";

/** The wsl.exe argument lists the backend uses, one builder per operation (no process calls here). */
export const wslArgs = {
  version: (): string[] => ["--version"],
  status: (): string[] => ["--status"],
  listVerbose: (): string[] => ["-l", "-v"],
  shutdown: (): string[] => ["--shutdown"],
  terminate: (distro: string): string[] => ["--terminate", distro],
  unregister: (distro: string): string[] => ["--unregister", distro],
  export: (distro: string, file: string): string[] => ["--export", distro, file],
  /** The distro's disk copied to `file` (a .vhdx, the disk's own extension); the distro must not have run since the VM started. */
  exportVhd: (distro: string, file: string): string[] => ["--export", distro, file, "--format", "vhd"],
  /** A copy of the disk `file` becomes the new distro's, in `location` under the file's own name. */
  importVhd: (distro: string, location: string, file: string): string[] => ["--import", distro, location, file, "--vhd", "--version", "2"],
  /** Registers the disk `file` where it is (always WSL 2); unregistering deletes it. */
  importInPlace: (distro: string, file: string): string[] => ["--import-in-place", distro, file],
  setDefaultUser: (distro: string, user: string): string[] => ["--manage", distro, "--set-default-user", user],
  /** `--import` always with `--version 2`: on a machine defaulting to WSL1 a NixOS import fails otherwise. */
  importTar: (distro: string, location: string, file: string): string[] => ["--import", distro, location, file, "--version", "2"],
  installFromFile: (distro: string, location: string, file: string): string[] => [
    "--install",
    "--from-file",
    file,
    "--name",
    distro,
    "--location",
    location,
    "--no-launch",
    "--version",
    "2",
  ],
  /**
   * Runs argv without a shell command line: `--exec` in the argv form (argv-command-form.ts), which finds programs
   * on NixOS-WSL's PATH; `env` set through /usr/bin/env.
   */
  exec: (distro: string, argv: readonly string[], options: DistroExecCallOptions = {}): string[] => [
    ...distroPrefix(distro, options),
    "--exec",
    ...argvCommandForm(argv, options.env),
  ],
  /** Hands `commandLine` to the user's shell as is (everything after `--`); none starts the login shell on stdin. */
  shell: (distro: string, commandLine: string, options: DistroCallOptions = {}): string[] =>
    commandLine === "" ? distroPrefix(distro, options) : [...distroPrefix(distro, options), "--", commandLine],
};

export interface DistroCallOptions {
  user?: string;
  cwd?: string;
}

export interface DistroExecCallOptions extends DistroCallOptions {
  env?: Readonly<Record<string, string>>;
}

function distroPrefix(distro: string, options: DistroCallOptions): string[] {
  return ["-d", distro, ...(options.user ? ["-u", options.user] : []), ...(options.cwd ? ["--cd", options.cwd] : [])];
}

/**
 * `.wsl` files go through `--install --from-file` when WSL >= 2.4.4 (the supported way for them); everything
 * else, and `.wsl` on older WSL (it is a tar.gz), through `--import`.
 */
export function importDistroArgs(options: { distro: string; location: string; file: string; wslVersion?: string }): string[] {
  const isWslFile = options.file.toLowerCase().endsWith(".wsl");
  if (isWslFile && supportsInstallFromFile(options.wslVersion)) return wslArgs.installFromFile(options.distro, options.location, options.file);
  return wslArgs.importTar(options.distro, options.location, options.file);
}

/**
 * Quotes one argument the way the MSVC runtime (CommandLineToArgvW) splits it again. Needed for the shell form:
 * wsl.exe passes the raw rest of its command line after `--` to the shell, so that part must not be quoted.
 */
export function quoteWindowsArg(arg: string): string {
  if (arg !== "" && !/[\s"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === "\\") {
      backslashes++;
      continue;
    }
    if (char === '"') quoted += `${"\\".repeat(backslashes * 2 + 1)}"`;
    else quoted += `${"\\".repeat(backslashes)}${char}`;
    backslashes = 0;
  }
  return `${quoted}${"\\".repeat(backslashes * 2)}"`;
}

/** The command line for the shell form on Windows: every argument quoted except the raw command line after `--`. */
export function windowsShellCommandLine(args: readonly string[]): string {
  const stop = args.indexOf("--");
  const head = (stop < 0 ? args : args.slice(0, stop + 1)).map(quoteWindowsArg);
  return stop < 0 ? head.join(" ") : [...head, ...args.slice(stop + 1)].join(" ");
}

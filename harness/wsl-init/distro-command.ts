import { type ExecResult, exec } from "../exec/index.ts";
import type { Transcript } from "../exec/transcript.ts";
import { INIT_IN_DISTRO } from "./default-environment.ts";

export interface DistroCommandOptions {
  timeoutMs?: number;
  transcript?: Transcript;
  note?: string;
  input?: string;
  check?: boolean;
}

/**
 * A command of the twins themselves (reading passwd and wsl.conf, probes, polls) as root in the distro: through
 * /init with WSL's environment, then the distro's /bin/sh, which on NixOS loads /etc/set-environment
 * (/run/current-system/sw/bin) and adds systemd and grep. Nothing of Docker's default PATH, no Debian path.
 */
export function distroRootShell(container: string, script: string, args: readonly string[] = [], options: DistroCommandOptions = {}): Promise<ExecResult> {
  return exec(rootShellDockerArgv(container, script, args, options.input !== undefined), {
    timeoutMs: options.timeoutMs ?? 60_000,
    transcript: options.transcript,
    note: options.note,
    input: options.input,
    check: options.check,
  });
}

export function rootShellDockerArgv(container: string, script: string, args: readonly string[] = [], interactive = false): string[] {
  return ["docker", "exec", ...(interactive ? ["-i"] : []), "-u", "root", container, INIT_IN_DISTRO, "--nwh-launch", "--uid", "0", "--exec", "/bin/sh", "-c", script, "sh", ...args];
}

/** A file's text read with shell builtins only (no cat: nothing on PATH is needed); "" when it does not exist. */
export const READ_FILE_SCRIPT = '[ -r "$1" ] || exit 0; while IFS= read -r l || [ -n "$l" ]; do printf "%s\\n" "$l"; done < "$1"';

export async function readDistroFile(container: string, file: string, options: DistroCommandOptions = {}): Promise<string> {
  const result = await distroRootShell(container, READ_FILE_SCRIPT, [file], { ...options, check: true, note: options.note ?? `read ${file}` });
  return result.stdout;
}

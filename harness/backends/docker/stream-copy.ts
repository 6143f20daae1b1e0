import { readFile, writeFile } from "node:fs/promises";
import { exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { rootShellDockerArgv } from "../../wsl-init/distro-command.ts";
import { launchDockerArgs } from "../../wsl-init/launch-request.ts";

/**
 * File copies through the distro's shell rather than `docker cp`: `docker cp` cannot read or write the
 * container's tmpfs mounts (/tmp, /run). Binary-safe; the whole file passes through memory. Both run through
 * /init (the WSL init twin) and the distro's /bin/sh, so cat and stat come from the distro's own PATH.
 */
export async function copyIntoContainer(options: { container: string; hostPath: string; distroPath: string; uid: number; user: string; timeoutMs: number; transcript?: Transcript }): Promise<void> {
  const bytes = await readFile(options.hostPath);
  const args = launchDockerArgs({
    container: options.container,
    uid: options.uid,
    cwd: "/",
    systemd: false,
    wslg: false,
    sessionFailed: false,
    interactive: true,
    form: { kind: "exec", argv: ["/bin/sh", "-c", 'cat > "$1"', "nwh-copy", options.distroPath] },
  });
  const result = await exec(["docker", ...args], {
    input: bytes,
    timeoutMs: options.timeoutMs,
    transcript: options.transcript,
    note: `copy ${options.hostPath} (${bytes.length} bytes) to ${options.distroPath}`,
  });
  if (result.exitCode !== 0) {
    throw new Error(`copying ${options.hostPath} to ${options.distroPath} as ${options.user} failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`);
  }
}

export async function copyOutOfContainer(options: { container: string; distroPath: string; hostPath: string; timeoutMs: number; transcript?: Transcript }): Promise<void> {
  const { container, distroPath, timeoutMs, transcript } = options;
  const size = await exec(rootShellDockerArgv(container, 'stat -L -c %s -- "$1"', [distroPath]), { timeoutMs, transcript });
  if (size.exitCode !== 0) throw new Error(`cannot copy ${distroPath} out of the distro: ${size.stderr.trim() || `stat exited ${size.exitCode}`}`);
  const bytes = Number(size.stdout.trim());
  const result = await exec(rootShellDockerArgv(container, 'cat -- "$1"', [distroPath]), {
    timeoutMs,
    transcript,
    // Keep every byte: the capture keeps head + tail up to this limit.
    captureBytes: Math.max(2, bytes + 2),
    note: `copy ${distroPath} (${bytes} bytes) to ${options.hostPath}`,
  });
  if (result.exitCode !== 0) throw new Error(`copying ${distroPath} out of the distro failed: ${result.stderr.trim() || `exit code ${result.exitCode}`}`);
  if (result.truncated) throw new Error(`${distroPath} grew while it was copied (stat said ${bytes} bytes); copy it again once it is complete`);
  await writeFile(options.hostPath, result.stdoutBytes);
}

import path from "node:path";
import type { Distro, RebuildOperation } from "../../harness/distro.ts";

/**
 * Upstream's InstallConfig (tests/lib/lib.ps1): `sudo cp -v FILE /etc/nixos/configuration.nix`, then
 * `sh -c 'sudo nixos-rebuild OP < /dev/null'`, each run by the default user's shell (`wsl -d NAME CMD`), so that the
 * shell under test runs the next rebuild. Upstream's FILE is the host file through /mnt/c; here the file is copied
 * into the distro's /tmp first (not every backend shares the host's files), and the shell copies it from there.
 */
export async function installConfigThroughShell(distro: Distro, hostFile: string, operation: RebuildOperation): Promise<void> {
  const name = path.basename(hostFile);
  if (!/^[\w.-]+$/.test(name)) throw new Error(`installConfigThroughShell: the file name ${name} must be letters, digits, "_", "." or "-" (it goes into a shell command line)`);
  const staged = `/tmp/nwh-config-${name}`;
  await distro.copyFromHost(hostFile, staged);
  for (const [step, commandLine, timeoutMs] of [
    ["copy", `sudo cp -v ${staged} /etc/nixos/configuration.nix`, distro.timeouts.execMs],
    ["rebuild", `sh -c 'sudo nixos-rebuild ${operation} < /dev/null'`, distro.timeouts.bootMs],
  ] as const) {
    const result = await distro.shell(commandLine, { timeoutMs });
    if (result.exitCode !== 0) {
      const tail = result.stderr.trim().split("\n").slice(-5).join(" | ");
      throw new Error(`${step} through the default user's shell exited ${result.exitCode}: ${commandLine} (stderr: ${tail || "empty"})`);
    }
  }
}

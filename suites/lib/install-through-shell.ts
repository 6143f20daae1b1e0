import type { Distro, RebuildOperation } from "../../harness/distro.ts";

/**
 * Upstream's InstallConfig (tests/lib/lib.ps1): `sudo cp -v FILE /etc/nixos/configuration.nix`, then
 * `sh -c 'sudo nixos-rebuild OP < /dev/null'`, each run by the default user's shell (`wsl -d NAME CMD`), so that the
 * shell under test runs the next rebuild. FILE is a host file the distro can see (the run directory).
 */
export async function installConfigThroughShell(distro: Distro, hostFile: string, operation: RebuildOperation): Promise<void> {
  const inDistro = await distro.toDistroPath(hostFile);
  if (inDistro.includes("'")) throw new Error(`installConfigThroughShell: the distro path ${inDistro} holds a single quote; write the configuration elsewhere`);
  for (const [step, commandLine, timeoutMs] of [
    ["copy", `sudo cp -v '${inDistro}' /etc/nixos/configuration.nix`, distro.timeouts.execMs],
    ["rebuild", `sh -c 'sudo nixos-rebuild ${operation} < /dev/null'`, distro.timeouts.bootMs],
  ] as const) {
    const result = await distro.shell(commandLine, { timeoutMs });
    if (result.exitCode !== 0) {
      const tail = result.stderr.trim().split("\n").slice(-5).join(" | ");
      throw new Error(`${step} through the default user's shell exited ${result.exitCode}: ${commandLine} (stderr: ${tail || "empty"})`);
    }
  }
}

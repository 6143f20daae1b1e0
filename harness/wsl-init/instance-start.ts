import { BOOT_WSL_CONF } from "./default-environment.ts";
import { type DistroCommandOptions, distroRootShell } from "./distro-command.ts";
import { type BootWaitResult, waitForDistroInit } from "./boot-wait.ts";
import { type WslDistroConfig, wslDistroConfig } from "./wsl-conf.ts";

export interface InstanceStart {
  /** The wsl.conf text PID 1 read at this start (what launches act on until the next start). */
  wslConfText: string;
  config: WslDistroConfig;
  boot?: BootWaitResult;
}

/** The wsl.conf of this instance start, as /init (PID 1) kept it; /etc/wsl.conf when /init did not boot the container. */
export async function readBootWslConf(container: string, options: DistroCommandOptions = {}): Promise<string> {
  const script = `for f in ${BOOT_WSL_CONF} /etc/wsl.conf; do [ -e "$f" ] || continue; while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < "$f"; exit 0; done`;
  const result = await distroRootShell(container, script, [], { ...options, check: true, note: options.note ?? "read the wsl.conf of this instance start" });
  return result.stdout;
}

/**
 * What WSL does between the container's start (its /init as PID 1 has written resolv.conf, hosts, hostname and
 * exec'd /sbin/init) and the first launch: with [boot] systemd=true, the boot poll up to boot.initTimeout.
 */
export async function startInstance(container: string, options: DistroCommandOptions & { stillRunning?: () => Promise<void>; initTimeoutOverrideMs?: number } = {}): Promise<InstanceStart> {
  const wslConfText = await readBootWslConf(container, options);
  const config = wslDistroConfig(wslConfText);
  if (options.initTimeoutOverrideMs !== undefined) config.initTimeoutMs = options.initTimeoutOverrideMs;
  if (!config.systemd) return { wslConfText, config };
  const boot = await waitForDistroInit(container, { ...options, initTimeoutMs: config.initTimeoutMs });
  return { wslConfText, config, boot };
}

import type { StartedDistro } from "../backend.ts";
import { BOOT_PHASES, type BootPhase } from "../model/bench-schema.ts";
import type { ClockMapping } from "./clock-mapping.ts";
import { toHostMs } from "./clock-mapping.ts";
import { mustSucceed, type ProbeContext } from "./probe.ts";
import { parseManagerTimestamps } from "./systemd-analyze.ts";
import { type KernelBoot, parseKernelBoot } from "./kernel-log.ts";

/** Instants of one boot as the distro reports them, on the distro's monotonic clock (ms). */
export interface BootInstants {
  /** The distro's PID 1 started (/proc/1/stat start time; 10 ms resolution). */
  firstProcessMs?: number;
  /** systemd started (UserspaceTimestampMonotonic): the end of what runs before it (NixOS activation). */
  userspaceMs: number;
  /** Default target reached and no jobs left (FinishTimestampMonotonic); 0 = not finished. */
  finishMs: number;
  /** The default user's manager became active (user@UID.service ActiveEnterTimestampMonotonic), when asked for. */
  userSessionMs?: number;
  /** The kernel's hand-over to init (its own log), counted from the kernel's start = the distro's monotonic 0. */
  kernel?: KernelBoot;
  /** Why there is no `kernel` (a container shares the host's running kernel; the log holds no marker). */
  kernelAbsent?: string;
}

/** The phases of one boot, ms each, in the order they happen; a phase the distro does not report is absent. */
export interface BootPhasesMs {
  /** The harness asked for the start → the distro's first process (VM/instance start), less `kernel` when known. */
  start?: number;
  /** The kernel's own boot, its start → `Run /init` (a VM's, from its log; absent in a container, which has none of its own). */
  kernel?: number;
  /** First process → systemd started: NixOS activation (the init shim's work before it execs systemd). */
  activation?: number;
  /** systemd started → running (systemd's userspace figure). */
  "systemd-userspace"?: number;
  /** Running → the default user's manager active. */
  "user-session"?: number;
}

export { BOOT_PHASES, type BootPhase };

/** USER_HZ: /proc/PID/stat counts clock ticks of 1/100 s on every Linux architecture the distros run on. */
const TICKS_PER_SECOND = 100;

/** Field 22 (starttime, clock ticks since boot) of /proc/PID/stat, in ms. The command name may hold spaces. */
export function parseProcStartMs(stat: string): number {
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).trim().split(/\s+/);
  // Fields after "(comm)" start at field 3 (state): starttime is field 22.
  const ticks = Number(afterName[22 - 3]);
  if (!Number.isFinite(ticks) || stat.lastIndexOf(")") < 0) throw new Error(`not a /proc/PID/stat line: ${JSON.stringify(stat.slice(0, 120))}`);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** `systemctl show -p ActiveEnterTimestampMonotonic UNIT` in ms; undefined while the unit never became active. */
export function parseActiveEnterMs(text: string): number | undefined {
  const m = /^ActiveEnterTimestampMonotonic=(\d+)\s*$/m.exec(text);
  if (!m) throw new Error(`systemctl show output lacks ActiveEnterTimestampMonotonic: ${JSON.stringify(text.slice(0, 200))}`);
  const us = Number(m[1]);
  return us > 0 ? us / 1000 : undefined;
}

/** Reads the instants of the distro's current boot (after it finished), through the backend's exec. */
export async function readBootInstants(ctx: ProbeContext, distro: StartedDistro, options: { userUnit?: string } = {}): Promise<BootInstants> {
  const run = async (argv: string[]) => (await mustSucceed(ctx, distro, argv, { user: "root" })).stdout;
  const stamps = parseManagerTimestamps(await run(["systemctl", "show", "-p", "UserspaceTimestampMonotonic,FinishTimestampMonotonic"]));
  const instants: BootInstants = { userspaceMs: stamps.userspaceMonotonicMs, finishMs: stamps.finishMonotonicMs };
  const stat = await distro.exec(["cat", "/proc/1/stat"], { user: "root", timeoutMs: ctx.timeouts.execMs });
  if (stat.exitCode === 0) instants.firstProcessMs = parseProcStartMs(stat.stdout);
  if (options.userUnit) instants.userSessionMs = parseActiveEnterMs(await run(["systemctl", "show", "-p", "ActiveEnterTimestampMonotonic", options.userUnit]));
  Object.assign(instants, await readKernelBoot(ctx, distro));
  return instants;
}

/** The kernel's boot from its own log, or why there is none. Never throws: the kernel phase is extra. */
async function readKernelBoot(ctx: ProbeContext, distro: StartedDistro): Promise<Pick<BootInstants, "kernel" | "kernelAbsent">> {
  if (distro.sharesHostClock) return { kernelAbsent: NO_KERNEL_OF_ITS_OWN };
  const log = await distro.exec(["dmesg"], { user: "root", timeoutMs: ctx.timeouts.execMs }).catch((error: unknown) => error as Error);
  if (log instanceof Error || log.exitCode !== 0) {
    return { kernelAbsent: `the kernel's log could not be read (dmesg: ${log instanceof Error ? log.message.split("\n")[0] : `exit ${log.exitCode}: ${log.stderr.trim().slice(-200)}`})` };
  }
  const kernel = parseKernelBoot(log.stdout);
  return kernel ? { kernel } : { kernelAbsent: "the kernel's log holds no `Run /init as init process` or WSL init line (its ring buffer wrapped since, or this kernel printed neither)" };
}

/** Why a distro that shares the host's running kernel has no kernel phase. */
export const NO_KERNEL_OF_ITS_OWN = "no kernel boot: the distro shares the host's running kernel (a container)";

/**
 * The phases of a boot the harness asked for at `requestedAtMs` (its own clock). A phase whose ends are not both
 * known, or that comes out negative (its instants are from another boot, or inside the clock's uncertainty), is left
 * out rather than shown as a figure it is not.
 */
export function bootPhases(requestedAtMs: number, instants: BootInstants, mapping: ClockMapping): BootPhasesMs {
  const host = (ms: number | undefined) => (ms === undefined || ms <= 0 ? undefined : toHostMs(mapping, ms));
  const first = instants.firstProcessMs !== undefined && instants.firstProcessMs <= instants.userspaceMs ? host(instants.firstProcessMs) : undefined;
  const userspace = host(instants.userspaceMs);
  const finish = host(instants.finishMs);
  const user = host(instants.userSessionMs);
  const phases: BootPhasesMs = {};
  const put = (phase: BootPhase, from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined && to >= from) phases[phase] = to - from;
  };
  put("start", requestedAtMs, first ?? userspace);
  const kernelMs = kernelOfThisStart(requestedAtMs, instants, mapping);
  if (kernelMs !== undefined && phases.start !== undefined && phases.start >= kernelMs) {
    phases.kernel = kernelMs;
    phases.start -= kernelMs;
  }
  put("activation", first, userspace);
  put("systemd-userspace", userspace, finish);
  put("user-session", finish, user);
  return phases;
}

/** Why a phase of this boot has no figure (bench.json `phasesAbsent`): today the kernel's. */
export function absentPhases(requestedAtMs: number, instants: BootInstants, mapping: ClockMapping): Partial<Record<BootPhase, string>> {
  if (instants.kernelAbsent) return { kernel: instants.kernelAbsent };
  if (instants.kernel && kernelOfThisStart(requestedAtMs, instants, mapping) === undefined) {
    return { kernel: "this start booted no kernel: the VM's kernel started before the harness asked (the VM kept running, as after wsl -t)" };
  }
  return {};
}

/** The kernel phase when the kernel booted for this start (its monotonic 0, mapped, is not before the request). */
function kernelOfThisStart(requestedAtMs: number, instants: BootInstants, mapping: ClockMapping): number | undefined {
  if (!instants.kernel) return undefined;
  const kernelStartHost = toHostMs(mapping, 0);
  return kernelStartHost >= requestedAtMs - mapping.uncertaintyMs - READ_SLACK_MS ? instants.kernel.initMs : undefined;
}

/** /proc/uptime counts 10 ms steps. */
const READ_SLACK_MS = 10;

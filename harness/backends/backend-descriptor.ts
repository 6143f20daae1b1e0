import type { Backend, Capability, LeftoverSweeper } from "../backend.ts";
import type { BackendAvailability, BackendOptions, SweeperOptions } from "./backend-options.ts";

/**
 * How a backend's distros start, for the bench probes that mean nothing on some backends. Each fact that holds is
 * set to why, in the words bench.json gives as the not-applicable reason.
 */
export interface BackendStartFacts {
  /** importDistro returns a distro already booted: its first start is inside `import`. */
  importBoots?: string;
  /** Its distros run in no utility VM of their own: there is no cold VM start after a shutdown. */
  noUtilityVm?: string;
  /** Nothing starts the default user's systemd manager at boot (WSL's init does) unless the distro itself does. */
  noUserSessionStarter?: string;
}

/** All the harness knows about one kind of backend. A new backend is one folder with one of these. */
export interface BackendDescriptor {
  /** The name of `--backend NAME` and of config `backend`. */
  readonly kind: string;
  create(options: BackendOptions): Promise<Backend>;
  /** Finds what crashed runs left: all harness-made resources, or one run's with `runId`. */
  sweeper(options: SweeperOptions): Promise<LeftoverSweeper>;
  /** Can it run on this host, and if not, the fix (`nwh doctor`, and the check before a run). */
  availability(options: { wslExe?: string }): Promise<BackendAvailability>;
  /** `--distro NAME` can adopt a distro registered outside the harness. */
  readonly adoptsRegisteredDistros: boolean;
  /** Runs distros in a VM whose settings the run can pin (`--networking-mode`, .wslconfig for timings). */
  readonly pinsVmSettings: boolean;
  /** Why its distros lack a capability, in words a maintainer reading a skipped test understands. */
  readonly whyMissing: Partial<Record<Capability, string>>;
  /** Pins the host settings timings need (WSL: .wslconfig idle timeouts); restore() puts the user's back. */
  pinTimingSettings?(): { restore(): void };
  /** The command a person types to get a shell in a distro a run left behind. */
  enterCommand(runId: string, distro: string): string;
  /** The fix when an import or boot error says this host cannot run any of its distros (the run stops), else undefined. */
  hostFatalFix(error: unknown): string | undefined;
  /** How its distros start (the bench probes read it instead of the kind). */
  readonly startFacts: BackendStartFacts;
  /** Has no distro of its own to default to: the user must give a tarball (the Linux stand-in is not offered). */
  readonly needsUserTarball: boolean;
}

import type { Capability, DistroExecOptions, StartedDistro } from "../backend.ts";
import type { BackendStartFacts } from "../backends/backend-descriptor.ts";
import { requireExitZero } from "../exec/command-failed-error.ts";
import type { ExecResult } from "../exec/run.ts";
import type { BootSample } from "../model/bench-schema.ts";

/** What a probe states about itself; copied into bench.json. */
export interface ProbeInfo {
  name: string;
  description: string;
  /** Where the clock starts. */
  from: string;
  /** Where the clock stops. */
  to: string;
}

/** How a probe runs `nixos-rebuild` with the fixture configuration inside the distro. */
export interface RebuildCommands {
  /** Host path of the configuration to switch to (fixtures/nixos/with-service.nix). */
  configHostPath: string;
  /** Where it goes in the distro (as the Distro API's installConfig does: /etc/nixos/configuration.nix). */
  configDistroPath: string;
  /** argv (run as root) of `nixos-rebuild <action>`. */
  argv(action: "switch" | "boot"): string[];
  /** argv (run as root) going back to the previous generation. */
  rollbackArgv(action: "switch" | "boot"): string[];
}

/** NixOS's (and the stand-in's) nixos-rebuild reading /etc/nixos/configuration.nix. */
export function defaultRebuildCommands(configHostPath: string): RebuildCommands {
  return {
    configHostPath,
    configDistroPath: "/etc/nixos/configuration.nix",
    argv: (action) => ["nixos-rebuild", action],
    rollbackArgv: (action) => ["nixos-rebuild", action, "--rollback"],
  };
}

/** What a probe gets for one repetition. Everything it creates goes through it, so the runner can remove it. */
export interface ProbeContext {
  /** The backend's facts of how its distros start (its descriptor's). */
  readonly startFacts: BackendStartFacts;
  readonly tarball: string;
  readonly timeouts: { bootMs: number; execMs: number };
  readonly rebuild?: RebuildCommands;
  /** Monotonic clock in ms (performance.now unless a test injects one). */
  now(): number;
  /** Imports a fresh distro `nwh-bench-<random>` (tracked for removal); returns it and the import's duration. */
  importFresh(): Promise<{ distro: StartedDistro; importMs: number }>;
  /** Removes a distro made by importFresh. */
  remove(distro: StartedDistro): Promise<void>;
  /** The distro reused by probes that allow it: imported and started on first use. */
  sharedDistro(): Promise<StartedDistro>;
  /** Keeps a detail for bench.json (the last repetition's value wins), e.g. the systemd-analyze breakdown. */
  recordDetail(key: string, value: unknown): void;
}

/** Thrown by a probe when it finds at run time that it has no meaning here (e.g. no user session). */
export class ProbeNotApplicableError extends Error {
  override readonly name = "ProbeNotApplicableError";
}

export interface Probe {
  /** The first output is the probe's own figure; more outputs are figures measured in the same repetition. */
  outputs: ProbeInfo[];
  /** Capabilities of the distro the probe needs; without them it is not applicable. */
  requires?: Capability[];
  /** Why the probe has no meaning on a backend whose distros start so, or undefined. */
  notApplicableOn?(facts: BackendStartFacts): string | undefined;
  /** Why one of its outputs has no meaning there (the others are still measured), or undefined. */
  outputNotApplicableOn?(facts: BackendStartFacts, output: string): string | undefined;
  /** One repetition: untimed preparation, then the timed part. Returns ms per output name (boot probes: with the sample's boot facts). */
  measure(ctx: ProbeContext): Promise<Record<string, number | MeasuredSample>>;
}

/** A boot probe's figure with its detection latency, clock uncertainty and phases (bench.json `bootSamples`). */
export interface MeasuredSample {
  ms: number;
  boot: BootSample;
}

/** Runs argv in the distro (the probe's exec timeout unless given) and throws CommandFailedError unless it exits 0. */
export async function mustSucceed(ctx: ProbeContext, distro: StartedDistro, argv: readonly string[], options: DistroExecOptions = {}): Promise<ExecResult> {
  const result = await distro.exec(argv, { timeoutMs: ctx.timeouts.execMs, ...options });
  return requireExitZero(result, { command: `${argv.join(" ")} in ${distro.name}`, user: options.user });
}

/** Times an async call on the context's clock. */
export async function timed<T>(ctx: ProbeContext, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = ctx.now();
  const value = await fn();
  return { ms: ctx.now() - start, value };
}

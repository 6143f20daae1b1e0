import type { ExecResult } from "./exec/run.ts";
import type { Transcript } from "./exec/transcript.ts";

/**
 * What a distro on a backend can offer. Suites declare what they need; an unmet need is a skip
 * with its reason, never a pass.
 */
/** Shipped by the Linux stand-in with its WSLg stand-in: the distro declares a display (capability "gui"). */
export const GUI_STANDIN_MARKER = "/usr/lib/nixos-standin/gui";

export type Capability =
  | "systemd" // systemd is PID 1 of the distro
  | "nixos" // a real NixOS(-WSL) system
  | "nixos-standin" // the Linux stand-in's nixos-rebuild over real Nix profile generations
  | "nixos-rebuild" // nixos-rebuild switch/boot/test/--rollback work (real NixOS or the stand-in)
  | "nixpkgs" // nixpkgs is reachable (nix-shell -p, nix run nixpkgs#...)
  | "internet"
  | "windows-host" // Windows binaries, binfmt interop, wslpath against a real Windows
  | "wsl" // driven by (real or emulated) wsl.exe
  | "wslg" // real WSLg
  | "gui" // an X11 and a Wayland socket in the distro (WSLg, or the stand-in's Xvfb/weston)
  | "host-network"; // host <-> distro TCP both ways

/**
 * Capabilities no backend may probe (probing `internet` would send traffic from machines that must not):
 * the user declares them with `--capability NAME` or `capabilities` in the config, e.g. on GitHub's runners.
 */
export const DECLARED_CAPABILITIES = ["internet"] as const satisfies readonly Capability[];
export type DeclaredCapability = (typeof DECLARED_CAPABILITIES)[number];

export function isDeclaredCapability(value: unknown): value is DeclaredCapability {
  return (DECLARED_CAPABILITIES as readonly unknown[]).includes(value);
}

export type BackendKind = "docker" | "wsl";

export interface DistroExecOptions {
  /** Default: the distro's default user (wsl.conf [user] default), as WSL does. "root" on request. */
  user?: string;
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  transcript?: Transcript;
}

/** Where a service is reachable. */
export interface Endpoint {
  host: string;
  port: number;
}

/** A freshly imported (or adopted, for `run --distro`) distro. */
export interface DistroInfo {
  name: string;
  /** True when the harness created it and must remove it. */
  owned: boolean;
  tarball?: string;
  tarballSha256?: string;
}

/** Facts about the host and runtime, for report properties and bench environment. Keys are stable. */
export type HostFacts = Record<string, string>;

export interface Backend {
  readonly kind: BackendKind;
  /** Every resource this backend creates carries this id (label or name prefix). */
  readonly runId: string;
  /**
   * True when the distros run on the host's own kernel (containers): their CLOCK_MONOTONIC is the host's, so the
   * distro's timestamps need no clock mapping. Otherwise (a VM) the bench estimates the offset by round trips.
   */
  readonly sharesHostClock?: boolean;
  capabilities(distro: string): Promise<ReadonlySet<Capability>>;
  hostFacts(): Promise<HostFacts>;

  /** `tarballSha256`, when the caller has it already, saves hashing the tarball again (images are keyed by it). */
  importDistro(options: { name: string; tarball: string; tarballSha256?: string; transcript?: Transcript }): Promise<DistroInfo>;
  /** Use an already-registered distro without importing or removing it. */
  adoptDistro(name: string): Promise<DistroInfo>;
  /** Runs argv without a shell. Starts a stopped distro first, as WSL does. Never throws on a non-zero exit. */
  exec(distro: string, argv: readonly string[], options?: DistroExecOptions): Promise<ExecResult>;
  /**
   * Runs a command line through the user's shell (`wsl -d NAME -- cmdline`); `input` is piped to it. An empty
   * command line starts the user's login shell reading `input`, as plain `wsl -d NAME` does.
   */
  shell(distro: string, commandLine: string, options?: DistroExecOptions): Promise<ExecResult>;
  /** Stops one distro; the next exec starts it again. */
  terminate(distro: string): Promise<void>;
  /** Stops every distro of this run (`wsl --shutdown` on WSL). */
  shutdown(): Promise<void>;
  /**
   * `--keep`: the distro stays registered when this process ends (a backend that unregisters its distros at exit
   * drops that cleanup for it); `nwh cleanup` still finds it later.
   */
  keepDistro?(distro: string): void;
  /** Removes the distro and what the run created for it. Idempotent. */
  unregister(distro: string): Promise<void>;

  /** Copies a host file into the distro (owned by the default user unless `user` is given). */
  copyToDistro(distro: string, hostPath: string, distroPath: string, options?: { user?: string }): Promise<void>;
  copyFromDistro(distro: string, distroPath: string, hostPath: string): Promise<void>;
  /** The path the distro sees for a host path, and back (wslpath on WSL). */
  toDistroPath(distro: string, hostPath: string): Promise<string>;
  toHostPath(distro: string, distroPath: string): Promise<string>;

  /** Where the host reaches a TCP port the distro listens on (localhost forwarding on WSL). */
  distroEndpoint(distro: string, port: number): Promise<Endpoint>;
  /**
   * Where a host-side test server must listen so that the distro reaches it (`listenHost`),
   * and the address the distro connects to (`distroSeesHostAs`). Only addresses of this machine.
   */
  hostServiceAddress(distro: string): Promise<{ listenHost: string; distroSeesHostAs: string }>;

  /** Stops and removes everything this backend instance created (distros, images, files). */
  dispose(): Promise<void>;
}

/** A leftover resource of a crashed run, found by its label or name prefix. */
export interface Leftover {
  kind: string;
  id: string;
  description: string;
}

export interface LeftoverSweeper {
  findLeftovers(): Promise<Leftover[]>;
  removeLeftover(leftover: Leftover): Promise<void>;
}

import type { ExecResult } from "./exec/run.ts";
import type { Transcript } from "./exec/transcript.ts";

export { type BackendKind, type Capability, DECLARED_CAPABILITIES, type DeclaredCapability, GUI_STANDIN_MARKER, isDeclaredCapability } from "./model/capabilities.ts";
import type { BackendKind, Capability } from "./model/capabilities.ts";

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

/** One host-side file of a failure bundle (`wsl -l -v`, the effective .wslconfig): its name and text. */
export interface HostDiagnostic {
  name: string;
  text: string;
}

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
  /**
   * The host's side of a failure bundle, each part bounded to `timeoutMs`; a part that cannot be read says so in its
   * text. Absent on a backend that has no host-side state of its own to show (Docker: no VM, no WSL).
   */
  hostDiagnostics?(options: { timeoutMs: number }): Promise<HostDiagnostic[]>;

  /**
   * Imports and returns the started-distro handle (`bindDistro(this, info)`). `tarballSha256`, when the caller has it
   * already, saves hashing the tarball again (images are keyed by it).
   */
  importDistro(options: { name: string; tarball: string; tarballSha256?: string; transcript?: Transcript }): Promise<StartedDistro>;
  /** Use an already-registered distro without importing or removing it. */
  adoptDistro(name: string): Promise<StartedDistro>;
  /** Runs argv without a shell. Starts a stopped distro first, as WSL does. Never throws on a non-zero exit. */
  exec(distro: string, argv: readonly string[], options?: DistroExecOptions): Promise<ExecResult>;
  /**
   * Runs a command line through the user's shell (`wsl -d NAME -- cmdline`); `input` is piped to it. An empty
   * command line starts the user's login shell reading `input`, as plain `wsl -d NAME` does.
   */
  shell(distro: string, commandLine: string, options?: DistroExecOptions): Promise<ExecResult>;
  /** Stops one distro; the next exec starts it again. */
  terminate(distro: string): Promise<void>;
  /** Stops every running distro (`wsl --shutdown` on WSL: every distro of the machine; Docker: the run's and the adopted ones). */
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

/**
 * One distro a backend imported or adopted, bound to it (testcontainers' StartedTestContainer): every operation
 * addresses this distro, none takes a distro name. What callers above the backends hold; after `unregister()` every
 * other operation throws.
 */
export interface StartedDistro extends DistroInfo {
  readonly kind: BackendKind;
  /** The distros run on the host's own kernel: their CLOCK_MONOTONIC is the host's (see Backend.sharesHostClock). */
  readonly sharesHostClock: boolean;
  capabilities(): Promise<ReadonlySet<Capability>>;
  hostFacts(): Promise<HostFacts>;
  /** The host's side of a failure bundle (Backend.hostDiagnostics); absent where the backend has none. */
  readonly hostDiagnostics?: ((options: { timeoutMs: number }) => Promise<HostDiagnostic[]>) | undefined;
  /** Runs argv without a shell. Starts a stopped distro first, as WSL does. Never throws on a non-zero exit. */
  exec(argv: readonly string[], options?: DistroExecOptions): Promise<ExecResult>;
  /** A command line through the user's shell (`wsl -d NAME -- cmdline`); "" starts the login shell reading `input`. */
  shell(commandLine: string, options?: DistroExecOptions): Promise<ExecResult>;
  /** Stops this distro; the next exec starts it again. */
  terminate(): Promise<void>;
  /** Stops every running distro (Backend.shutdown: `wsl --shutdown` on WSL). */
  shutdownAll(): Promise<void>;
  /** `--keep`: it stays registered when this process ends. */
  keep(): void;
  /** Removes it and what the run created for it. Idempotent. */
  unregister(): Promise<void>;
  copyToDistro(hostPath: string, distroPath: string, options?: { user?: string }): Promise<void>;
  copyFromDistro(distroPath: string, hostPath: string): Promise<void>;
  toDistroPath(hostPath: string): Promise<string>;
  toHostPath(distroPath: string): Promise<string>;
  /** Where the host reaches a TCP port this distro listens on. */
  distroEndpoint(port: number): Promise<Endpoint>;
  /** Where a host-side test server listens so that this distro reaches it, and the address the distro uses. */
  hostServiceAddress(): Promise<{ listenHost: string; distroSeesHostAs: string }>;
}

/** A leftover resource of a crashed run, found by its label or name prefix. */
export type { Leftover } from "./model/leftover.ts";
import type { Leftover } from "./model/leftover.ts";

export interface LeftoverSweeper {
  findLeftovers(): Promise<Leftover[]>;
  removeLeftover(leftover: Leftover): Promise<void>;
}

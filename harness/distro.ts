import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DistroExecOptions, Endpoint, StartedDistro } from "./backend.ts";
import { Transcript } from "./exec/transcript.ts";
import { type Command, commandArgv, describeCommand } from "./distro/command.ts";
import { CommandFailedError, type CommandResult, requireExitZero } from "./exec/command-failed-error.ts";
import { collectDiagnostics } from "./distro/diagnostics.ts";
import { type Generation, parseGenerations } from "./distro/generations.ts";
import { type ObservedTiming, roundTimingMs } from "./model/record-timing.ts";
import { WaitAbortError, waitUntil } from "./wait.ts";
import { DEFAULT_TIMEOUTS } from "./model/default-timeouts.ts";

export { CommandFailedError, type CommandResult } from "./exec/command-failed-error.ts";
export type { Command } from "./distro/command.ts";
export type { Generation } from "./distro/generations.ts";

/** The NixOS configurations the suites install (`installConfig("with-service.nix", "switch")`). */
export const NIXOS_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/nixos/", import.meta.url));
export const SYSTEM_PROFILE = "/nix/var/nix/profiles/system";

export interface DistroTimeouts {
  /** One command. */
  execMs: number;
  /** waitUntilSucceeds, waitForUnit, ... */
  waitMs: number;
  /** A rebuild or a restart (activation can be slow on real NixOS). */
  bootMs: number;
}

export interface RunOptions {
  /** Default: the distro's default user, as WSL does; "root" on request. */
  user?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Piped to the command's stdin. */
  input?: string;
}

export interface WaitOptions {
  user?: string;
  timeoutMs?: number;
}

/**
 * How long a unit must stay inactive (or not found) with no job pending before waitForUnit gives up on it (at most half
 * the wait): on a loaded machine a login can sit in PAM for many seconds before it asks for user@UID.
 */
export const DEFAULT_UNIT_SETTLE_MS = 30_000;

export type RebuildOperation = "switch" | "boot" | "test" | "build" | "dry-activate";

const REBUILD_TIMINGS: Partial<Record<RebuildOperation, ObservedTiming>> = { switch: "rebuildSwitch", boot: "rebuildBoot", test: "rebuildTest" };

export interface DistroOptions {
  /** The started distro this drives (what the backend's importDistro/adoptDistro returned). */
  handle: StartedDistro;
  timeouts: DistroTimeouts;
  /** Every command is recorded here; the test fixture gives each test its own. */
  transcript?: Transcript;
  /** Where bare configuration names for installConfig are looked up. */
  configDir?: string;
}

/**
 * One distro, driven the way the NixOS test driver drives a machine: `succeed`, `fail`, `waitForUnit`...
 * Everything goes through the started-distro handle; this class never knows which backend it runs on.
 */
export class Distro {
  readonly handle: StartedDistro;
  readonly name: string;
  readonly timeouts: DistroTimeouts;
  readonly transcript: Transcript;
  /** Diagnostics gathered by waits' last tries, for the test report. */
  readonly diagnostics: string[] = [];
  /** Rebuilds and rollbacks this Distro ran, timed (the reports' `timing.<name>.ms`; the last of a kind wins). */
  readonly observedTimingsMs: Partial<Record<ObservedTiming, number>> = {};
  readonly #configDir: string;

  constructor(options: DistroOptions) {
    for (const [key, value] of Object.entries(options.timeouts)) {
      if (!(value > 0)) throw new RangeError(`Distro: timeouts.${key} must be > 0 ms, got ${value}`);
    }
    this.handle = options.handle;
    this.name = options.handle.name;
    this.timeouts = options.timeouts;
    this.transcript = options.transcript ?? new Transcript();
    this.#configDir = options.configDir ?? NIXOS_FIXTURES_DIR;
  }

  /** The same distro recording into another transcript (one per test). */
  withTranscript(transcript: Transcript): Distro {
    return new Distro({ handle: this.handle, timeouts: this.timeouts, transcript, configDir: this.#configDir });
  }

  /** Runs the command; never throws on a non-zero exit. */
  async execute(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const result = await this.handle.exec(commandArgv(command), this.#execOptions(options));
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs the command and returns its stdout; throws CommandFailedError (with the transcript) on a non-zero exit. */
  async succeed(command: Command, options: RunOptions = {}): Promise<string> {
    return requireExitZero(await this.execute(command, options), this.#facts(command, options.user)).stdout;
  }

  /** Runs the command and returns its stdout; throws when it exits 0. */
  async fail(command: Command, options: RunOptions = {}): Promise<string> {
    const result = await this.execute(command, options);
    if (result.exitCode === 0) throw this.#unexpectedSuccess(command, options.user, result);
    return result.stdout;
  }

  /**
   * Runs a command line through the user's shell (`$SHELL -c`, not a login shell), as `wsl -d NAME -- cmdline` does; with `input`,
   * the shell reads it on stdin (the stdin form of upstream's login-shell test: `echo ... | wsl -d NAME`).
   */
  async shell(commandLine: string, options: RunOptions = {}): Promise<CommandResult> {
    const result = await this.handle.shell(commandLine, this.#execOptions(options));
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  async waitUntilSucceeds(command: Command, options: WaitOptions = {}): Promise<string> {
    return this.#wait(`\`${describeCommand(command)}\` to succeed`, options, async (remainingMs) => {
      const result = await this.execute(command, { user: options.user, timeoutMs: this.#callTimeout(remainingMs) });
      return requireExitZero(result, this.#facts(command, options.user)).stdout;
    });
  }

  async waitUntilFails(command: Command, options: WaitOptions = {}): Promise<string> {
    return this.#wait(`\`${describeCommand(command)}\` to fail`, options, async (remainingMs) => {
      const result = await this.execute(command, { user: options.user, timeoutMs: this.#callTimeout(remainingMs) });
      if (result.exitCode === 0) throw this.#unexpectedSuccess(command, options.user, result);
      return result.stdout;
    });
  }

  /**
   * Waits until the unit is active. Fails, naming the state, when it cannot become active by itself (as the NixOS test
   * driver's wait_for_unit): at once when failed or masked; when not found or inactive with no job pending in that
   * manager, once that has held for `settleMs` (default 30 s, at most half the wait): a login still in PAM,
   * outside systemd's job queue, is about to start user@UID. With `user`, asks that user's systemd manager.
   */
  async waitForUnit(unit: string, options: WaitOptions & { settleMs?: number } = {}): Promise<void> {
    const scope = options.user ? `${options.user}'s user manager` : "the system manager";
    const settleMs = options.settleMs ?? Math.min(DEFAULT_UNIT_SETTLE_MS, (options.timeoutMs ?? this.timeouts.waitMs) / 2);
    let idleSince: { at: number; state: string } | undefined;
    await this.#wait(`unit ${unit} to be active (${scope})`, options, async (remainingMs) => {
      const timeoutMs = this.#callTimeout(remainingMs);
      const state = await this.#unitState(unit, options.user, timeoutMs);
      if (state.ActiveState === "active") return true;
      let hopeless = unitHopeless(state);
      const idle = hopeless ? undefined : await this.#noJobPending(unit, options.user, timeoutMs, state);
      const key = `${state.LoadState}/${state.ActiveState}`;
      if (!idle) idleSince = undefined;
      else if (idleSince?.state !== key) idleSince = { at: performance.now(), state: key };
      else if (performance.now() - idleSince.at >= settleMs) hopeless = `${idle} (for ${Math.round(performance.now() - idleSince.at)} ms)`;
      if (hopeless) {
        const diagnostics = await this.#diagnose(`unit ${unit} ${hopeless}`);
        throw new WaitAbortError(`unit ${unit} ${hopeless} (${scope}; ${describeUnitState(state)}): it will not become active\n${diagnostics}`);
      }
      throw new Error(`unit ${unit} is ${state.ActiveState}/${state.SubState}${idle ? `; ${idle}` : ""}`);
    });
  }

  /** "is inactive and no job is pending" when the manager has no job at all and the unit is still where it was. */
  async #noJobPending(unit: string, user: string | undefined, timeoutMs: number, state: Record<string, string>): Promise<string | undefined> {
    if (state.ActiveState !== "inactive" && state.LoadState !== "not-found") return undefined;
    const jobs = await this.systemctl(["list-jobs", "--no-legend", "--plain", "--no-pager"], { user, timeoutMs });
    if (jobs.exitCode !== 0 || jobs.stdout.trim() !== "") return undefined;
    const again = await this.#unitState(unit, user, timeoutMs);
    if (again.ActiveState !== state.ActiveState || again.LoadState !== state.LoadState) return undefined;
    return again.LoadState === "not-found" ? "is not found (LoadState=not-found) and no job is pending" : "is inactive and no job is pending";
  }

  /** Waits until something in the distro listens on the TCP port. */
  async waitForOpenPort(port: number, options: WaitOptions = {}): Promise<void> {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`waitForOpenPort: port must be 1-65535, got ${port}`);
    await this.#wait(`TCP port ${port} to listen`, options, async (remainingMs) => {
      const result = await this.execute(["ss", "-Hltn", `sport = :${port}`], { timeoutMs: this.#callTimeout(remainingMs) });
      return result.exitCode === 0 && result.stdout.trim() !== "";
    });
  }

  async waitForFile(distroPath: string, options: WaitOptions = {}): Promise<void> {
    await this.#wait(`file ${distroPath} to exist`, options, async (remainingMs) => {
      const result = await this.execute(["test", "-e", distroPath], { user: options.user, timeoutMs: this.#callTimeout(remainingMs) });
      return result.exitCode === 0;
    });
  }

  /** `systemctl ARGS` (as root, or `systemctl --user` as `user`); never throws on a non-zero exit. */
  async systemctl(args: string | readonly string[], options: { user?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
    const argv = typeof args === "string" ? args.split(/\s+/).filter(Boolean) : args;
    return this.execute(systemctlArgv(argv, options.user), { user: options.user ?? "root", timeoutMs: options.timeoutMs });
  }

  /** One property of a unit, e.g. unitProperty("nwh-hello.service", "ActiveState"). */
  async unitProperty(unit: string, property: string, options: { user?: string } = {}): Promise<string> {
    const result = await this.systemctl(["show", unit, `--property=${property}`, "--value"], options);
    return requireExitZero(result, this.#facts(systemctlArgv(["show", unit], options.user), options.user ?? "root")).stdout.trim();
  }

  toDistroPath(hostPath: string): Promise<string> {
    return this.handle.toDistroPath(hostPath);
  }

  toHostPath(distroPath: string): Promise<string> {
    return this.handle.toHostPath(distroPath);
  }

  /** Where the host reaches a TCP port the distro listens on (localhost forwarding on WSL). */
  distroEndpoint(port: number): Promise<Endpoint> {
    return this.handle.distroEndpoint(port);
  }

  /** Where a host-side test server listens so that the distro reaches it (`listenHost`), and the address the distro uses. */
  hostServiceAddress(): Promise<{ listenHost: string; distroSeesHostAs: string }> {
    return this.handle.hostServiceAddress();
  }

  async copyFromHost(hostPath: string, distroPath: string, options: { user?: string } = {}): Promise<void> {
    this.transcript.note(`copy host ${hostPath} -> distro ${distroPath}${options.user ? ` (owner ${options.user})` : ""}`);
    await this.handle.copyToDistro(hostPath, distroPath, options);
  }

  async copyToHost(distroPath: string, hostPath: string): Promise<void> {
    this.transcript.note(`copy distro ${distroPath} -> host ${hostPath}`);
    await this.handle.copyFromDistro(distroPath, hostPath);
  }

  /** Installs a configuration as /etc/nixos/configuration.nix (a bare name is looked up in fixtures/nixos), then rebuilds. */
  async installConfig(file: string, operation: RebuildOperation, options: { timeoutMs?: number } = {}): Promise<string> {
    const hostPath = path.isAbsolute(file) ? file : path.join(this.#configDir, file);
    await this.copyFromHost(hostPath, "/etc/nixos/configuration.nix", { user: "root" });
    return this.rebuild(operation, options);
  }

  /** `nixos-rebuild OPERATION` as root, stdin empty (as upstream's `< /dev/null`); returns its stdout. */
  async rebuild(operation: RebuildOperation, options: { timeoutMs?: number; extraArgs?: readonly string[] } = {}): Promise<string> {
    const started = performance.now();
    const argv = ["nixos-rebuild", operation, ...(options.extraArgs ?? [])];
    const result = await this.execute(argv, { user: "root", timeoutMs: options.timeoutMs ?? this.timeouts.bootMs });
    // switch-to-configuration's own summary (exit 4) names the units, e.g. wsl-mnt-guard.service (NixOS-WSL#1100).
    const failedUnits = /the following units failed: *(.+)/.exec(result.stderr)?.[1]?.trim();
    const { stdout } = requireExitZero(result, { ...this.#facts(argv, "root"), because: failedUnits ? `the following units failed: ${failedUnits}` : undefined });
    const timing = options.extraArgs?.includes("--rollback") ? "rollback" : REBUILD_TIMINGS[operation];
    if (timing) this.observedTimingsMs[timing] = roundTimingMs(performance.now() - started);
    return stdout;
  }

  /** `nixos-rebuild switch --rollback`. */
  async rollback(options: { timeoutMs?: number } = {}): Promise<string> {
    return this.rebuild("switch", { ...options, extraArgs: ["--rollback"] });
  }

  /** The system profile's generations, oldest first. */
  async generations(): Promise<Generation[]> {
    const out = await this.succeed(["nix-env", "-p", SYSTEM_PROFILE, "--list-generations"], { user: "root" });
    return parseGenerations(out);
  }

  /** Stops the distro (`wsl -t`); the next command starts it again. */
  async terminate(): Promise<void> {
    this.transcript.note(`terminate ${this.name}`);
    await this.handle.terminate();
  }

  /**
   * Stops every running distro (`wsl --shutdown`: every distro of the machine and the utility VM; Docker: every
   * container of the run and the adopted distros); the next command starts this one again, cold. Only from a test
   * of the exclusive phase (`stopsEveryDistro()`).
   */
  async shutdownAll(): Promise<void> {
    this.transcript.note("shutdown: stop every running distro (wsl --shutdown)");
    await this.handle.shutdownAll();
  }

  /** Recent journal, failed units and pending jobs; also kept in `diagnostics` for the report. */
  async collectDiagnostics(reason: string): Promise<string> {
    return this.#diagnose(reason);
  }

  async #diagnose(reason: string): Promise<string> {
    const text = await collectDiagnostics((command) => this.execute(command, { user: "root", timeoutMs: Math.min(this.timeouts.execMs, DEFAULT_TIMEOUTS.pollCallCapMs) }));
    const entry = `# diagnostics: ${reason}\n${text}`;
    this.diagnostics.push(entry);
    return entry;
  }

  #wait<T>(what: string, options: WaitOptions, condition: (remainingMs: number) => Promise<T | undefined | false>): Promise<T> {
    return waitUntil(condition, {
      what: `${what} in ${this.name}`,
      timeoutMs: options.timeoutMs ?? this.timeouts.waitMs,
      intervalMs: 100,
      maxIntervalMs: 1000,
      diagnose: () => this.#diagnose(`last try of: ${what}`),
    });
  }

  async #unitState(unit: string, user: string | undefined, timeoutMs: number): Promise<Record<string, string>> {
    const result = await this.systemctl(["show", unit, "--property=LoadState,ActiveState,SubState,Result"], { user, timeoutMs });
    if (result.exitCode !== 0) throw new Error(`systemctl show ${unit} exited ${result.exitCode}: ${result.stderr.trim()}`);
    return Object.fromEntries(result.stdout.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]));
  }

  /** One try of a wait never outlives the wait, nor the per-command timeout. */
  #callTimeout(remainingMs: number): number {
    return Math.max(1_000, Math.min(this.timeouts.execMs, remainingMs));
  }

  #execOptions(options: RunOptions): DistroExecOptions {
    return { user: options.user, cwd: options.cwd, env: options.env, input: options.input, timeoutMs: options.timeoutMs ?? this.timeouts.execMs, transcript: this.transcript };
  }

  #facts(command: Command, user: string | undefined) {
    return { command: describeCommand(command), user, transcript: this.transcript };
  }

  #unexpectedSuccess(command: Command, user: string | undefined, result: CommandResult): CommandFailedError {
    return new CommandFailedError({ command: describeCommand(command), user, expected: "non-zero", result, transcript: [...this.transcript.entries] });
  }
}

/** Why a unit in this state cannot become active by itself, or undefined when it still may. */
function unitHopeless(state: Record<string, string>): string | undefined {
  if (state.ActiveState === "failed") return "failed";
  if (state.LoadState === "masked") return "is masked (LoadState=masked)";
  return undefined;
}

function describeUnitState(state: Record<string, string>): string {
  return ["LoadState", "ActiveState", "SubState", "Result"].filter((k) => state[k] !== undefined).map((k) => `${k}=${state[k]}`).join(", ");
}

/** `systemctl ARGS`, or for a user's manager `systemctl --user ARGS` with that user's runtime dir (exec sets none). */
function systemctlArgv(args: readonly string[], user: string | undefined): readonly string[] {
  if (!user) return ["systemctl", ...args];
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
  return ["sh", "-c", 'XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}" exec systemctl --user "$@"', "systemctl", ...args];
}

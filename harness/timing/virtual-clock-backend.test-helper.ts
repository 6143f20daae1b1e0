import type { Backend, BackendKind, Capability, DistroExecOptions, Endpoint, StartedDistro } from "../backend.ts";
import { bindDistro } from "../backends/bound-distro.ts";
import type { ExecResult } from "../exec/run.ts";

/** How long each operation takes on the virtual clock, and what commands answer. For tests of the bench loop. */
export interface VirtualTimings {
  importMs: number;
  /** Added to the first exec after an import, a terminate or a shutdown (the start). */
  startMs: number;
  /** Extra start cost after a shutdown (the VM). */
  vmStartMs: number;
  execMs: number;
  terminateMs: number;
  shutdownMs: number;
  rebuildMs: number;
  /** Within startMs: the start until the distro's first process, then activation until systemd starts; the rest is systemd's. */
  firstProcessMs: number;
  activationMs: number;
  /** After the boot finished, until the user manager is active. */
  userSessionMs: number;
}

/** The distro's monotonic clock reads the virtual clock plus this (a VM's own clock, as on WSL). */
export const VIRTUAL_DISTRO_CLOCK_OFFSET_MS = 1_000_000;

/** When the virtual VM's kernel hands over to init, in dmesg's seconds. */
export const VIRTUAL_KERNEL_INIT_S = "0.452901";

/** One boot's instants on the distro's clock (ms). */
interface VirtualBoot {
  first: number;
  userspace: number;
  finish: number;
  user: number;
}

/**
 * A Backend on a virtual clock: every operation advances `clock` by a set amount, so bench figures are exact.
 * Tracks which distros exist and which run, to check cleanup and the start logic.
 */
export class VirtualClockBackend implements Backend {
  readonly runId = "nwh-virtual";
  clock = 0;
  readonly distros = new Set<string>();
  readonly running = new Set<string>();
  readonly log: string[] = [];
  readonly timings: VirtualTimings;
  /** Fails the nth (1-based) exec of a command line with this text. */
  failExec?: { argv: string; nth: number; message: string };
  #execCount = new Map<string, number>();

  readonly kind: BackendKind;
  readonly #caps: Capability[];

  constructor(kind: BackendKind, timings: Partial<VirtualTimings> = {}, caps: Capability[] = ["systemd", "nixos-rebuild"]) {
    this.kind = kind;
    this.#caps = caps;
    this.timings = {
      importMs: 1000,
      startMs: 500,
      vmStartMs: 2000,
      execMs: 10,
      terminateMs: 100,
      shutdownMs: 300,
      rebuildMs: 4000,
      firstProcessMs: 20,
      activationMs: 80,
      userSessionMs: 5,
      ...timings,
    };
  }

  now = (): number => this.clock;

  async capabilities(): Promise<ReadonlySet<Capability>> {
    return new Set(this.#caps);
  }
  async hostFacts(): Promise<Record<string, string>> {
    return this.kind === "wsl" ? { wslVersion: "2.7.11.0", kernelVersion: "6.6.87.2-1", wslgVersion: "1.0.71", windowsVersion: "10.0.26100.4946" } : { dockerVersion: "26.1.5" };
  }
  async importDistro(options: { name: string; tarball: string }): Promise<StartedDistro> {
    this.clock += this.timings.importMs;
    this.distros.add(options.name);
    this.log.push(`import ${options.name}`);
    return bindDistro(this, { name: options.name, owned: true, tarball: options.tarball });
  }
  async adoptDistro(name: string): Promise<StartedDistro> {
    return bindDistro(this, { name, owned: false });
  }
  #vmDown = true;
  /** Set by shutdown(): the next start boots the VM's kernel again, whose monotonic clock starts from 0 then. */
  #vmShutDown = false;
  /** The virtual clock's value when the VM's kernel started: the distro's monotonic clock counts from it. */
  #kernelEpoch = -VIRTUAL_DISTRO_CLOCK_OFFSET_MS;
  readonly #boots = new Map<string, VirtualBoot>();
  async exec(distro: string, argv: readonly string[], options: DistroExecOptions = {}): Promise<ExecResult> {
    if (!this.distros.has(distro)) throw new Error(`virtual backend: no distro ${distro}`);
    if (!this.running.has(distro)) {
      if (this.#vmDown) {
        if (this.#vmShutDown) this.#kernelEpoch = this.clock;
        this.clock += this.timings.vmStartMs;
      }
      this.#vmDown = false;
      this.#vmShutDown = false;
      const t = this.timings;
      const at = (ms: number) => this.clock + ms - this.#kernelEpoch;
      this.#boots.set(distro, { first: at(t.firstProcessMs), userspace: at(t.firstProcessMs + t.activationMs), finish: at(t.startMs), user: at(t.startMs + t.userSessionMs) });
      this.clock += this.timings.startMs;
      this.running.add(distro);
    }
    const line = argv.join(" ");
    const count = (this.#execCount.get(line) ?? 0) + 1;
    this.#execCount.set(line, count);
    const reply = this.#answer(argv, this.#boots.get(distro));
    this.clock += argv[0] === "nixos-rebuild" ? this.timings.rebuildMs : this.timings.execMs;
    if (this.failExec && this.failExec.argv === line && this.failExec.nth === count) Object.assign(reply, { exitCode: 1, stderr: this.failExec.message });
    return {
      argv,
      exitCode: reply.exitCode,
      timedOut: false,
      timeoutMs: options.timeoutMs ?? 1000,
      durationMs: 1,
      stdout: reply.stdout,
      stderr: reply.stderr,
      stdoutBytes: Buffer.from(reply.stdout),
      stderrBytes: Buffer.from(reply.stderr),
      truncated: false,
    };
  }
  #answer(argv: readonly string[], boot: VirtualBoot | undefined): { exitCode: number; stdout: string; stderr: string } {
    const line = argv.join(" ");
    const ok = (stdout = "") => ({ exitCode: 0, stdout, stderr: "" });
    const us = (ms: number | undefined) => Math.round((ms ?? 0) * 1000);
    if (line === "cat /proc/uptime") return ok(`${(Math.floor((this.clock - this.#kernelEpoch) / 10) / 100).toFixed(2)} 0.00\n`);
    // A VM's kernel log (synthetic): the kernel hands over to WSL's init 452.901 ms after it started.
    if (line === "dmesg" && this.kind === "wsl") return ok(`[    0.000000] Linux version 6.6.87.2-microsoft-standard-WSL2\n[    ${VIRTUAL_KERNEL_INIT_S}] Run /init as init process\n`);
    if (line === "cat /proc/1/stat") return ok(`1 (systemd) S ${Array(18).fill("0").join(" ")} ${Math.floor((boot?.first ?? 0) / 10)} 0 0\n`);
    if (line === "systemctl show -p UserspaceTimestampMonotonic,FinishTimestampMonotonic") {
      return ok(`UserspaceTimestampMonotonic=${us(boot?.userspace)}\nFinishTimestampMonotonic=${us(boot?.finish)}\n`);
    }
    if (line.startsWith("systemctl show -p ActiveEnterTimestampMonotonic user@")) return ok(`ActiveEnterTimestampMonotonic=${us(boot?.user)}\n`);
    if (line === "systemctl is-system-running --wait") return ok("running\n");
    if (line === "id -u") return ok("1000\n");
    if (line.startsWith("systemctl is-active user@")) return ok("active\n");
    if (line === "systemd-analyze time") return ok(`Startup finished in ${((this.timings.startMs - this.timings.firstProcessMs - this.timings.activationMs) / 1000).toFixed(3)}s (userspace)\nmulti-user.target reached after 400ms in userspace.\n`);
    if (line.startsWith("systemd-analyze blame")) return ok("  300ms nix-daemon.service\n  100ms systemd-journald.service\n");
    if (line.startsWith("systemd-analyze critical-chain")) return ok("multi-user.target @400ms\n└─nix-daemon.service @100ms +300ms\n");
    if (argv[0] === "true" || argv[0] === "nixos-rebuild") return ok();
    return { exitCode: 127, stdout: "", stderr: `virtual backend: unknown command ${line}` };
  }
  async shell(distro: string, commandLine: string, options?: DistroExecOptions): Promise<ExecResult> {
    return this.exec(distro, ["sh", "-c", commandLine], options);
  }
  async terminate(distro: string): Promise<void> {
    this.clock += this.timings.terminateMs;
    this.running.delete(distro);
    this.log.push(`terminate ${distro}`);
  }
  async shutdown(): Promise<void> {
    this.clock += this.timings.shutdownMs;
    this.running.clear();
    this.#vmDown = true;
    this.#vmShutDown = true;
    this.log.push("shutdown");
  }
  async unregister(distro: string): Promise<void> {
    this.distros.delete(distro);
    this.running.delete(distro);
    this.log.push(`unregister ${distro}`);
  }
  async copyToDistro(distro: string, hostPath: string, distroPath: string): Promise<void> {
    this.log.push(`copy ${hostPath} ${distro}:${distroPath}`);
  }
  async copyFromDistro(): Promise<void> {}
  async toDistroPath(_d: string, hostPath: string): Promise<string> {
    return hostPath;
  }
  async toHostPath(_d: string, distroPath: string): Promise<string> {
    return distroPath;
  }
  async distroEndpoint(_d: string, port: number): Promise<Endpoint> {
    return { host: "127.0.0.1", port };
  }
  async hostServiceAddress(): Promise<{ listenHost: string; distroSeesHostAs: string }> {
    return { listenHost: "127.0.0.1", distroSeesHostAs: "127.0.0.1" };
  }
  async dispose(): Promise<void> {
    for (const d of [...this.distros]) await this.unregister(d);
  }
}

import type { Backend, Capability, DistroExecOptions, Endpoint, StartedDistro } from "../backend.ts";
import { bindDistro } from "../backends/bound-distro.ts";
import type { ExecResult } from "../exec/run.ts";

export interface FakeReply {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

/** Answers one command; `calls` counts earlier calls of the same argv. */
export type FakeHandler = (argv: readonly string[], options: DistroExecOptions, calls: number) => FakeReply | undefined;

/** An in-memory Backend for unit tests of the Distro API: commands are answered by handlers, in order. */
export class FakeBackend implements Backend {
  readonly runId = "nwh-fake";
  readonly calls: Array<{ argv: readonly string[]; options: DistroExecOptions }> = [];
  readonly events: string[] = [];
  readonly #handlers: FakeHandler[] = [];
  readonly #capabilities: Set<Capability>;

  readonly kind: string;

  constructor(capabilities: Capability[] = ["systemd"], kind = "docker") {
    this.kind = kind;
    this.#capabilities = new Set(capabilities);
  }

  /** Adds a handler; the first one that returns a reply answers. Unanswered commands exit 127. */
  on(handler: FakeHandler): this {
    this.#handlers.push(handler);
    return this;
  }

  async capabilities(): Promise<ReadonlySet<Capability>> {
    return this.#capabilities;
  }
  async hostFacts() {
    return { "backend.fake": "true" };
  }
  async importDistro(options: { name: string; tarball: string }): Promise<StartedDistro> {
    this.events.push(`import ${options.name}`);
    return bindDistro(this, { name: options.name, owned: true, tarball: options.tarball });
  }
  async adoptDistro(name: string): Promise<StartedDistro> {
    this.events.push(`adopt ${name}`);
    return bindDistro(this, { name, owned: false });
  }
  /** A handle on a distro this fake "has" without an import (for tests of the Distro API). */
  bind(name: string, owned = true): StartedDistro {
    return bindDistro(this, { name, owned });
  }
  async exec(_distro: string, argv: readonly string[], options: DistroExecOptions = {}): Promise<ExecResult> {
    const calls = this.calls.filter((c) => c.argv.join("\0") === argv.join("\0")).length;
    this.calls.push({ argv, options });
    let reply: FakeReply | undefined;
    for (const handler of this.#handlers) {
      reply = handler(argv, options, calls);
      if (reply) break;
    }
    const r = reply ?? { exitCode: 127, stderr: `fake: no handler for ${argv.join(" ")}` };
    const result: ExecResult = {
      argv,
      exitCode: r.exitCode ?? 0,
      timedOut: false,
      timeoutMs: options.timeoutMs ?? 1000,
      durationMs: 1,
      stdout: r.stdout ?? "",
      stderr: r.stderr ?? "",
      stdoutBytes: Buffer.from(r.stdout ?? ""),
      stderrBytes: Buffer.from(r.stderr ?? ""),
      truncated: false,
    };
    options.transcript?.record({ argv, startedAt: new Date().toISOString(), durationMs: 1, exitCode: result.exitCode, timedOut: false, stdoutTail: result.stdout, stderrTail: result.stderr });
    return result;
  }
  async shell(distro: string, commandLine: string, options: DistroExecOptions = {}): Promise<ExecResult> {
    return this.exec(distro, ["<login-shell>", commandLine], options);
  }
  async terminate(distro: string): Promise<void> {
    this.events.push(`terminate ${distro}`);
  }
  async shutdown(): Promise<void> {
    this.events.push("shutdown");
  }
  async unregister(distro: string): Promise<void> {
    this.events.push(`unregister ${distro}`);
  }
  async copyToDistro(_distro: string, hostPath: string, distroPath: string, options?: { user?: string }): Promise<void> {
    this.events.push(`copy ${hostPath} -> ${distroPath} as ${options?.user ?? "default"}`);
  }
  async copyFromDistro(_distro: string, distroPath: string, hostPath: string): Promise<void> {
    this.events.push(`copy ${distroPath} -> ${hostPath}`);
  }
  async toDistroPath(_distro: string, hostPath: string): Promise<string> {
    return `/mnt/host${hostPath}`;
  }
  async toHostPath(_distro: string, distroPath: string): Promise<string> {
    return distroPath.replace(/^\/mnt\/host/, "");
  }
  async distroEndpoint(_distro: string, port: number): Promise<Endpoint> {
    return { host: "127.0.0.1", port };
  }
  async hostServiceAddress() {
    return { listenHost: "127.0.0.1", distroSeesHostAs: "127.0.0.1" };
  }
  async dispose(): Promise<void> {
    this.events.push("dispose");
  }
}

import { spawnSync } from "node:child_process";
import { constants, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Backend, Capability, DistroExecOptions, Endpoint, HostDiagnostic, HostFacts, StartedDistro } from "../../backend.ts";
import { bindDistro } from "../bound-distro.ts";
import { tarballSha256 } from "../../model/tarball-digest.ts";
import { requireExitZero } from "../../exec/command-failed-error.ts";
import type { ExecResult, Transcript } from "../../exec/index.ts";
import type { BackendOptions } from "../backend-options.ts";
import { NIXOS_WSL_SH } from "../../wsl-init/argv-command-form.ts";
import { capabilitiesFromProbe, DISTRO_PROBE_SCRIPT, parseProbeOutput } from "./distro-probe.ts";
import { DistroLedger, type DistroRecord } from "./distro-ledger.ts";
import { runVhdTemplate } from "./run-vhd-template.ts";
import { registerExitCleanup } from "./exit-cleanup.ts";
import { isWslEmulator, queryEmulatorInfo } from "./emulator-info.ts";
import { WslCli, type WslVersionReport } from "./wsl-cli.ts";
import { importDistroArgs, wslArgs } from "./wsl-commands.ts";
import { WslError } from "./wsl-error.ts";
import type { DistroListEntry } from "./wsl-list.ts";
import { locateWslExe } from "./wsl-exe-locator.ts";
import { effectiveWslConfig } from "./wslconfig.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

const VALID_DISTRO_NAME = /^[A-Za-z0-9._-]+$/;
/** Links to /init that WSL's init makes in every distro; run by absolute path, they need no PATH. */
const WSLPATH = "/bin/wslpath";
const WSLINFO = "/bin/wslinfo";

export interface WslBackendOptions extends BackendOptions {
  /** Where records of harness-made distros live (for the sweeper); default ~/.cache/nixos-wsl-harness/wsl-distros. */
  ledgerDir?: string;
  platform?: NodeJS.Platform;
}

interface OwnedDistro {
  record: DistroRecord;
  removeExitHook: () => void;
}

/** Drives wsl.exe (or the WSL emulator): imports fresh distros, runs commands in them, removes what it made. */
export class WslBackend implements Backend {
  readonly kind = "wsl" as const;
  readonly runId: string;
  readonly wslExe: string;
  readonly cli: WslCli;
  readonly #options: WslBackendOptions;
  readonly #ledger: DistroLedger;
  readonly #owned = new Map<string, OwnedDistro>();
  readonly #adopted = new Set<string>();
  #version?: Promise<WslVersionReport>;
  #emulator?: Promise<boolean>;

  constructor(options: WslBackendOptions) {
    const located = locateWslExe({ wslExe: options.wslExe });
    if (!located) {
      throw new Error("wsl.exe not found (not on PATH, not in %SystemRoot%\\System32); pass --wsl-exe PATH or set NWH_WSL_EXE, or use --backend docker");
    }
    this.runId = options.runId;
    this.wslExe = located.path;
    this.#options = options;
    this.#ledger = new DistroLedger(options.ledgerDir);
    this.cli = new WslCli({ wslExe: located.path, timeoutMs: options.execTimeoutMs, transcript: options.transcript, platform: options.platform });
  }

  /** `wsl --version` (or the `--status` fallback of an old inbox wsl.exe), asked once. */
  wslVersion(): Promise<WslVersionReport> {
    this.#version ??= this.cli.version();
    return this.#version;
  }

  async list(): Promise<DistroListEntry[]> {
    return this.cli.list();
  }

  async importDistro(options: { name: string; tarball: string; tarballSha256?: string; transcript?: Transcript }): Promise<StartedDistro> {
    const { name, transcript } = options;
    if (!VALID_DISTRO_NAME.test(name)) throw new Error(`distro name "${name}" is not valid for WSL: use letters, digits, ".", "-" and "_" only`);
    const tarball = path.resolve(options.tarball);
    if (!statSync(tarball, { throwIfNoEntry: false })?.isFile()) throw new Error(`tarball ${tarball} does not exist; build it or pass --tarball PATH`);
    if (await this.#find(name)) {
      throw new Error(`a distro named "${name}" is already registered; choose another name, or remove leftovers with \`nwh cleanup --backend wsl\``);
    }
    const version = await this.wslVersion();
    const location = path.resolve(this.#options.workDir, "wsl", name);
    const record: DistroRecord = { name, runId: this.runId, location, wslExe: this.wslExe, pid: process.pid, hostname: os.hostname(), createdAt: new Date().toISOString() };
    this.#ledger.write(record);
    this.#trackOwned(record);
    let args: string[] = [];
    try {
      args = await this.#importArgs({ name, location, tarball, wslVersion: version.legacy ? undefined : version.version.wslVersion, transcript });
      await this.cli.run(args, { timeoutMs: this.#options.bootTimeoutMs ?? DEFAULT_TIMEOUTS.wslImportMs, transcript, note: `import ${name} for run ${this.runId}` });
      const entry = await this.#find(name);
      if (!entry) throw new Error(`${this.wslExe} ${args.join(" ")} succeeded, but \`wsl -l -v\` does not list "${name}"`);
      if (entry.version !== 2) {
        throw new Error(
          `"${name}" was imported as WSL ${entry.version}, not WSL 2 (\`wsl -l -v\` VERSION column); NixOS-WSL needs WSL 2: enable "Virtual Machine Platform" and run \`wsl --update\``,
        );
      }
    } catch (error) {
      // Remove what was half made, then report the original failure.
      await this.unregister(name).catch((cleanupError: unknown) => transcript?.note(`cleanup after failed import of ${name} failed: ${String(cleanupError)}`));
      throw error;
    }
    return bindDistro(this, { name, owned: true, tarball, tarballSha256: options.tarballSha256 ?? (await tarballSha256(tarball)) });
  }

  /**
   * `tar`: the tarball's import. `vhd-copy` / `vhd-in-place`: a copy of the run's template disk (made by the first
   * file that needs it), or the tarball's import when this wsl.exe cannot export a VHD (said in the transcript).
   */
  async #importArgs(request: { name: string; location: string; tarball: string; wslVersion?: string; transcript?: Transcript }): Promise<string[]> {
    const { name, location, tarball, wslVersion, transcript } = request;
    const tarArgs = (distro: string, into: string) => importDistroArgs({ distro, location: into, file: tarball, wslVersion });
    const mode = this.#options.wslImport ?? "tar";
    if (mode === "tar") return tarArgs(name, location);
    if (wslVersion === undefined) {
      transcript?.note(`${mode}: this wsl.exe is an old inbox build (no --version), which has no --export --format vhd; importing the tarball`);
      return tarArgs(name, location);
    }
    const template = await runVhdTemplate({
      cli: this.cli,
      ledger: this.#ledger,
      runId: this.runId,
      workDir: this.#options.workDir,
      wslExe: this.wslExe,
      tarball,
      importArgs: tarArgs,
      timeoutMs: this.#options.bootTimeoutMs ?? DEFAULT_TIMEOUTS.wslImportMs,
      transcript,
    });
    if (template.kind === "tar") {
      transcript?.note(`${mode}: ${template.reason}`);
      return tarArgs(name, location);
    }
    transcript?.note(`${mode}: ${name} is a copy of the disk of ${template.distro}, the run's template`);
    if (mode === "vhd-copy") return wslArgs.importVhd(name, location, template.file);
    // The copy is the harness's: a block clone (reflink) where the filesystem has them, else a plain copy.
    const disk = path.join(location, path.basename(template.file));
    await copyFile(template.file, disk, constants.COPYFILE_FICLONE);
    return wslArgs.importInPlace(name, disk);
  }

  async adoptDistro(name: string): Promise<StartedDistro> {
    const entries = await this.cli.list();
    const entry = entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
    if (!entry) {
      throw new Error(`no distro named "${name}" is registered (wsl -l -v lists: ${entries.map((e) => e.name).join(", ") || "none"}); check --distro`);
    }
    this.#adopted.add(entry.name.toLowerCase());
    return bindDistro(this, { name: entry.name, owned: false });
  }

  async exec(distro: string, argv: readonly string[], options: DistroExecOptions = {}): Promise<ExecResult> {
    if (argv.length === 0) throw new TypeError("exec: argv must name a program");
    return this.cli.runInDistro(wslArgs.exec(distro, argv, { user: options.user, cwd: options.cwd, env: options.env }), this.#callOptions(options));
  }

  async shell(distro: string, commandLine: string, options: DistroExecOptions = {}): Promise<ExecResult> {
    // Variables reach the user's shell the WSL way: set on the Windows side and named in WSLENV.
    const env = options.env ?? {};
    const names = Object.keys(env);
    const wslenv = names.length > 0 ? { ...env, WSLENV: [process.env.WSLENV, ...names.map((n) => `${n}/u`)].filter(Boolean).join(":") } : undefined;
    return this.cli.runInDistro(wslArgs.shell(distro, commandLine, { user: options.user, cwd: options.cwd }), { ...this.#callOptions(options), env: wslenv });
  }

  async terminate(distro: string): Promise<void> {
    await this.cli.run(wslArgs.terminate(distro), { timeoutMs: this.#timeout() });
  }

  async shutdown(): Promise<void> {
    await this.cli.shutdown({ timeoutMs: this.#timeout() });
  }

  async unregister(distro: string): Promise<void> {
    if (this.#adopted.has(distro.toLowerCase())) {
      throw new Error(`"${distro}" is the contributor's own distro (run --distro); the harness never unregisters a distro it did not create`);
    }
    const key = distro.toLowerCase();
    const record = this.#owned.get(key)?.record ?? this.#ledger.read(distro);
    const registered = await this.#find(distro);
    if (registered && !record) {
      throw new Error(`"${distro}" was not created by the harness (no record of it); it stays registered. Remove it yourself with \`wsl --unregister ${distro}\` if you mean to`);
    }
    if (registered) {
      try {
        await this.cli.run(wslArgs.unregister(distro), { timeoutMs: this.#timeout() });
      } catch (error) {
        if (!(error instanceof WslError && error.symbolicName === "WSL_E_DISTRO_NOT_FOUND")) throw error;
      }
    }
    if (record) {
      rmSync(record.location, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
      this.#ledger.remove(distro);
    }
    this.#owned.get(key)?.removeExitHook();
    this.#owned.delete(key);
  }

  /** `wsl --export NAME FILE`. */
  async exportDistro(distro: string, file: string): Promise<void> {
    await this.cli.run(wslArgs.export(distro, path.resolve(file)), { timeoutMs: this.#options.bootTimeoutMs ?? DEFAULT_TIMEOUTS.wslImportMs });
  }

  /** `wsl --manage NAME --set-default-user USER`. */
  async setDefaultUser(distro: string, user: string): Promise<void> {
    await this.cli.run(wslArgs.setDefaultUser(distro, user), { timeoutMs: this.#timeout() });
  }

  /**
   * On WSL: `cp` inside the distro from the host file's distro path (wslpath -u, e.g. /mnt/c/...). The emulator's
   * distros do not see the host's files, so there the bytes go through wsl.exe's stdin instead.
   */
  async copyToDistro(distro: string, hostPath: string, distroPath: string, options: { user?: string } = {}): Promise<void> {
    const source = path.resolve(hostPath);
    if (await this.isEmulated()) {
      const what = `copy ${hostPath} into ${distro}:${distroPath}`;
      const result = await this.cli.runInDistro(wslArgs.exec(distro, [NIXOS_WSL_SH, "-c", 'cat > "$1"', "sh", distroPath], { user: options.user }), {
        timeoutMs: this.#timeout(),
        input: readFileSync(source),
      });
      if (result.exitCode !== 0) throw new Error(`${what} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
      return;
    }
    const from = await this.toDistroPath(distro, source);
    await this.#succeed(distro, ["cp", "--", from, distroPath], { user: options.user }, `copy ${hostPath} into ${distro}:${distroPath}`);
  }

  async copyFromDistro(distro: string, distroPath: string, hostPath: string): Promise<void> {
    const target = path.resolve(hostPath);
    mkdirSync(path.dirname(target), { recursive: true });
    if (await this.isEmulated()) {
      const size = Number((await this.#succeed(distro, ["stat", "-c", "%s", "--", distroPath], { user: "root" }, `stat ${distroPath}`)).stdout.trim());
      const result = await this.cli.runInDistro(wslArgs.exec(distro, ["cat", "--", distroPath], { user: "root" }), { timeoutMs: this.#timeout(), captureBytes: 2 * size + 2 });
      if (result.exitCode !== 0 || result.truncated) throw new Error(`copy ${distro}:${distroPath} to ${hostPath} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
      writeFileSync(target, result.stdoutBytes);
      return;
    }
    const destination = await this.toDistroPath(distro, target);
    await this.#succeed(distro, ["cp", "--", distroPath, destination], { user: "root" }, `copy ${distro}:${distroPath} to ${hostPath}`);
  }

  async toDistroPath(distro: string, hostPath: string): Promise<string> {
    return (await this.#succeed(distro, [WSLPATH, "-u", hostPath], {}, `wslpath -u ${hostPath}`)).stdout.trim();
  }

  async toHostPath(distro: string, distroPath: string): Promise<string> {
    return (await this.#succeed(distro, [WSLPATH, "-w", distroPath], {}, `wslpath -w ${distroPath}`)).stdout.trim();
  }

  async distroEndpoint(distro: string, port: number): Promise<Endpoint> {
    if (await this.isEmulated()) {
      // Docker picks the host port when the container starts: make sure it runs, then ask.
      await this.exec(distro, ["true"], { timeoutMs: this.#timeout() });
      const info = await queryEmulatorInfo(this.cli, distro);
      const hostPort = info.ports?.[String(port)];
      if (hostPort === undefined) {
        throw new Error(`the WSL emulator forwards no host port for ${distro}:${port} (forwarded: ${info.forwardedPorts?.join(", ") || "none"}); set NWH_WSL_EMU_PORTS before the import`);
      }
      return { host: info.portHost ?? "127.0.0.1", port: hostPort };
    }
    // WSL forwards localhost to the distro (NAT and mirrored modes alike).
    return { host: "127.0.0.1", port };
  }

  async hostServiceAddress(distro: string): Promise<{ listenHost: string; distroSeesHostAs: string }> {
    if (await this.isEmulated()) {
      await this.exec(distro, ["true"], { timeoutMs: this.#timeout() });
      const gateway = (await queryEmulatorInfo(this.cli, distro)).hostAddressFromDistro;
      if (gateway) return { listenHost: gateway, distroSeesHostAs: gateway };
    }
    const mode = (await this.exec(distro, [WSLINFO, "--networking-mode"], { timeoutMs: this.#timeout() })).stdout.trim();
    if (mode === "mirrored") return { listenHost: "127.0.0.1", distroSeesHostAs: "127.0.0.1" };
    // NAT (and the emulator's container network): the distro's default gateway is the host's address on that network.
    const route = await this.#succeed(distro, ["ip", "-4", "route", "show", "default"], {}, "ip route show default");
    const gateway = /\bvia\s+(\d+\.\d+\.\d+\.\d+)/.exec(route.stdout)?.[1];
    if (!gateway) throw new Error(`cannot tell how ${distro} reaches the host: no default route (ip route: ${route.stdout.trim() || "empty"})`);
    return { listenHost: gateway, distroSeesHostAs: gateway };
  }

  async capabilities(distro: string): Promise<ReadonlySet<Capability>> {
    const probe = await this.exec(distro, [NIXOS_WSL_SH, "-c", DISTRO_PROBE_SCRIPT], { user: "root", timeoutMs: this.#timeout() });
    const facts = parseProbeOutput(probe.stdout);
    const emulated = await this.isEmulated();
    const windows = (this.#options.platform ?? process.platform) === "win32" && !emulated;
    let hostNetwork = windows;
    if (emulated) hostNetwork = ((await queryEmulatorInfo(this.cli, distro)).forwardedPorts ?? []).length > 0;
    return capabilitiesFromProbe(facts, { windows, hostNetwork });
  }

  /** True when wsl.exe is the project's emulator (it answers `--nwh-emulator-info`). */
  isEmulated(): Promise<boolean> {
    this.#emulator ??= isWslEmulator(this.cli);
    return this.#emulator;
  }

  async hostFacts(): Promise<HostFacts> {
    const facts: HostFacts = { backend: "wsl", wslExe: this.wslExe, emulated: String(await this.isEmulated()) };
    const report = await this.wslVersion();
    if (report.legacy) {
      facts.wslVersion = "inbox (no --version)";
      if (report.status.kernelVersion) facts.kernelVersion = report.status.kernelVersion;
      if (report.status.defaultVersion) facts.defaultWslVersion = String(report.status.defaultVersion);
    } else {
      for (const [key, value] of Object.entries(report.version)) if (value) facts[key] = value;
    }
    return facts;
  }

  /** `wsl -l -v` and the .wslconfig WSL reads (the one `applyWslConfig` pinned for the run, when it did). */
  async hostDiagnostics(options: { timeoutMs: number }): Promise<HostDiagnostic[]> {
    const list = await this.cli
      .listVerboseText({ timeoutMs: options.timeoutMs })
      .then((text) => `$ wsl -l -v\n${text}`)
      .catch((error: unknown) => `$ wsl -l -v: could not run: ${(error as Error).message.split("\n")[0]}`);
    let wslconfig: string;
    try {
      wslconfig = effectiveWslConfig();
    } catch (error) {
      wslconfig = `.wslconfig could not be read: ${(error as Error).message}`;
    }
    return [
      { name: "wsl-list-verbose.txt", text: list },
      { name: "wslconfig.txt", text: wslconfig },
    ];
  }

  /** Unregisters every distro this backend created and removes its directory; reports all failures together. */
  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    for (const { record } of [...this.#owned.values()]) {
      await this.unregister(record.name).catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw new AggregateError(failures, `could not remove ${failures.length} distro(s) of run ${this.runId}; run \`nwh cleanup --backend wsl\``);
  }

  keepDistro(distro: string): void {
    const key = distro.toLowerCase();
    this.#owned.get(key)?.removeExitHook();
    this.#owned.delete(key);
  }

  #trackOwned(record: DistroRecord): void {
    const wslExe = this.wslExe;
    const removeExitHook = registerExitCleanup({
      label: `unregister WSL distro ${record.name}`,
      async: () => this.unregister(record.name),
      // At 'exit' only blocking calls run, so this one bypasses exec() (no transcript, nobody to read it).
      sync: () => {
        spawnSync(wslExe, wslArgs.unregister(record.name), { timeout: DEFAULT_TIMEOUTS.cleanupMs, env: { ...process.env, WSL_UTF8: "1" }, stdio: "ignore", windowsHide: true });
        rmSync(record.location, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
        new DistroLedger(this.#ledger.dir).remove(record.name);
      },
    });
    this.#owned.set(record.name.toLowerCase(), { record, removeExitHook });
  }

  async #find(name: string): Promise<DistroListEntry | undefined> {
    return (await this.cli.list()).find((e) => e.name.toLowerCase() === name.toLowerCase());
  }

  async #succeed(distro: string, argv: string[], options: DistroExecOptions, what: string): Promise<ExecResult> {
    const result = await this.exec(distro, argv, { ...options, timeoutMs: options.timeoutMs ?? this.#timeout() });
    return requireExitZero(result, { command: `${argv.join(" ")} in ${distro}`, user: options.user, because: what, transcript: options.transcript });
  }

  #callOptions(options: DistroExecOptions) {
    return { timeoutMs: options.timeoutMs ?? this.#timeout(), transcript: options.transcript, input: options.input };
  }

  #timeout(): number {
    return this.#options.execTimeoutMs ?? DEFAULT_TIMEOUTS.execMs;
  }
}


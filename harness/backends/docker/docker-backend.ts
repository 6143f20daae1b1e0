import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Backend, Capability, DistroExecOptions, Endpoint, HostFacts, StartedDistro } from "../../backend.ts";
import { bindDistro } from "../bound-distro.ts";
import { type ExecResult, ExecError, exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { withRetry } from "../../retry.ts";
import { tarballSha256 as computeTarballSha256 } from "../../model/tarball-digest.ts";
import type { BackendOptions } from "../backend-options.ts";
import { checkDockerAvailability } from "./availability.ts";
import { capabilitiesFromFacts, isStandin } from "./distro-probe.ts";
import { selectSession } from "./distro-session.ts";
import { docker, dockerInspect, idLines } from "./docker-cli.ts";
import { classifyDockerError, isContainerNotRunning, isEngineErrorOutput, isNoSuchObject } from "./docker-errors.ts";
import { distroContainerName, dockerNamePart, labelFilterArgs, runLabels } from "../../container/docker-labels.ts";
import { type DistroState, bootDistro, newDistroState, readUsers } from "./distro-boot.ts";
import { dockerHostFacts } from "./host-facts.ts";
import { distroImage, ensureDistroImage, removeImageIfUnused } from "./image-store.ts";
import { imageCacheEnabled } from "../../container/image-cache.ts";
import { LOOPBACK } from "../../container/published-ports.ts";
import { ensureRunNetwork, removeRunNetworkIfUnused } from "./run-network.ts";
import { withRunLock } from "./run-lock.ts";
import { copyIntoContainer, copyOutOfContainer } from "./stream-copy.ts";
import { startSystemdContainer } from "./systemd-container.ts";
import { assertTarball } from "../../model/tarball-format.ts";
import { buildWslInit } from "../../../fixtures/wsl-init/build-init.ts";
import { argvCommandForm } from "../../wsl-init/argv-command-form.ts";
import { planLaunch } from "../../wsl-init/launch.ts";
import { devShmMode } from "../../wsl-init/dev-shm-mode.ts";
import type { LaunchForm } from "../../wsl-init/launch-request.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

const DEFAULT_EXEC_TIMEOUT_MS = DEFAULT_TIMEOUTS.execMs;
const DEFAULT_BOOT_TIMEOUT_MS = DEFAULT_TIMEOUTS.bootMs;
const STOP_GRACE_S = "10";

/**
 * Distros as systemd containers on a local Docker engine: one image per run and tarball, one container per
 * distro on the run's own network, the run directory bind-mounted at the same path. Every resource carries the
 * run's labels (see docker-labels.ts) so `nwh cleanup` finds what a crashed run left.
 */
export class DockerBackend implements Backend {
  readonly kind = "docker" as const;
  /** Containers run on the host kernel: systemd's monotonic timestamps are on the host's CLOCK_MONOTONIC. */
  readonly sharesHostClock = true;
  readonly runId: string;
  readonly #workDir: string;
  readonly #execTimeoutMs: number;
  readonly #bootTimeoutMs: number;
  readonly #transcript?: Transcript;
  readonly #distros = new Map<string, DistroState>();
  /** The run images this instance imported or used: removed at the end when no container uses them (cached ones stay). */
  readonly #images = new Set<string>();
  /** Distros start from the image cache's images (image-cache.ts), kept for later runs. */
  readonly #imageCache: boolean;
  #engine?: Promise<void>;

  constructor(options: BackendOptions) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.runId ?? "")) throw new Error(`runId must be letters, digits, "_", "." or "-", got "${options.runId}"`);
    if (!options.workDir) throw new Error("workDir is required: the run directory the Docker backend shares with its distros");
    this.runId = options.runId;
    this.#workDir = path.resolve(options.workDir);
    this.#execTimeoutMs = options.execTimeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    this.#bootTimeoutMs = options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    this.#transcript = options.transcript;
    this.#imageCache = options.imageCache ?? imageCacheEnabled();
  }

  async capabilities(distro: string): Promise<ReadonlySet<Capability>> {
    const state = await this.#running(distro);
    return capabilitiesFromFacts(state.facts!);
  }

  async hostFacts(): Promise<HostFacts> {
    await this.#requireEngine();
    const facts = await dockerHostFacts();
    const probed = [...this.#distros.values()].filter((s) => s.facts);
    if (probed.some((s) => isStandin(s.facts!))) facts.standin = "true";
    return facts;
  }

  async importDistro(options: { name: string; tarball: string; tarballSha256?: string; transcript?: Transcript }): Promise<StartedDistro> {
    const { name, tarball } = options;
    const transcript = options.transcript ?? this.#transcript;
    if (!name.trim()) throw new Error("importDistro: the distro name is empty");
    if (this.#distros.has(name)) throw new Error(`importDistro: a distro named "${name}" is already imported by this run; unregister it first`);
    await assertTarball(tarball);
    await this.#requireEngine();
    const sha = options.tarballSha256 ?? (await computeTarballSha256(tarball));
    const image = distroImage(this.runId, sha, this.#imageCache);
    // A cached image is never the distro's to remove.
    const ownImage = image.cached ? undefined : image.tag;
    const state = newDistroState({ name, owned: true, tarball, tarballSha256: sha }, ownImage);
    await mkdir(this.#workDir, { recursive: true });
    try {
      const initBinary = await buildWslInit();
      state.container = await withRunLock(this.runId, this.#bootTimeoutMs, async () => {
        await ensureDistroImage({ runId: this.runId, image, tarball, tarballSha256: sha, timeoutMs: this.#bootTimeoutMs, transcript });
        if (ownImage) this.#images.add(ownImage);
        const network = await ensureRunNetwork(this.runId, transcript);
        return startSystemdContainer(
          { name: distroContainerName(this.runId, name), image: image.tag, hostname: dockerNamePart(name, 63), labels: runLabels(this.runId, name), network, workDir: this.#workDir, distroName: name, initBinary, devShm: devShmMode(process.env) },
          transcript,
        );
      });
      this.#distros.set(name, state);
      await bootDistro(state, { timeoutMs: this.#bootTimeoutMs, transcript, alreadyStarted: true });
      return bindDistro(this, state.info);
    } catch (error) {
      this.#distros.delete(name);
      await this.#removeDistroResources(name, ownImage, transcript).catch((cleanupError: unknown) =>
        transcript?.note(`cleanup after the failed import of ${name} failed too: ${(cleanupError as Error).message}`),
      );
      throw error;
    }
  }

  async adoptDistro(name: string): Promise<StartedDistro> {
    await this.#requireEngine();
    const byLabel = idLines(await docker(["ps", "-a", "-q", ...labelFilterArgs({ distro: name })]));
    const container = byLabel[0] ?? (await dockerInspect<{ Id: string }>("container", name))?.Id;
    if (!container) throw new Error(`adoptDistro: no container is labelled as distro "${name}" or named "${name}"; list them with: docker ps -a --filter label=nwh.managed=true`);
    const state = newDistroState({ name, owned: false }, undefined);
    state.container = container;
    this.#distros.set(name, state);
    return bindDistro(this, state.info);
  }

  /**
   * The argv as the WSL backend runs it: `--exec /bin/sh -c 'exec "$@"' sh [/usr/bin/env K=V...] ARGV`, so the
   * program is found on the distro's own PATH (/etc/set-environment), through /init's exec form.
   */
  async exec(distro: string, argv: readonly string[], options: DistroExecOptions = {}): Promise<ExecResult> {
    const state = await this.#running(distro, options.transcript);
    return this.#launch(state, { kind: "exec", argv: argvCommandForm(argv, options.env) }, options, undefined, true);
  }

  /** The command line to the user's shell from passwd (`pw_shell -c CMDLINE`); "" = the login shell. Variables as WSLENV passes them. */
  async shell(distro: string, commandLine: string, options: DistroExecOptions = {}): Promise<ExecResult> {
    const state = await this.#running(distro, options.transcript);
    const form: LaunchForm = commandLine === "" ? { kind: "login-shell" } : { kind: "shell", commandLine, login: false };
    return this.#launch(state, form, options, options.env, true);
  }

  async terminate(distro: string): Promise<void> {
    const state = this.#state(distro);
    await state.starting?.catch(() => undefined);
    await docker(["stop", "-t", STOP_GRACE_S, state.container], { transcript: this.#transcript });
    state.running = false;
  }

  /** Every running container of the run, and the adopted distros (the user's, labelled by no run), as `wsl --shutdown` stops every distro. */
  async shutdown(): Promise<void> {
    await this.#requireEngine();
    const ofRun = idLines(await docker(["ps", "-q", ...labelFilterArgs({ runId: this.runId })], { transcript: this.#transcript }));
    const adopted = [...this.#distros.values()].filter((s) => !s.info.owned && s.container).map((s) => s.container);
    const ids = [...ofRun, ...adopted.filter((id) => !ofRun.some((short) => id.startsWith(short)))];
    if (ids.length > 0) await docker(["stop", "-t", STOP_GRACE_S, ...ids], { transcript: this.#transcript, timeoutMs: DEFAULT_TIMEOUTS.cleanupMs });
    for (const state of this.#distros.values()) state.running = false;
  }

  async unregister(distro: string): Promise<void> {
    const state = this.#distros.get(distro);
    if (state && !state.info.owned) {
      this.#distros.delete(distro);
      return;
    }
    await this.#requireEngine();
    await state?.starting?.catch(() => undefined);
    this.#distros.delete(distro);
    await this.#removeDistroResources(distro, state?.image, this.#transcript);
  }

  async copyToDistro(distro: string, hostPath: string, distroPath: string, options: { user?: string } = {}): Promise<void> {
    const state = await this.#running(distro);
    const { session } = selectSession(state.facts!.users, state.facts!.configuredDefaultUser, options.user);
    await copyIntoContainer({ container: state.container, hostPath, distroPath, uid: session.uid, user: session.user, timeoutMs: this.#execTimeoutMs, transcript: this.#transcript });
  }

  async copyFromDistro(distro: string, distroPath: string, hostPath: string): Promise<void> {
    const state = await this.#running(distro);
    await copyOutOfContainer({ container: state.container, distroPath, hostPath, timeoutMs: this.#execTimeoutMs, transcript: this.#transcript });
  }

  /** Only the run directory is shared (bind-mounted at the same path): identity inside it, an error outside. */
  async toDistroPath(distro: string, hostPath: string): Promise<string> {
    this.#state(distro);
    return this.#sharedPath(hostPath, "host");
  }

  async toHostPath(distro: string, distroPath: string): Promise<string> {
    this.#state(distro);
    return this.#sharedPath(distroPath, "distro");
  }

  async distroEndpoint(distro: string, port: number): Promise<Endpoint> {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`distroEndpoint: port must be 1-65535, got ${port}`);
    const state = await this.#running(distro);
    const published = state.network?.ports.get(port);
    if (published) return { host: LOOPBACK, port: published };
    if (state.network?.address) return { host: state.network.address, port };
    throw new Error(`distroEndpoint: distro "${distro}" has neither a published port for ${port} nor an address on a network of this run`);
  }

  async hostServiceAddress(distro: string): Promise<{ listenHost: string; distroSeesHostAs: string }> {
    const state = await this.#running(distro);
    const gateway = state.network?.gateway;
    if (!gateway) throw new Error(`hostServiceAddress: the container of distro "${distro}" is on no bridge network with a gateway`);
    return { listenHost: gateway, distroSeesHostAs: gateway };
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (const name of [...this.#distros.keys()]) await this.unregister(name).catch((error: unknown) => errors.push(error));
    if (this.#engine) {
      await withRunLock(this.runId, this.#bootTimeoutMs, async () => {
        for (const image of this.#images) await removeImageIfUnused(image, this.#transcript).catch((error: unknown) => errors.push(error));
        await removeRunNetworkIfUnused(this.runId, this.#transcript).catch((error: unknown) => errors.push(error));
      });
    }
    if (errors.length > 0) throw new AggregateError(errors, `dispose: ${errors.length} resource(s) could not be removed; run: nwh cleanup --run-id ${this.runId}`);
  }

  #state(distro: string): DistroState {
    const state = this.#distros.get(distro);
    if (!state) throw new Error(`distro "${distro}" is not known to this Docker backend (run ${this.runId}); import or adopt it first`);
    return state;
  }

  /** The distro, started (and booted) first when it is not running, as WSL starts a terminated distro. */
  async #running(distro: string, transcript?: Transcript): Promise<DistroState> {
    const state = this.#state(distro);
    if (state.running && state.facts && !state.starting) return state;
    state.starting ??= bootDistro(state, { timeoutMs: this.#bootTimeoutMs, transcript: transcript ?? this.#transcript, alreadyStarted: false }).finally(() => {
      state.starting = undefined;
    });
    await state.starting;
    return state;
  }

  /** One launch as WSL's init: the user as of passwd now, the login session on the first launch per user, then /init. */
  async #launch(state: DistroState, form: LaunchForm, options: DistroExecOptions, passedEnv: Readonly<Record<string, string>> | undefined, mayRestart: boolean): Promise<ExecResult> {
    const transcript = options.transcript ?? this.#transcript;
    // /init reads passwd itself at every launch (shell, home); the harness needs only the uid: a user made
    // since the last look is found by looking again.
    if (options.user !== undefined && !state.facts!.users.some((e) => e.name === options.user || String(e.uid) === options.user)) {
      state.facts = { ...state.facts!, users: await readUsers(state.container, transcript) };
    }
    const facts = state.facts!;
    const { session } = selectSession(facts.users, facts.configuredDefaultUser, options.user);
    const planned = planLaunch({
      container: state.container,
      user: { name: session.user, uid: session.uid },
      config: state.config!,
      form,
      cwd: options.cwd,
      // The stand-in's WSLg twin is on when it declares one or its X server is up.
      wslg: facts.guiDeclared || facts.x11,
      env: { WSL_DISTRO_NAME: state.info.name, ...passedEnv },
      interactive: options.input !== undefined,
      claimedSessions: state.loginSessions,
      transcript,
    });
    const plan = await planned.catch(async (error: unknown) => {
      // The login session's calls found the container stopped (from inside, or by another worker): start it again.
      if (mayRestart && isContainerNotRunning(error instanceof Error ? error.message : String(error))) return undefined;
      throw error;
    });
    if (!plan) {
      state.running = false;
      await this.#running(state.info.name, options.transcript);
      return this.#launch(state, form, options, passedEnv, false);
    }
    const args = plan.dockerArgs;
    const result = await withRetry(
      async () => {
        const attempt = await exec(["docker", ...args], { timeoutMs: options.timeoutMs ?? this.#execTimeoutMs, input: options.input, transcript: options.transcript });
        // Only the engine's own errors are retried, never the command's exit code.
        if (attempt.exitCode !== 0 && isEngineErrorOutput(attempt.stderr) && classifyDockerError(new ExecError("exit", attempt)).transient) throw new ExecError("exit", attempt);
        return attempt;
      },
      { classify: classifyDockerError, label: `exec in ${state.info.name}`, transcript: options.transcript, minTimeoutMs: 200 },
    );
    if (result.exitCode !== 0 && isEngineErrorOutput(result.stderr)) {
      if (mayRestart && isContainerNotRunning(result.stderr)) {
        // Stopped from inside (poweroff) or by another worker's shutdown: start it again, as WSL would.
        state.running = false;
        await this.#running(state.info.name, options.transcript);
        return this.#launch(state, form, options, passedEnv, false);
      }
      if (isNoSuchObject(new ExecError("exit", result))) throw new Error(`distro "${state.info.name}": its container ${state.container.slice(0, 12)} is gone (removed outside the harness?)`);
    }
    return result;
  }

  #sharedPath(input: string, side: "host" | "distro"): string {
    const resolved = path.posix.resolve(input);
    const relative = path.posix.relative(this.#workDir, resolved);
    if (relative === "" || (!relative.startsWith("..") && !path.posix.isAbsolute(relative))) return resolved;
    throw new Error(
      `the Docker backend shares no file system with its distros except the run directory ${this.#workDir} (bind-mounted at the same path); ${side} path ${input} is outside it: use copyToDistro/copyFromDistro, or put the file under the run directory`,
    );
  }

  /** Removes the distro's container, then (under the run lock) its image when no other container uses it. */
  async #removeDistroResources(distro: string, image: string | undefined, transcript?: Transcript): Promise<void> {
    const ids = idLines(await docker(["ps", "-a", "-q", ...labelFilterArgs({ runId: this.runId, distro })], { transcript }));
    await withRunLock(this.runId, this.#bootTimeoutMs, async () => {
      if (ids.length > 0) {
        await docker(["rm", "-f", "-v", ...ids], { transcript }).catch((error: unknown) => {
          if (!isNoSuchObject(error)) throw error;
        });
      }
      if (image) await removeImageIfUnused(image, transcript);
    });
  }

  async #requireEngine(): Promise<void> {
    this.#engine ??= checkDockerAvailability().then((availability) => {
      if (!availability.available) throw new Error(`Docker backend: ${availability.reason}`);
    });
    try {
      await this.#engine;
    } catch (error) {
      this.#engine = undefined;
      throw error;
    }
  }
}

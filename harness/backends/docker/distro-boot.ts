import type { DistroInfo } from "../../backend.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { WaitAbortError } from "../../wait.ts";
import { DISTRO_PROBE_SCRIPT, type DistroFacts, parseDistroProbe } from "./distro-probe.ts";
import { docker, dockerInspect } from "./docker-cli.ts";
import { loopbackPortMap } from "../../container/published-ports.ts";
import { type PasswdEntry, parsePasswd } from "../../wsl-init/passwd.ts";
import { distroRootShell, readDistroFile } from "../../wsl-init/distro-command.ts";
import { startInstance } from "../../wsl-init/instance-start.ts";
import type { WslDistroConfig } from "../../wsl-init/wsl-conf.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

/** Where the distro sits on the run's network, as of its last start (published host ports change per start). */
export interface DistroNetwork {
  ports: Map<number, number>;
  address?: string;
  gateway?: string;
}

/** What the Docker backend knows about one distro. */
export interface DistroState {
  info: DistroInfo;
  container: string;
  /** The run image it was created from (owned distros; not a cached image, which is not the run's to remove). */
  image?: string;
  running: boolean;
  starting?: Promise<void>;
  /** Read at every start: a rebuild can change the default user or the units. */
  facts?: DistroFacts;
  /** The wsl.conf settings of this instance start (WSL reads wsl.conf once per start). */
  config?: WslDistroConfig;
  /** Uids whose login session was asked for in this instance (WSL asks once per uid per start). */
  loginSessions: Set<number>;
  network?: DistroNetwork;
}

export function newDistroState(info: DistroInfo, image: string | undefined): DistroState {
  return { info, container: "", image, running: false, loginSessions: new Set() };
}

/**
 * Starts the container (unless it was just created): its /init (the WSL init twin, PID 1) writes resolv.conf,
 * hosts and the hostname and execs /sbin/init; then, as WSL, the boot poll up to boot.initTimeout (on expiry a
 * note, and on). Then reads what every launch needs: the users and capabilities' facts, ports and addresses.
 * The user's login session is not started here: as on WSL, the first launch of each user asks for it.
 */
export async function bootDistro(state: DistroState, options: { timeoutMs: number; transcript?: Transcript; alreadyStarted: boolean }): Promise<void> {
  const { transcript } = options;
  if (!options.alreadyStarted) {
    const running = await dockerInspect<{ State?: { Running?: boolean } }>("container", state.container, { transcript });
    if (!running) throw new Error(`distro "${state.info.name}": its container ${state.container.slice(0, 12)} is gone (removed outside the harness?)`);
    if (!running.State?.Running) await docker(["start", state.container], { transcript, note: `start distro ${state.info.name}` });
  }
  const instance = await startInstance(state.container, { transcript, timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs, stillRunning: () => assertStillRunning(state.container, transcript) });
  if (instance.boot?.note) transcript?.note(`distro ${state.info.name}: ${instance.boot.note}`);
  state.config = instance.config;
  state.loginSessions = new Set();
  state.network = await readNetwork(state.container, transcript);
  state.facts = await probe(state.container, transcript);
  state.running = true;
}

/** A container that stopped while booting will not answer: fail at once, with its console. */
async function assertStillRunning(container: string, transcript?: Transcript): Promise<void> {
  const info = await dockerInspect<{ State?: { Running?: boolean; ExitCode?: number } }>("container", container, { transcript });
  if (info?.State?.Running) return;
  const logs = await docker(["logs", "--tail", "40", container], { timeoutMs: 15_000 }).catch(() => undefined);
  const console = logs ? `console (last 40 lines):\n${(logs.stdout + logs.stderr).trim()}` : "console: unavailable";
  throw new WaitAbortError(`the container ${container} stopped while booting (exit code ${info?.State?.ExitCode ?? "unknown"}): /init or /sbin/init did not keep running as PID 1\n${console}`);
}

async function probe(container: string, transcript?: Transcript): Promise<DistroFacts> {
  const result = await distroRootShell(container, DISTRO_PROBE_SCRIPT, [], { timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs, transcript, check: true, note: "read wsl.conf, users and capabilities" });
  return parseDistroProbe(result.stdout);
}

/** The passwd database now: WSL reads it at every launch, and a rebuild may have changed a user's shell. */
export async function readUsers(container: string, transcript?: Transcript): Promise<PasswdEntry[]> {
  return parsePasswd(await readDistroFile(container, "/etc/passwd", { timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs, transcript, note: "read the users" }));
}

interface ContainerNetworkInspect {
  NetworkSettings?: {
    Ports?: Parameters<typeof loopbackPortMap>[0];
    Networks?: Record<string, { IPAddress?: string; Gateway?: string }>;
  };
  HostConfig?: { NetworkMode?: string };
}

async function readNetwork(container: string, transcript?: Transcript): Promise<DistroNetwork> {
  const info = await dockerInspect<ContainerNetworkInspect>("container", container, { transcript });
  const networks = info?.NetworkSettings?.Networks ?? {};
  const own = networks[info?.HostConfig?.NetworkMode ?? ""] ?? Object.values(networks).find((n) => n.Gateway);
  return { ports: loopbackPortMap(info?.NetworkSettings?.Ports), address: own?.IPAddress || undefined, gateway: own?.Gateway || undefined };
}

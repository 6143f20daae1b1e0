import type { DistroInfo } from "../../backend.ts";
import { exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { waitUntil } from "../../wait.ts";
import { DISTRO_PROBE_SCRIPT, type DistroFacts, parseDistroProbe } from "./distro-probe.ts";
import { selectSession } from "./distro-session.ts";
import { docker, dockerInspect } from "./docker-cli.ts";
import { loopbackPortMap } from "./published-ports.ts";
import { waitForSystemd } from "./systemd-ready.ts";
import { type PasswdEntry, parsePasswd } from "./wsl-conf.ts";
import { startUserSession } from "./user-session.ts";

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
  /** The run image it was created from (owned distros). */
  image?: string;
  running: boolean;
  starting?: Promise<void>;
  /** Read at every start: a rebuild can change the default user or the units. */
  facts?: DistroFacts;
  network?: DistroNetwork;
}

export function newDistroState(info: DistroInfo, image: string | undefined): DistroState {
  return { info, container: "", image, running: false };
}

/** How long a GUI stand-in's Wayland socket may trail the X11 one after boot. */
const WAYLAND_GRACE_MS = 10_000;
/** WSL gives up on the user session after boot.initTimeout (10 s by default). */
const USER_SESSION_TIMEOUT_MS = 10_000;

/**
 * Starts the container (unless it was just created), waits for systemd to answer, then reads what every exec
 * needs: the default user from wsl.conf, the capabilities' facts, the published ports and addresses; then starts
 * the default user's systemd session, as WSL does.
 */
export async function bootDistro(state: DistroState, options: { timeoutMs: number; transcript?: Transcript; alreadyStarted: boolean }): Promise<void> {
  const { transcript } = options;
  if (!options.alreadyStarted) {
    const running = await dockerInspect<{ State?: { Running?: boolean } }>("container", state.container, { transcript });
    if (!running) throw new Error(`distro "${state.info.name}": its container ${state.container.slice(0, 12)} is gone (removed outside the harness?)`);
    if (!running.State?.Running) await docker(["start", state.container], { transcript, note: `start distro ${state.info.name}` });
  }
  const systemState = await waitForSystemd(state.container, { timeoutMs: options.timeoutMs, transcript });
  if (systemState === "degraded") transcript?.note(`distro ${state.info.name} booted degraded (systemctl --failed lists the failed units)`);
  state.network = await readNetwork(state.container, transcript);
  state.facts = await probe(state.container, transcript);
  const { session, warning } = selectSession(state.facts.users, state.facts.configuredDefaultUser);
  if (warning) transcript?.note(`distro ${state.info.name}: ${warning}`);
  const sessionWarning = await startUserSession(state.container, session, { timeoutMs: USER_SESSION_TIMEOUT_MS, transcript });
  if (sessionWarning) transcript?.note(`distro ${state.info.name}: ${sessionWarning}`);
  // The user's runtime directory (and the Wayland socket linked into it) comes with the user session.
  if (state.facts.x11 || state.facts.guiDeclared) {
    state.facts = await waitUntil(
      async () => {
        const facts = await probe(state.container, transcript);
        return facts.waylandSockets.length > 0 ? facts : undefined;
      },
      { timeoutMs: WAYLAND_GRACE_MS, what: "the Wayland socket next to X11's /tmp/.X11-unix/X0", intervalMs: 100, maxIntervalMs: 500 },
    ).catch(() => state.facts);
  }
  state.running = true;
}

async function probe(container: string, transcript?: Transcript): Promise<DistroFacts> {
  const result = await exec(["docker", "exec", "-u", "root", container, "sh", "-c", DISTRO_PROBE_SCRIPT], { timeoutMs: 30_000, transcript, check: true, note: "read wsl.conf, users and capabilities" });
  return parseDistroProbe(result.stdout);
}

/** The passwd database now: WSL reads it at every launch, and a rebuild may have changed a user's shell. */
export async function readUsers(container: string, transcript?: Transcript): Promise<PasswdEntry[]> {
  const result = await exec(["docker", "exec", "-u", "root", container, "cat", "/etc/passwd"], { timeoutMs: 30_000, transcript, check: true, note: "read the users" });
  return parsePasswd(result.stdout);
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

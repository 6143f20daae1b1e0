import type { Transcript } from "../../exec/transcript.ts";
import { PUBLISHED_PORTS } from "../../container/published-ports.ts";
import {
  SYSTEMD_CAP_ADD,
  SYSTEMD_CAP_DROP,
  SYSTEMD_CGROUP_MOUNT,
  SYSTEMD_ENV,
  SYSTEMD_IPC_MODE,
  SYSTEMD_SECURITY_OPTS,
  SYSTEMD_STOP_SIGNAL,
  SYSTEMD_TMPFS,
  SYSTEMD_TMPFS_OPTIONS,
} from "../../container/systemd-container-flags.ts";
import { loadTestcontainers } from "./testcontainers-loader.ts";
import { INIT_IN_DISTRO } from "../../wsl-init/default-environment.ts";
import { initContainerEnv } from "../../wsl-init/init-mount.ts";
import type { DevShmMode } from "../../wsl-init/dev-shm-mode.ts";

/** One distro container: the WSL init twin as PID 1 (it execs /sbin/init as WSL does), the run's labels, network and shared run directory. */
export interface DistroContainerSpec {
  name: string;
  image: string;
  hostname: string;
  labels: Record<string, string>;
  network: string;
  /** Bind-mounted at the same path (the only path host and distro share). */
  workDir: string;
  /** The distro's name, handed to /init (wslpath's \\wsl.localhost\NAME). */
  distroName: string;
  /** The host's built WSL init twin, bind-mounted read-only at /init. */
  initBinary: string;
  /** How /init makes /dev/shm (default WSL's bind). */
  devShm?: DevShmMode;
}

/**
 * Creates and starts the container with testcontainers and returns its id once the container process runs;
 * waiting for systemd to finish booting is the caller's (the same wait follows every later start).
 */
export async function startSystemdContainer(spec: DistroContainerSpec, transcript?: Transcript): Promise<string> {
  const { GenericContainer, StartupCheckStrategy } = await loadTestcontainers();

  /** Ready as soon as the container runs; failed when /init exits at once. */
  class ContainerRunning extends StartupCheckStrategy {
    override async checkStartupState(client: import("dockerode"), containerId: string) {
      const state = (await client.getContainer(containerId).inspect()).State;
      if (state.Running) return "SUCCESS" as const;
      return state.Status === "created" ? ("PENDING" as const) : ("FAIL" as const);
    }
  }

  /** Adds what GenericContainer has no builder method for: stop signal, host cgroup namespace, loopback-only ports. */
  class SystemdContainer extends GenericContainer {
    protected override async beforeContainerCreated(): Promise<void> {
      this.createOpts.StopSignal = SYSTEMD_STOP_SIGNAL;
      Object.assign(this.hostConfig, { CgroupnsMode: "host" });
      this.createOpts.ExposedPorts = Object.fromEntries(PUBLISHED_PORTS.map((p) => [`${p}/tcp`, {}]));
      this.hostConfig.PortBindings = Object.fromEntries(PUBLISHED_PORTS.map((p) => [`${p}/tcp`, [{ HostIp: "127.0.0.1", HostPort: "" }]]));
    }
  }

  const [cgroupSource = "", cgroupTarget = ""] = SYSTEMD_CGROUP_MOUNT.split(":");
  const started = performance.now();
  const container = await new SystemdContainer(spec.image)
    .withName(spec.name)
    .withHostname(spec.hostname)
    .withLabels(spec.labels)
    .withCommand([INIT_IN_DISTRO])
    .withEnvironment({ ...SYSTEMD_ENV, ...initContainerEnv({ distroName: spec.distroName, devShm: spec.devShm }) })
    .withAddedCapabilities(...SYSTEMD_CAP_ADD)
    .withDroppedCapabilities(...SYSTEMD_CAP_DROP)
    .withSecurityOpt(...SYSTEMD_SECURITY_OPTS)
    .withIpcMode(SYSTEMD_IPC_MODE)
    .withTmpFs(Object.fromEntries(SYSTEMD_TMPFS.map((path) => [path, SYSTEMD_TMPFS_OPTIONS[path]])))
    .withBindMounts([
      { source: cgroupSource, target: cgroupTarget, mode: "rw" },
      { source: spec.workDir, target: spec.workDir, mode: "rw" },
      { source: spec.initBinary, target: INIT_IN_DISTRO, mode: "ro" },
    ])
    .withNetworkMode(spec.network)
    .withAutoCleanup(false)
    .withWaitStrategy(new ContainerRunning().withStartupTimeout(30_000))
    .start();
  transcript?.note(`docker: started container ${spec.name} (${container.getId().slice(0, 12)}) from ${spec.image} in ${Math.round(performance.now() - started)} ms`);
  return container.getId();
}

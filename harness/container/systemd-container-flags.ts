/**
 * The one set of `docker run` options that boots systemd as PID 1 on these hosts without --privileged
 * (which fails here: "unable to apply caps"). Shared by the Docker backend and the WSL emulator.
 * SIGRTMIN+3 makes systemd halt at once on `docker stop` (else a stop takes 10 s).
 */
export const SYSTEMD_STOP_SIGNAL = "SIGRTMIN+3";
export const SYSTEMD_CAP_ADD = ["ALL"] as const;
/** Missing from the bounding set on these hosts; asking for it fails the start. */
export const SYSTEMD_CAP_DROP = ["SYS_RESOURCE"] as const;
export const SYSTEMD_SECURITY_OPTS = ["seccomp=unconfined", "apparmor=unconfined"] as const;
export const SYSTEMD_TMPFS = ["/run", "/run/lock", "/tmp"] as const;
/**
 * Mount options of those tmpfs mounts. Docker's default is noexec; on WSL (and NixOS) programs run from /tmp
 * and /run (e.g. a script a test copies to /tmp), so they are exec here.
 */
export const SYSTEMD_TMPFS_OPTIONS: Record<(typeof SYSTEMD_TMPFS)[number], string> = {
  "/run": "rw,exec,nosuid,nodev,mode=755",
  "/run/lock": "rw,exec,nosuid,nodev,mode=1777",
  "/tmp": "rw,exec,nosuid,nodev,mode=1777",
};
/**
 * No IPC mount of Docker's: "none" leaves /dev/shm absent (Docker's "private" mounts its own tmpfs there), so the
 * WSL init twin makes it as WSL does (a bind of /run/shm) and a suite's /dev/shm check sees WSL's, not Docker's.
 */
export const SYSTEMD_IPC_MODE = "none";
export const SYSTEMD_CGROUP_MOUNT = "/sys/fs/cgroup:/sys/fs/cgroup:rw";
export const SYSTEMD_ENV = { container: "docker" } as const;

/** The same options as `docker run` argv (before the image name). */
export function systemdDockerRunArgs(): string[] {
  return [
    "--stop-signal", SYSTEMD_STOP_SIGNAL,
    ...SYSTEMD_CAP_ADD.flatMap((c) => ["--cap-add", c]),
    ...SYSTEMD_CAP_DROP.flatMap((c) => ["--cap-drop", c]),
    ...SYSTEMD_SECURITY_OPTS.flatMap((o) => ["--security-opt", o]),
    "--cgroupns=host",
    "--ipc", SYSTEMD_IPC_MODE,
    ...SYSTEMD_TMPFS.flatMap((t) => ["--tmpfs", `${t}:${SYSTEMD_TMPFS_OPTIONS[t]}`]),
    "-v", SYSTEMD_CGROUP_MOUNT,
    ...Object.entries(SYSTEMD_ENV).flatMap(([k, v]) => ["-e", `${k}=${v}`]),
  ];
}

/** Labels every harness-made Docker resource carries, so `nwh cleanup` finds leftovers. */
export const LABEL_RUN = "nwh.run";
export const LABEL_DISTRO = "nwh.distro";
export const LABEL_MANAGED = "nwh.managed";

/**
 * How the WSL init twin makes /dev/shm: "bind" as WSL does now (a directory with the /run/shm tmpfs bound onto
 * it), "symlink" as WSL 0.68.x did (/dev/shm -> /run/shm; microsoft/WSL#8996, NixOS-WSL#199). The old mode is a
 * plain switch, NWH_WSL_DEV_SHM=symlink in the environment of `nwh` (Docker backend) or of the WSL emulator: no
 * source gives the release that changed it, so no emulated WSL version implies it.
 */
export type DevShmMode = "bind" | "symlink";

export const DEV_SHM_MODE_VARIABLE = "NWH_WSL_DEV_SHM";

export function devShmMode(env: NodeJS.ProcessEnv): DevShmMode {
  const value = env[DEV_SHM_MODE_VARIABLE];
  if (value === undefined || value === "" || value === "bind") return "bind";
  if (value === "symlink") return "symlink";
  throw new Error(`${DEV_SHM_MODE_VARIABLE}="${value}": it accepts "symlink" (the old WSL's /dev/shm) or "bind" (WSL's now, the default)`);
}

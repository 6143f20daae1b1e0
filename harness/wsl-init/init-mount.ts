import { buildWslInit } from "../../fixtures/wsl-init/build-init.ts";
import { INIT_IN_DISTRO } from "./default-environment.ts";
import { DEV_SHM_MODE_VARIABLE, type DevShmMode } from "./dev-shm-mode.ts";

/** The host's built /init and how it is mounted in every distro container (read-only, as WSL provides /init). */
export async function initBindMount(): Promise<{ source: string; target: string; mode: "ro" }> {
  return { source: await buildWslInit(), target: INIT_IN_DISTRO, mode: "ro" };
}

/** Environment of the container that PID 1 hands to wslinfo/wslpath (then drops). */
export function initContainerEnv(facts: { distroName: string; wslVersion?: string; vmId?: string; networkingMode?: string; devShm?: DevShmMode }): Record<string, string> {
  return {
    NWH_WSL_DISTRO_NAME: facts.distroName,
    ...(facts.wslVersion ? { NWH_WSL_VERSION: facts.wslVersion } : {}),
    ...(facts.vmId ? { NWH_WSL_VM_ID: facts.vmId } : {}),
    ...(facts.networkingMode ? { NWH_WSL_NETWORKING_MODE: facts.networkingMode } : {}),
    ...(facts.devShm === "symlink" ? { [DEV_SHM_MODE_VARIABLE]: "symlink" } : {}),
  };
}

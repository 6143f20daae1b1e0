import type { Transcript } from "../../exec/transcript.ts";
import { docker, dockerInspect } from "./docker-cli.ts";
import { isInUse, isNameConflict, isNoSuchObject } from "./docker-errors.ts";
import { runLabels, runNetworkName } from "../../container/docker-labels.ts";

/**
 * The run's own bridge network: its distros talk to this machine through its gateway address, and this
 * machine reaches them at their addresses on it. Call under the run lock.
 */
export async function ensureRunNetwork(runId: string, transcript?: Transcript): Promise<string> {
  const name = runNetworkName(runId);
  if (await dockerInspect("network", name, { transcript })) return name;
  const labels = Object.entries(runLabels(runId)).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  try {
    await docker(["network", "create", "--driver", "bridge", ...labels, name], { transcript });
  } catch (error) {
    if (!isNameConflict(error)) throw error;
  }
  return name;
}

/**
 * Removes the run network unless a container (of another worker) still uses it. Call under the run lock.
 * A stopped container has no endpoint on it, so Docker would remove it and that distro could not start again
 * (a terminated distro waiting for its next command): any container attached, running or not, keeps it.
 */
export async function removeRunNetworkIfUnused(runId: string, transcript?: Transcript): Promise<boolean> {
  const attached = await docker(["ps", "-a", "-q", "--filter", `network=${runNetworkName(runId)}`], { transcript });
  if (attached.stdout.trim() !== "") return false;
  try {
    await docker(["network", "rm", runNetworkName(runId)], { transcript });
    return true;
  } catch (error) {
    if (isInUse(error) || isNoSuchObject(error)) return false;
    throw error;
  }
}

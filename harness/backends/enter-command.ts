import type { BackendKind } from "../backend.ts";
import { distroContainerName } from "./docker/docker-labels.ts";

/** The command a person types to get a shell in a distro the run left behind. */
export function enterCommand(kind: BackendKind, runId: string, distro: string): string {
  if (kind === "docker") return `docker exec -it ${distroContainerName(runId, distro)} bash -l`;
  return `wsl -d ${distro}`;
}

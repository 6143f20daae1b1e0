import { distroContainerName } from "../../container/docker-labels.ts";
import type { BackendDescriptor } from "../backend-descriptor.ts";
import { dockerHostFatalFix } from "./docker-host-fatal.ts";

/** Docker: a systemd container per distro, with WSL's init twin as PID 1. */
export const dockerBackend: BackendDescriptor = {
  kind: "docker",
  create: async (options) => new (await import("./docker-backend.ts")).DockerBackend(options),
  sweeper: async (options) => new (await import("./docker-sweeper.ts")).DockerSweeper(options),
  availability: async () => (await import("./availability.ts")).checkDockerAvailability(),
  adoptsRegisteredDistros: false,
  pinsVmSettings: false,
  needsUserTarball: false,
  startFacts: {
    importBoots: "on Docker, importDistro already starts the container and waits for systemd",
    noUtilityVm: "Docker has no utility VM: containers share the running host kernel (see cold-instance-start)",
    noUserSessionStarter: "on WSL, WSL's init starts it; on Docker nothing does",
  },
  hostFatalFix: dockerHostFatalFix,
  enterCommand: (runId, distro) => `docker exec -it ${distroContainerName(runId, distro)} bash -l`,
  whyMissing: {
    "windows-host": "the docker backend runs on Linux, no Windows binaries",
    wsl: "the docker backend does not drive wsl.exe",
    wslg: "the docker backend has no WSLg (the stand-in's Xvfb/weston count as `gui` only)",
    nixos: "the docker backend runs the Linux stand-in, not NixOS",
    nixpkgs: "no nixpkgs channel is reachable offline on the docker backend",
    internet: "the docker backend's distros have no internet access",
  },
};

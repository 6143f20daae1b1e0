import type { Backend, BackendKind, LeftoverSweeper } from "../backend.ts";
import type { BackendAvailability, BackendOptions } from "./backend-options.ts";
import { dockerHostFatalFix } from "./docker/docker-host-fatal.ts";
import { wslHostFatalFix } from "./wsl/wsl-host-fatal.ts";

export async function createBackend(kind: BackendKind, options: BackendOptions): Promise<Backend> {
  if (kind === "docker") return new (await import("./docker/docker-backend.ts")).DockerBackend(options);
  return new (await import("./wsl/wsl-backend.ts")).WslBackend(options);
}

/** Finds resources left by crashed runs: all harness-made ones, or one run's with `runId`. */
export async function createSweeper(kind: BackendKind, options: { runId?: string; wslExe?: string }): Promise<LeftoverSweeper> {
  if (kind === "docker") return new (await import("./docker/docker-sweeper.ts")).DockerSweeper(options);
  return new (await import("./wsl/wsl-sweeper.ts")).WslSweeper(options);
}

export async function checkAvailability(kind: BackendKind, options: { wslExe?: string }): Promise<BackendAvailability> {
  if (kind === "docker") return (await import("./docker/availability.ts")).checkDockerAvailability();
  return (await import("./wsl/availability.ts")).checkWslAvailability(options);
}

/** The fix when an import or boot error says this host cannot run any distro of the backend (the run stops), else undefined. */
export function hostFatalFix(kind: BackendKind, error: unknown): string | undefined {
  return kind === "docker" ? dockerHostFatalFix(error) : wslHostFatalFix(error);
}

/** wsl on Windows, docker elsewhere. */
export function defaultBackendKind(): BackendKind {
  return process.platform === "win32" ? "wsl" : "docker";
}

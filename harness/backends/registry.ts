import type { Backend, BackendKind, LeftoverSweeper } from "../backend.ts";
import { UsageError } from "../model/usage-error.ts";
import type { BackendDescriptor } from "./backend-descriptor.ts";
import type { BackendAvailability, BackendOptions, SweeperOptions } from "./backend-options.ts";
import { dockerBackend } from "./docker/descriptor.ts";
import { wslBackend } from "./wsl/descriptor.ts";

const registry = new Map<string, BackendDescriptor>();

/** Adds a kind of backend (the built-in ones are registered below; a test may add its own). */
export function registerBackend(descriptor: BackendDescriptor): () => void {
  registry.set(descriptor.kind, descriptor);
  return () => registry.delete(descriptor.kind);
}

registerBackend(dockerBackend);
registerBackend(wslBackend);

export function backendKinds(): string[] {
  return [...registry.keys()];
}

export function backendDescriptor(kind: BackendKind): BackendDescriptor {
  const descriptor = registry.get(kind);
  if (!descriptor) throw new UsageError(`unknown backend "${kind}": use ${backendKinds().join(" or ")}`);
  return descriptor;
}

/** `--backend NAME` (or config `backend`): a registered kind, else one line and exit 2. */
export function parseBackendKind(value: string | undefined, source = "--backend"): BackendKind | undefined {
  if (value === undefined) return undefined;
  if (registry.has(value)) return value;
  throw new UsageError(`${source} must be ${backendKinds().map((k) => `"${k}"`).join(" or ")}, got "${value}"`);
}

/** wsl on Windows, docker elsewhere. */
export function defaultBackendKind(): BackendKind {
  return process.platform === "win32" ? "wsl" : "docker";
}

export const createBackend = (kind: BackendKind, options: BackendOptions): Promise<Backend> => backendDescriptor(kind).create(options);
export const createSweeper = (kind: BackendKind, options: SweeperOptions): Promise<LeftoverSweeper> => backendDescriptor(kind).sweeper(options);
export const checkAvailability = (kind: BackendKind, options: { wslExe?: string }): Promise<BackendAvailability> => backendDescriptor(kind).availability(options);

/** The fix when an import or boot error says this host cannot run any distro of the backend (the run stops), else undefined. */
export const hostFatalFix = (kind: BackendKind, error: unknown): string | undefined => backendDescriptor(kind).hostFatalFix(error);

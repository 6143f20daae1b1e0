import type { BackendKind, DeclaredCapability } from "./capabilities.ts";
import type { WslImportMode } from "./wsl-import-mode.ts";

/**
 * What `nwh run` hands to the suite workers (vitest `provide`/`inject`): plain data only.
 * Each suite file's fixture builds its own backend instance from it.
 */
export interface RunContext {
  runId: string;
  backend: BackendKind;
  /** The tarball every suite file imports; absent with `distro`. */
  tarball?: string;
  tarballSha256?: string;
  /** An already-registered distro to use instead of importing (WSL `run --distro`). */
  distro?: string;
  allowDestructive: boolean;
  keep: boolean;
  /** `--keep-failed`: a suite file's distro stays when one of its tests failed; the others are removed. */
  keepFailed?: boolean;
  /** `--debug`: the first failure pauses the run until the person at the terminal answers. */
  debug?: boolean;
  wslExe?: string;
  /** WSL: how each suite file's distro is made (default DEFAULT_WSL_IMPORT_MODE). */
  wslImport?: WslImportMode;
  /** Run directory: distro install locations, copies, scratch files. */
  workDir: string;
  reportsDir: string;
  timeouts: { execMs: number; bootMs: number; waitMs: number };
  /** WSL `run --networking-mode`: the mode pinned in .wslconfig for this run. */
  networkingMode?: "nat" | "mirrored";
  /** `--capability`: granted on top of what the backend finds, never probed. */
  declaredCapabilities?: DeclaredCapability[];
}

declare module "vitest" {
  export interface ProvidedContext {
    nwhRun: RunContext;
  }
}

export { DEFAULT_TIMEOUTS } from "./default-timeouts.ts";

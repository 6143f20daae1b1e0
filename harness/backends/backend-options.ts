import type { WslImportMode } from "../model/wsl-import-mode.ts";
import type { Transcript } from "../exec/transcript.ts";

/** What every backend is constructed with. */
export interface BackendOptions {
  /** Labels/prefixes every resource; `nwh-<random>` by default. */
  runId: string;
  /** Run directory for files the backend creates (WSL install locations, copies). */
  workDir: string;
  /** Path to wsl.exe or the emulator (WSL backend only). */
  wslExe?: string;
  /** WSL backend only: how importDistro makes a distro; default "tar" (one `wsl --import` per call). */
  wslImport?: WslImportMode;
  /** Default timeout of one process call. */
  execTimeoutMs?: number;
  /** Import + first boot. */
  bootTimeoutMs?: number;
  /** Docker backend only: start distros from the image cache's images (default: NWH_IMAGE_CACHE=1; see image-cache.ts). */
  imageCache?: boolean;
  /** Records setup calls (import, boot) that belong to no single test. */
  transcript?: Transcript;
}

/** What `nwh cleanup` looks for: one run's leftovers or every run's, and (Docker) the image cache too. */
export interface SweeperOptions {
  runId?: string;
  wslExe?: string;
  imageCache?: boolean;
}

/** A backend's answer to "can you run here?", for `nwh doctor`. */
export interface BackendAvailability {
  available: boolean;
  /** Why not, with the fix; or a short description when available. */
  reason: string;
  details: Record<string, unknown>;
}

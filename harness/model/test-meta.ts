import type { TranscriptEntry } from "../exec/transcript.ts";

/** A diagnostic file kept next to the report (journal, weston.log, screenshot). */
export interface Attachment {
  name: string;
  /** Absolute path on the host. */
  path: string;
}

/** What a test hands to the reporters, in vitest's task meta (`task.meta.nwh`). */
export interface NwhTestMeta {
  transcript?: TranscriptEntry[];
  attachments?: Attachment[];
  /** Collected by a wait's last try or on failure: recent journal, failed units, pending jobs. */
  diagnostics?: string;
  /** wsl.exe error code when a wsl error caused the failure (e.g. Wsl/Service/.../HCS_E_CONNECTION_TIMEOUT). */
  wslErrorCode?: string;
  /** Timings the test observed anyway (ms), recorded as JUnit properties. */
  timingsMs?: Record<string, number>;
  /** With retries: each attempt's transcript and diagnostics, by vitest's zero-based retry index. */
  attempts?: NwhAttemptMeta[];
}

export interface NwhAttemptMeta {
  index: number;
  transcript?: TranscriptEntry[];
  diagnostics?: string;
}

/** What a suite file hands to the reporters (file task meta `nwh`): the distro it ran on. */
export interface NwhFileMeta {
  distro?: string;
  nixosVersion?: string;
  capabilities?: string[];
  /** Backend and host facts (WSL/kernel/WSLg/Windows versions, stand-in marker...). */
  properties?: Record<string, string>;
  timingsMs?: Record<string, number>;
  transcript?: TranscriptEntry[];
}

declare module "vitest" {
  interface TaskMeta {
    nwh?: NwhTestMeta | NwhFileMeta;
  }
}

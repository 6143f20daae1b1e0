import type { TranscriptEntry } from "../../harness/exec/transcript.ts";

/**
 * A suite file's distro could not be imported or booted. Thrown once per file: the first test that needs the
 * distro reports it (a JUnit error), the file's other tests are skipped naming it, nothing is imported again.
 */
export class DistroSetupError extends Error {
  override readonly name = "DistroSetupError";
  /** The cause's code when it has one (a wsl.exe `Wsl/...` path), so the report's type names the cause. */
  readonly code?: string;
  /** Set when the host itself cannot run distros (virtualization off, WSL missing): the fix; the run stops. */
  readonly hostFatalFix?: string;
  /** What the import and boot ran, for the report. */
  readonly transcript: TranscriptEntry[];

  constructor(suite: string, cause: unknown, facts: { hostFatalFix?: string; transcript: TranscriptEntry[] }) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`the distro for suite "${suite}" could not be set up: ${why}`, { cause });
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") this.code = code;
    if (facts.hostFatalFix) this.hostFatalFix = facts.hostFatalFix;
    this.transcript = facts.transcript;
  }
}

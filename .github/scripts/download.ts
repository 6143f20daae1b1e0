import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withRetry } from "../../harness/retry.ts";

export class DownloadError extends Error {
  override readonly name = "DownloadError";
  readonly transient: boolean;
  constructor(message: string, transient: boolean) {
    super(message);
    this.transient = transient;
  }
}

export interface DownloadOptions {
  log?: (line: string) => void;
  /** Whole-download limit per try; default 10 minutes. */
  timeoutMs?: number;
  retries?: number;
  minRetryDelayMs?: number;
}

/**
 * Downloads url to file (through file.part, renamed when complete). Network errors, 5xx and 429 are
 * retried; other HTTP errors fail at once with the status.
 */
export async function download(url: string, file: string, options: DownloadOptions = {}): Promise<void> {
  options.log?.(`Downloading ${url}`);
  const partial = `${file}.part`;
  await withRetry(
    async () => {
      const response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(options.timeoutMs ?? 600_000) });
      if (!response.ok || !response.body) {
        const hint = response.status === 404 ? " (not found: check the URL or version)" : "";
        throw new DownloadError(`${url}: HTTP ${response.status} ${response.statusText}${hint}`, response.status >= 500 || response.status === 429);
      }
      await pipeline(Readable.fromWeb(response.body), createWriteStream(partial));
    },
    {
      label: `download ${url}`,
      retries: options.retries ?? 3,
      minTimeoutMs: options.minRetryDelayMs ?? 5_000,
      classify: (error) => (error instanceof DownloadError && !error.transient ? { transient: false } : { transient: true, reason: "download failed" }),
    },
  ).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  await rename(partial, file);
}

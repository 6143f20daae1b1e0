import { ExecError } from "../../exec/index.ts";
import type { Classification } from "../../retry.ts";

/** The text a failed docker call left: stderr of an ExecError, else the message. */
export function dockerErrorText(error: unknown): string {
  if (error instanceof ExecError) return `${error.result.stderr}\n${error.result.stdout}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Engine hiccups worth another try. Everything else (no such object, bad input, a name in use,
 * an engine that is not running at all) fails at once.
 */
const TRANSIENT: ReadonlyArray<[RegExp, string]> = [
  [/device or resource busy/i, "device or resource busy"],
  [/connection reset by peer/i, "engine connection reset"],
  [/(?:^|\s)EOF\s*$|: EOF\b/m, "engine connection closed (EOF)"],
  [/i\/o timeout|TLS handshake timeout|context deadline exceeded/i, "engine timeout"],
  [/ttrpc: closed|transport is closing|connection refused.*containerd/i, "containerd connection lost"],
  [/Error response from daemon: .*\b(?:502|503)\b/i, "engine temporarily unavailable"],
  [/is already in progress/i, "operation already in progress"],
];

/** Classifier for `withRetry` around docker management calls (import, create, start, stop, rm, rmi, network). */
export function classifyDockerError(error: unknown): Classification {
  if (error instanceof ExecError && (error.failure === "timeout" || error.failure === "spawn")) return { transient: false };
  const text = dockerErrorText(error);
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(text)) return { transient: false };
  // A tarball cut short also reads "unexpected EOF": that is bad input, not a flaky engine.
  if (/Error processing tar file|unexpected EOF/i.test(text)) return { transient: false };
  for (const [pattern, reason] of TRANSIENT) if (pattern.test(text)) return { transient: true, reason, maxRetries: 3 };
  return { transient: false };
}

/** Lines the docker CLI writes when the engine (not the command inside the container) failed. */
export function isEngineErrorOutput(stderr: string): boolean {
  return /^(?:Error response from daemon:|error during connect|Cannot connect to the Docker daemon)/m.test(stderr);
}

export function isNoSuchObject(error: unknown): boolean {
  return /No such (?:container|image|network|object)|not found/i.test(dockerErrorText(error));
}

/** `docker rmi` / `docker network rm` refused because something still uses the object. */
export function isInUse(error: unknown): boolean {
  return /conflict: unable to (?:remove|delete)|image is being used|is using its referenced image|has active endpoints|is in use/i.test(dockerErrorText(error));
}

export function isContainerNotRunning(stderr: string): boolean {
  return /Error response from daemon: Container [0-9a-f]+ is not running|is restarting, wait until the container is running/i.test(stderr);
}

export function isNameConflict(error: unknown): boolean {
  return /already exists|is already in use by container/i.test(dockerErrorText(error));
}

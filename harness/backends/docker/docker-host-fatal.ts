const NO_ENGINE = /Cannot connect to the Docker daemon|connect (?:ECONNREFUSED|ENOENT) .*docker\.sock|Is the docker daemon running\?/i;

/** The fix when `error` says the Docker engine is gone (no distro can start); undefined for anything else. */
export function dockerHostFatalFix(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return NO_ENGINE.test(text) ? "no Docker engine is reachable; start one (dockerd, or Docker Desktop) and check with: docker info" : undefined;
}

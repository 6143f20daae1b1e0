import { type ExecResult, exec } from "../../exec/index.ts";
import type { Transcript } from "../../exec/transcript.ts";
import { withRetry } from "../../retry.ts";
import { classifyDockerError } from "./docker-errors.ts";

export const DOCKER_CALL_TIMEOUT_MS = 60_000;

export interface DockerCallOptions {
  timeoutMs?: number;
  transcript?: Transcript;
  input?: string | Uint8Array;
  captureBytes?: number;
  note?: string;
}

/**
 * One docker management call (import, start, stop, rm, inspect, network ...): throws an ExecError on a
 * non-zero exit; transient engine errors are retried (see classifyDockerError), nothing else.
 */
export async function docker(args: readonly string[], options: DockerCallOptions = {}): Promise<ExecResult> {
  return withRetry(
    () => exec(["docker", ...args], { ...options, timeoutMs: options.timeoutMs ?? DOCKER_CALL_TIMEOUT_MS, check: true }),
    { classify: classifyDockerError, label: `docker ${args[0] ?? ""}`, transcript: options.transcript, minTimeoutMs: 200 },
  );
}

/** `docker inspect` of one object, parsed; undefined when it does not exist. */
export async function dockerInspect<T>(kind: "container" | "image" | "network", id: string, options: DockerCallOptions = {}): Promise<T | undefined> {
  const result = await exec(["docker", kind, "inspect", id], { timeoutMs: options.timeoutMs ?? DOCKER_CALL_TIMEOUT_MS, transcript: options.transcript });
  if (result.exitCode !== 0) {
    if (/No such|not found/i.test(result.stderr)) return undefined;
    // Anything else (engine down, bad reply) is worth a retried, checked call that throws with the facts.
    const retried = await docker([kind, "inspect", id], options);
    return (JSON.parse(retried.stdout) as T[])[0];
  }
  return (JSON.parse(result.stdout) as T[])[0];
}

/** IDs listed one per line (`docker ps -q`, `docker images -q`, ...). */
export function idLines(result: ExecResult): string[] {
  return result.stdout.split("\n").map((line) => line.trim()).filter(Boolean);
}

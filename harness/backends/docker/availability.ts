import { exec } from "../../exec/index.ts";
import type { BackendAvailability } from "../backend-options.ts";

const HOW_TO_START = "start one: apt-get install -y docker.io && dockerd >/var/log/dockerd.log 2>&1 & (or start Docker Desktop)";

/** Asks the Docker engine for its version; the engine, not just the client, must answer. */
export async function checkDockerAvailability(): Promise<BackendAvailability> {
  try {
    const result = await exec(["docker", "version", "--format", "{{json .}}"], { timeoutMs: 15_000 });
    const info = safeJson(result.stdout) as { Client?: { Version?: string }; Server?: { Version?: string; Os?: string; Arch?: string } | null };
    if (result.exitCode === 0 && info?.Server?.Version) {
      return { available: true, reason: `Docker engine ${info.Server.Version} reachable`, details: { clientVersion: info.Client?.Version, serverVersion: info.Server.Version, os: info.Server.Os, arch: info.Server.Arch } };
    }
    const why = (result.stderr.trim().split("\n").pop() ?? "").trim();
    return { available: false, reason: `no Docker engine is reachable (${why || `docker exited ${result.exitCode}`}); ${HOW_TO_START}`, details: { clientVersion: info?.Client?.Version } };
  } catch (error) {
    const notFound = (error as { failure?: string }).failure === "spawn";
    return {
      available: false,
      reason: notFound ? `the docker client is not installed; ${HOW_TO_START}` : `docker did not answer: ${(error as Error).message.split("\n")[0]}`,
      details: {},
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

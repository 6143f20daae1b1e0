import { LABEL_DISTRO, LABEL_MANAGED, LABEL_RUN } from "./systemd-container-flags.ts";

/** The labels of a resource made for one run (and, for containers, one distro). */
export function runLabels(runId: string, distro?: string): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_RUN]: runId, ...(distro === undefined ? {} : { [LABEL_DISTRO]: distro }) };
}

/** `--filter` arguments that select harness-made resources: all of them, one run's, or one distro's of a run. */
export function labelFilterArgs(scope: { runId?: string; distro?: string } = {}): string[] {
  const filters = [`label=${LABEL_MANAGED}=true`];
  if (scope.runId !== undefined) filters.push(`label=${LABEL_RUN}=${scope.runId}`);
  if (scope.distro !== undefined) filters.push(`label=${LABEL_DISTRO}=${scope.distro}`);
  return filters.flatMap((f) => ["--filter", f]);
}

/** `docker import --change` arguments that put the run labels on an imported image. */
export function importLabelChanges(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ["--change", `LABEL ${key}=${JSON.stringify(value)}`]);
}

/**
 * A piece of a Docker object name: lowercase [a-z0-9._-], starting with [a-z0-9], at most `max` chars.
 * Docker repository names and container names accept this subset; a changed input gets a short hash suffix
 * so that two distinct inputs never collide.
 */
export function dockerNamePart(input: string, max = 48): string {
  let safe = input.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "").replace(/[._-]+$/, "");
  if (safe === input && safe.length <= max) return safe;
  const suffix = fnv1a(input);
  safe = safe.slice(0, Math.max(0, max - suffix.length - 1)).replace(/[._-]+$/, "");
  return safe ? `${safe}-${suffix}` : suffix;
}

/** The image a run imports a tarball as: one per run and tarball content. */
export function runImageTag(runId: string, tarballSha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(tarballSha256)) throw new Error(`tarballSha256 must be 64 lowercase hex digits, got "${tarballSha256}"`);
  return `nwh-distro/${dockerNamePart(runId)}:${tarballSha256.slice(0, 24)}`;
}

export function runNetworkName(runId: string): string {
  return `nwh-${dockerNamePart(runId)}`;
}

export function distroContainerName(runId: string, distro: string): string {
  return `nwh-${dockerNamePart(runId, 40)}-${dockerNamePart(distro, 60)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

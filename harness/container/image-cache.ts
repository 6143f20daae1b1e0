import { hostLockFile } from "../file-lock.ts";

/**
 * The opt-in image cache (NWH_IMAGE_CACHE=1): the Docker image a tarball is imported as outlives the run and is
 * reused, by the tarball's sha256, by later runs on this engine (the Docker backend's and the WSL emulator's own).
 * Every distro is still a fresh container of it. Cached images carry LABEL_IMAGE_CACHE and no run label, so a
 * run's cleanup and `nwh cleanup` leave them; `nwh cleanup --image-cache` removes them.
 */
export const LABEL_IMAGE_CACHE = "nwh.image-cache";
export const LABEL_TARBALL_SHA256 = "nwh.tarball-sha256";

const CACHE_REPOSITORY_PREFIX = "nwh-cache/";

export function imageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NWH_IMAGE_CACHE === "1";
}

/** The cached image of a tarball for one consumer (the Docker backend checks what it imports; the emulator does not). */
export function cachedImageTag(consumer: "distro" | "wslemu-rootfs", tarballSha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(tarballSha256)) throw new Error(`tarballSha256 must be 64 lowercase hex digits, got "${tarballSha256}"`);
  return `${CACHE_REPOSITORY_PREFIX}${consumer}:${tarballSha256.slice(0, 24)}`;
}

/** An image of the cache: not the run's, nor any distro's, to remove. */
export function isCachedImage(tag: string): boolean {
  return tag.startsWith(CACHE_REPOSITORY_PREFIX);
}

export function cachedImageLabels(tarballSha256: string): Record<string, string> {
  return { [LABEL_IMAGE_CACHE]: "true", [LABEL_TARBALL_SHA256]: tarballSha256 };
}

/** One lock per cached image for every process on this machine: one of them imports it, the others wait. */
export function cachedImageLockFile(tag: string): string {
  return hostLockFile(tag);
}

import type { Transcript } from "../../exec/transcript.ts";
import { exec } from "../../exec/index.ts";
import { docker, dockerInspect } from "./docker-cli.ts";
import { dockerErrorText, isInUse, isNoSuchObject } from "./docker-errors.ts";
import { importLabelChanges, runImageTag, runLabels } from "../../container/docker-labels.ts";
import { BadTarballError } from "../../model/tarball-format.ts";
import { LABEL_TARBALL_SHA256, cachedImageLabels, cachedImageLockFile, cachedImageTag } from "../../container/image-cache.ts";
import { withFileLock } from "../../file-lock.ts";

/** Exit codes of ROOTFS_CHECK_SCRIPT. */
const NO_INIT = 3;
const NO_SYSTEMD = 4;
/** Where systemd lives on Debian-like systems and on NixOS (the system profile). */
const ROOTFS_CHECK_SCRIPT = `test -e /sbin/init || exit ${NO_INIT}
for f in /lib/systemd/systemd /usr/lib/systemd/systemd /nix/var/nix/profiles/system/systemd/lib/systemd/systemd; do test -e "$f" && exit 0; done
exit ${NO_SYSTEMD}`;

/** The image a distro of this tarball starts from: the run's own, or with `cached` the image cache's (image-cache.ts). */
export interface DistroImage {
  tag: string;
  cached: boolean;
}

export function distroImage(runId: string, tarballSha256: string, cached: boolean): DistroImage {
  return cached ? { tag: cachedImageTag("distro", tarballSha256), cached } : { tag: runImageTag(runId, tarballSha256), cached };
}

/**
 * Imports the tarball as the image unless it exists: once per run and tarball content (callers hold the run lock,
 * so concurrent workers import it once), or once per engine for a cached image (under the image's own lock, for
 * every run on this machine). A fresh import is checked for /sbin/init and systemd and removed again when it has
 * neither, with a BadTarballError: a bad tarball is never cached.
 */
export async function ensureDistroImage(options: { runId: string; image: DistroImage; tarball: string; tarballSha256: string; timeoutMs: number; transcript?: Transcript }): Promise<{ imported: boolean }> {
  const { image, transcript } = options;
  if (!image.cached) return ensureImage({ ...options, tag: image.tag, labels: { ...runLabels(options.runId), [LABEL_TARBALL_SHA256]: options.tarballSha256 } });
  return withFileLock(cachedImageLockFile(image.tag), async () => {
    const result = await ensureImage({ ...options, tag: image.tag, labels: cachedImageLabels(options.tarballSha256) });
    if (!result.imported) transcript?.note(`reusing the cached image ${image.tag} of this tarball (NWH_IMAGE_CACHE=1; remove with: nwh cleanup --image-cache)`);
    return result;
  }, { timeoutMs: options.timeoutMs, staleAfterMs: options.timeoutMs, what: "held by another run importing the same tarball into the image cache" });
}

async function ensureImage(options: { tag: string; labels: Record<string, string>; tarball: string; timeoutMs: number; transcript?: Transcript }): Promise<{ imported: boolean }> {
  const { tag, labels, transcript } = options;
  if (await dockerInspect("image", tag, { transcript })) return { imported: false };
  try {
    await docker(["import", ...importLabelChanges(labels), options.tarball, tag], { timeoutMs: options.timeoutMs, transcript, note: "import the distro tarball as an image" });
  } catch (error) {
    const why = dockerErrorText(error).trim().split("\n").pop() ?? "";
    // A failed import can leave an untagged image behind; it carries no tag to find, so it is not ours to chase.
    if (/tar|EOF|gzip|archive|invalid/i.test(why)) throw new BadTarballError(`docker could not import ${options.tarball} as a root filesystem: ${why}`);
    throw error;
  }
  try {
    await checkRootfs(tag, options.tarball, labels, transcript);
  } catch (error) {
    await removeImageIfUnused(tag, transcript).catch(() => undefined);
    throw error;
  }
  return { imported: true };
}

/** Removes the image unless a container (of this or another worker) still uses it. Call under the run lock. */
export async function removeImageIfUnused(tag: string, transcript?: Transcript): Promise<boolean> {
  try {
    await docker(["rmi", tag], { transcript });
    return true;
  } catch (error) {
    if (isInUse(error) || isNoSuchObject(error)) return false;
    throw error;
  }
}

async function checkRootfs(tag: string, tarball: string, labels: Record<string, string>, transcript?: Transcript): Promise<void> {
  const labelArgs = Object.entries(labels).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const result = await exec(["docker", "run", "--rm", "--network", "none", ...labelArgs, "--entrypoint", "/bin/sh", tag, "-c", ROOTFS_CHECK_SCRIPT], {
    timeoutMs: 60_000,
    transcript,
    note: "check the imported root filesystem for /sbin/init and systemd",
  });
  if (result.exitCode === 0) return;
  if (result.exitCode === NO_INIT) throw new BadTarballError(`${tarball} has no /sbin/init: it cannot boot systemd as PID 1 (WSL runs /sbin/init when systemd is enabled)`);
  if (result.exitCode === NO_SYSTEMD) throw new BadTarballError(`${tarball} has no systemd (looked for /lib/systemd/systemd, /usr/lib/systemd/systemd and the NixOS system profile's)`);
  if (/no such file or directory|not found/i.test(result.stderr)) throw new BadTarballError(`${tarball} has no /bin/sh: it is not a Linux root filesystem`);
  throw new Error(`checking the imported image ${tag} failed (exit code ${result.exitCode}): ${result.stderr.trim().split("\n").pop() ?? ""}`);
}

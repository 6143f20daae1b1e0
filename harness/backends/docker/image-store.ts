import type { Transcript } from "../../exec/transcript.ts";
import { exec } from "../../exec/index.ts";
import { docker, dockerInspect } from "./docker-cli.ts";
import { dockerErrorText, isInUse, isNoSuchObject } from "./docker-errors.ts";
import { importLabelChanges, runImageTag, runLabels } from "../../container/docker-labels.ts";
import { BadTarballError } from "../../model/tarball-format.ts";

export const LABEL_TARBALL_SHA256 = "nwh.tarball-sha256";

/** Exit codes of ROOTFS_CHECK_SCRIPT. */
const NO_INIT = 3;
const NO_SYSTEMD = 4;
/** Where systemd lives on Debian-like systems and on NixOS (the system profile). */
const ROOTFS_CHECK_SCRIPT = `test -e /sbin/init || exit ${NO_INIT}
for f in /lib/systemd/systemd /usr/lib/systemd/systemd /nix/var/nix/profiles/system/systemd/lib/systemd/systemd; do test -e "$f" && exit 0; done
exit ${NO_SYSTEMD}`;

/**
 * The run's image of a tarball, imported once per run and tarball content (a deterministic tag; callers hold
 * the run lock, so concurrent workers import it once). A fresh import is checked for /sbin/init and systemd
 * and removed again when it has neither, with a BadTarballError.
 */
export async function ensureRunImage(options: { runId: string; tarball: string; tarballSha256: string; timeoutMs: number; transcript?: Transcript }): Promise<{ tag: string; imported: boolean }> {
  const tag = runImageTag(options.runId, options.tarballSha256);
  const { transcript } = options;
  if (await dockerInspect("image", tag, { transcript })) return { tag, imported: false };
  const labels = { ...runLabels(options.runId), [LABEL_TARBALL_SHA256]: options.tarballSha256 };
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
  return { tag, imported: true };
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

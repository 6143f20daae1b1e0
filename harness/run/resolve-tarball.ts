import { openSync, readSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import { constants, gunzipSync } from "node:zlib";
import type { BackendKind } from "../backend.ts";
import { sniffTarballFormat } from "../backends/docker/tarball-format.ts";
import { UsageError } from "../cli/usage-error.ts";

/**
 * The tarball to import: the user's (checked to exist), or on the Docker backend the Linux stand-in,
 * built and cached on first use. `log` gets progress lines for a person.
 */
export async function resolveTarball(options: { tarball?: string; backend: BackendKind; cacheDir?: string; log: (line: string) => void }): Promise<{ tarball: string; standin: boolean }> {
  if (options.tarball) {
    const file = path.resolve(options.tarball);
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      throw new UsageError(`tarball not found: ${file}; pass an existing nixos.wsl or rootfs .tar.gz to --tarball`);
    }
    if (!isFile) throw new UsageError(`--tarball ${file} is not a file; pass a nixos.wsl or rootfs .tar.gz`);
    const problem = tarballProblem(file);
    if (problem) throw new UsageError(`--tarball ${file} ${problem}; pass a nixos.wsl or rootfs .tar.gz of a distro`);
    return { tarball: file, standin: false };
  }
  if (options.backend === "wsl") {
    throw new UsageError("the wsl backend needs a tarball: pass --tarball nixos.wsl (build one with NixOS-WSL's nixos-wsl-tarball-builder, or download a release)");
  }
  options.log("No --tarball: using the Linux stand-in distro (not NixOS; built once, then cached)");
  const { buildStandin } = await import("../../fixtures/standin/build-standin.ts");
  const built = await buildStandin({ cacheDir: options.cacheDir, log: options.log });
  options.log(built.cached ? `Stand-in: ${built.tarball} (cached)` : `Stand-in built: ${built.tarball}`);
  return { tarball: built.tarball, standin: true };
}

const HEAD_BYTES = 64 * 1024;

/** Why `file` cannot be a distro tarball, from its first bytes (a gzip is opened to see the tar inside); undefined if it may be one. */
export function tarballProblem(file: string): string | undefined {
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(file, "r");
  let length: number;
  try {
    length = readSync(fd, head, 0, HEAD_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, length);
  if (length === 0) return "is empty";
  const format = sniffTarballFormat(bytes);
  if (!format) return "is not a tarball (neither tar nor gzip/xz/zstd/bzip2 data)";
  if (format !== "gzip") return undefined;
  let inner: Buffer;
  try {
    inner = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    return `is not a valid gzip stream (${(error as Error).message})`;
  }
  if (inner.length < 512) return inner.length === 0 ? undefined : "holds too little data for a tar archive";
  return sniffTarballFormat(inner) === "tar" ? undefined : "is gzip data, but not a tar archive inside";
}

import { open } from "node:fs/promises";
import { constants, gunzipSync } from "node:zlib";

export type TarballFormat = "tar" | "gzip" | "xz" | "zstd" | "bzip2";

/** Bad input: the file cannot be a distro root filesystem. The message says which file and why. */
export class BadTarballError extends Error {
  override readonly name = "BadTarballError";
}

/** Recognises a tar archive or a compressed stream `docker import` accepts, from its first 512 bytes. */
export function sniffTarballFormat(head: Uint8Array): TarballFormat | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) return "gzip";
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return "zstd";
  if (starts(0x42, 0x5a, 0x68)) return "bzip2";
  if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString("latin1") === "ustar") return "tar";
  return undefined;
}

/** Enough of a gzip stream to see the first tar header inside it. */
const HEAD_BYTES = 64 * 1024;

/**
 * Throws a BadTarballError unless `file` is a readable, non-empty tar(.gz/.xz/.zst/.bz2); a gzip stream is
 * opened far enough to see that a tar archive is inside.
 */
export async function assertTarball(file: string): Promise<TarballFormat> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new BadTarballError(`cannot read tarball ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; pass the path of a nixos.wsl or .tar.gz file`);
  }
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const format = sniffTarballFormat(bytes);
    const problem = !format ? `is not a tarball (${bytesRead === 0 ? "the file is empty" : "neither tar nor gzip/xz/zstd/bzip2 data"})` : format === "gzip" ? gzipProblem(bytes) : undefined;
    if (problem) throw new BadTarballError(`${file} ${problem}; pass a distro root filesystem such as nixos.wsl`);
    return format!;
  } finally {
    await handle.close();
  }
}

/** Why the start of a gzip stream cannot be a tarball, or undefined when a tar header (or too little to tell) is inside. */
function gzipProblem(bytes: Uint8Array): string | undefined {
  let inner: Buffer;
  try {
    inner = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    return `is not a valid gzip stream (${(error as Error).message})`;
  }
  if (inner.length === 0) return undefined;
  if (inner.length < 512) return "holds too little data for a tar archive";
  return sniffTarballFormat(inner) === "tar" ? undefined : "is gzip data, but not a tar archive inside";
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";

/**
 * sha256 of a tarball, remembered in a `<file>.sha256` sidecar keyed by size and mtime,
 * so that a second run over the same 700 MB tarball does not hash it again.
 */
export async function tarballSha256(file: string): Promise<string> {
  const info = await stat(file);
  const stamp = `${info.size}:${info.mtimeMs}`;
  const sidecar = `${file}.sha256`;
  const remembered = await readFile(sidecar, "utf8").catch(() => "");
  const [sha, savedStamp] = remembered.trim().split(/\s+/);
  if (sha && savedStamp === stamp && /^[0-9a-f]{64}$/.test(sha)) return sha;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = hash.digest("hex");
  await writeFile(sidecar, `${digest} ${stamp}\n`).catch(() => {
    // A read-only location only costs the next run a re-hash.
  });
  return digest;
}

import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { waitUntil } from "../../wait.ts";
import { isProcessAlive } from "../../exec/process-alive.ts";

/**
 * A lock shared by the worker processes of one run on this machine (an atomic mkdir), so that one of them
 * imports the image and creates the network while the others wait, and nothing is removed while another
 * worker is about to use it. A lock whose holder died is taken over.
 */
export async function withRunLock<T>(key: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  const dir = path.join(lockRoot(), `${key.replace(/[^A-Za-z0-9._-]/g, "_")}.lock`);
  await mkdir(lockRoot(), { recursive: true });
  await waitUntil(async () => tryTake(dir), {
    timeoutMs,
    what: `the run lock ${dir} (held by another worker of this run importing or removing a shared image or network)`,
    intervalMs: 25,
    maxIntervalMs: 250,
    diagnose: async () => `holder: ${await readFile(path.join(dir, "owner"), "utf8").catch(() => "unknown")}`,
  });
  try {
    return await body();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function lockRoot(): string {
  return path.join(os.tmpdir(), "nixos-wsl-harness-locks");
}

async function tryTake(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number.parseInt(await readFile(path.join(dir, "owner"), "utf8").catch(() => ""), 10);
    // An owner file not written yet means a holder between mkdir and writeFile: wait for it.
    if (Number.isInteger(owner) && !isProcessAlive(owner)) await rm(dir, { recursive: true, force: true });
    return false;
  }
  await writeFile(path.join(dir, "owner"), String(process.pid));
  return true;
}


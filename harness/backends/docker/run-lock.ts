import { hostLockFile, withFileLock } from "../../file-lock.ts";

/**
 * A lock shared by the worker processes of one run on this machine, so that one of them imports the image and
 * creates the network while the others wait, and nothing is removed while another worker is about to use it.
 */
export async function withRunLock<T>(key: string, timeoutMs: number, body: () => Promise<T>): Promise<T> {
  return withFileLock(hostLockFile(key), body, { timeoutMs, what: "held by another worker of this run importing or removing a shared image or network" });
}

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostLockRoot as lockRoot } from "../../file-lock.ts";
import { withRunLock } from "./run-lock.ts";

describe("withRunLock", () => {
  it("never lets two bodies with the same key overlap", async () => {
    const key = `unit-${process.pid}-${Date.now()}`;
    let inside = 0;
    let maxInside = 0;
    const body = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((resolve) => setImmediate(resolve));
      inside--;
    };
    await Promise.all(Array.from({ length: 5 }, () => withRunLock(key, 10_000, body)));
    expect(maxInside).toBe(1);
  });

  it("takes over a lock whose holder died, and releases it after a failing body", async () => {
    const key = `unit-stale-${process.pid}-${Date.now()}`;
    await mkdir(lockRoot(), { recursive: true });
    // The lock file of a holder that died: its pid names no process.
    await writeFile(path.join(lockRoot(), `${key}.lock`), "999999999");
    await expect(withRunLock(key, 5_000, async () => { throw new Error("body failed"); })).rejects.toThrow("body failed");
    await expect(withRunLock(key, 1_000, async () => "again")).resolves.toBe("again");
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { UsageError } from "../model/usage-error.ts";
import { resolveTarball } from "./resolve-tarball.ts";

const dir = mkdtempSync(path.join(tmpdir(), "nwh-tarball-"));
function file(name: string, bytes: Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, bytes);
  return target;
}

describe("resolveTarball", () => {
  test("a file that is not a tarball is a usage error naming it (exit 2)", async () => {
    const bad = file("notatar.wsl", Buffer.from("definitely not a tar".repeat(40)));
    const attempt = resolveTarball({ tarball: bad, backend: "wsl", log: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/notatar\.wsl is not a tarball/);
  });
});

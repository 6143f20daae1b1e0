import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { type KeptDistro, keptDistroLines, neededByKept, readKeptDistros, recordKeptDistro } from "./kept-distros.ts";

const kept: KeptDistro = { name: "nwh-systemd-1a2b3c", suite: "systemd", enter: "wsl -d nwh-systemd-1a2b3c", reason: "a test failed" };

describe("kept distros (--keep-failed)", () => {
  test("what a worker records, the run reads back", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-kept-"));
    expect(readKeptDistros(dir)).toEqual([]);
    recordKeptDistro(dir, kept);
    expect(readKeptDistros(dir)).toEqual([kept]);
  });

  test("the final sweep spares the kept distro and what it shares, and removes the other distros", () => {
    const container = (distro: string) => ({ kind: "container", id: "f00d", description: `nwh-nwh-0a1b2c3d-${distro} (nwh-0a1b2c3d, distro ${distro}, Exited)` });
    expect(neededByKept(container("nwh-systemd-1a2b3c"), [kept])).toBe(true);
    expect(neededByKept(container("nwh-networking-9f8e7d"), [kept])).toBe(false);
    expect(neededByKept({ kind: "wsl-distro", id: "NWH-SYSTEMD-1A2B3C", description: "WSL distro" }, [kept])).toBe(true);
    expect(neededByKept({ kind: "network", id: "abc", description: "nwh-0a1b2c3d-net (nwh-0a1b2c3d)" }, [kept])).toBe(true);
    expect(neededByKept({ kind: "network", id: "abc", description: "nwh-0a1b2c3d-net (nwh-0a1b2c3d)" }, [])).toBe(false);
  });

  test("the summary names the distro and the way in", () => {
    expect(keptDistroLines([kept], "wsl")).toEqual([
      "Kept for debugging (--keep-failed): nwh-systemd-1a2b3c (suite systemd: a test failed); enter: wsl -d nwh-systemd-1a2b3c; REPL: nwh shell --backend wsl --distro nwh-systemd-1a2b3c",
    ]);
  });
});

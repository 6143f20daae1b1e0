import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildStandin } from "../../../fixtures/standin/build-standin.ts";
import { labelFilterArgs } from "../../container/docker-labels.ts";
import { exec } from "../../exec/index.ts";
import { PACKAGE_ROOT } from "../../run/suite-files.ts";
import { PseudoTerminal } from "../pseudo-terminal.ts";

const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");

async function containersOf(distro: string): Promise<string[]> {
  const result = await exec(["docker", "ps", "-a", "-q", ...labelFilterArgs({ distro })], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean);
}

describe("nwh shell through a pseudo-terminal", () => {
  test("runs a command through the Distro API, keeps the history, and removes its distro on exit", async () => {
    const tarball = (await buildStandin()).tarball;
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "nwh-shell-cache-"));
    const terminal = new PseudoTerminal([process.execPath, NWH, "shell", "--backend", "docker", "--tarball", tarball], { env: { NWH_CACHE_DIR: cacheDir }, timeoutMs: 600_000 });
    let distro = "";
    try {
      distro = (await terminal.waitFor(/distro (nwh-shell-[0-9a-f]{6}) is up/, 420_000))[1] as string;
      await terminal.waitFor(/nwh> /, 60_000);
      expect(await containersOf(distro)).toHaveLength(1);
      const mark = terminal.text.length;
      // The answer (42) appears only when the command ran in the distro; the typed line shows $((6*7)).
      terminal.type('(await distro.succeed(["sh", "-c", "echo from-$(hostname)-$((6*7))"])).trim()\r');
      await terminal.waitFor(/'from-[\w.-]+-42'/, 120_000, mark);
      terminal.type("machine.capabilities.has('systemd')\r");
      await terminal.waitFor(/\ntrue\n/, 30_000, mark);
      terminal.type(".exit\r");
      expect(await terminal.exited()).toBe(0);
      expect(terminal.text).toContain(`nwh shell: removed distro ${distro}`);
    } finally {
      terminal.kill();
    }
    expect(await containersOf(distro)).toEqual([]);
    const history = path.join(cacheDir, "repl-history");
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, "utf8")).toContain("echo from-$(hostname)-$((6*7))");
  });

  test("--keep leaves the distro; --distro adopts it, runs a command through the API and leaves it registered", async () => {
    const tarball = (await buildStandin()).tarball;
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "nwh-shell-cache-"));
    const first = new PseudoTerminal([process.execPath, NWH, "shell", "--backend", "docker", "--tarball", tarball, "--keep"], { env: { NWH_CACHE_DIR: cacheDir }, timeoutMs: 600_000 });
    let distro = "";
    try {
      distro = (await first.waitFor(/distro (nwh-shell-[0-9a-f]{6}) is up/, 420_000))[1] as string;
      await first.waitFor(/nwh> /, 60_000);
      first.type(".exit\r");
      expect(await first.exited()).toBe(0);
      expect(first.text).toMatch(new RegExp(`${distro} stays; enter it with: docker exec -it \\S+ bash -l`));
      expect(await containersOf(distro)).toHaveLength(1);

      const second = new PseudoTerminal([process.execPath, NWH, "shell", "--backend", "docker", "--distro", distro], { env: { NWH_CACHE_DIR: cacheDir }, timeoutMs: 300_000 });
      try {
        await second.waitFor(new RegExp(`distro ${distro} is up`), 240_000);
        const mark = second.text.length;
        second.type('(await distro.succeed(["sh", "-c", "echo adopted-$((6*7))"])).trim()\r');
        await second.waitFor(/'adopted-42'/, 120_000, mark);
        second.type(".exit\r");
        expect(await second.exited()).toBe(0);
      } finally {
        second.kill();
      }
      expect(await containersOf(distro)).toHaveLength(1);
    } finally {
      first.kill();
      // The kept distro, its image and its network go by the first shell's run id.
      const runId = /docker backend, run (nwh-[0-9a-f]{8})/.exec(first.text)?.[1];
      if (runId) await exec([process.execPath, NWH, "cleanup", "--backend", "docker", "--run-id", runId], { timeoutMs: 300_000 });
    }
  });

  test("--distro that does not exist is refused in one line, exit 2", async () => {
    const result = await exec([process.execPath, NWH, "shell", "--backend", "docker", "--distro", "nwh-nothing-000000"], { timeoutMs: 120_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^nwh: --distro nwh-nothing-000000: adoptDistro: no container is labelled as distro "nwh-nothing-000000"/);
  });

  test("--distro with --tarball is refused in one line, exit 2", async () => {
    const result = await exec([process.execPath, NWH, "shell", "--distro", "X", "--tarball", "y.wsl"], { timeoutMs: 60_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe("nwh: --distro and --tarball exclude each other: --distro uses a registered distro, --tarball imports a new one");
  });
});

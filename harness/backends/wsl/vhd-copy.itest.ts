import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStandin } from "../../../fixtures/standin/build-standin.ts";
import { exec, Transcript } from "../../exec/index.ts";
import type { WslImportMode } from "../../model/wsl-import-mode.ts";
import { DistroLedger } from "./distro-ledger.ts";
import { WslBackend } from "./wsl-backend.ts";
import { WslSweeper } from "./wsl-sweeper.ts";

// The vhd-copy import path of the WSL backend, through the project's WSL emulator: one template per run (made under a
// lock by whichever suite file comes first), each file's distro a copy of its disk, the template the run's to remove.
const WSL_EXE = fileURLToPath(new URL("../../../fixtures/wsl-emulator/wsl.exe", import.meta.url));
const NWH = fileURLToPath(new URL("../../../bin/nwh.js", import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-vhdcopy-it-"));
const suffix = randomBytes(3).toString("hex");
const runId = `nwh-vhdit-${suffix}`;
const ledgerDir = path.join(work, "ledger");
const workDir = path.join(work, "run");
let tarball: string;

/** One suite file's backend: a vitest worker of its own in a run, sharing the run's id and work dir. */
function fileBackend(transcript: Transcript, wslImport: WslImportMode = "vhd-copy"): WslBackend {
  return new WslBackend({ runId, workDir, wslExe: WSL_EXE, ledgerDir, transcript, execTimeoutMs: 180_000, wslImport });
}

const argvOf = (transcript: Transcript) => transcript.entries.map((e) => e.argv.slice(1).join(" "));
const notes = (transcript: Transcript) => transcript.entries.flatMap((e) => (e.note ? [e.note] : []));
const templates = async (backend: WslBackend) => (await backend.list()).filter((e) => e.name.startsWith("nwh-template-"));

beforeAll(async () => {
  process.env.NWH_WSL_EMULATOR_STATE = path.join(work, "emulator-state");
  process.env.NWH_WSL_EMU_NODE = process.execPath;
  tarball = process.env.NWH_DOCKER_TEST_TARBALL || (await buildStandin()).tarball;
});

afterAll(async () => {
  const sweeper = new WslSweeper({ runId, wslExe: WSL_EXE, ledgerDir });
  for (const leftover of await sweeper.findLeftovers().catch(() => [])) await sweeper.removeLeftover(leftover).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!existsSync(WSL_EXE))("WSL backend, vhd-copy: fresh distros at the cost of a copy", () => {
  const transcripts = [new Transcript(), new Transcript()];
  const names = [`nwh-vhda-${suffix}`, `nwh-vhdb-${suffix}`];
  let backends: WslBackend[] = [];

  it("two suite files importing at once make one template: one tar import, one VHD export, then a copy each", async () => {
    backends = transcripts.map((t) => fileBackend(t));
    await Promise.all(backends.map((b, i) => b.importDistro({ name: names[i] as string, tarball, transcript: transcripts[i] })));
    const all = transcripts.flatMap(argvOf);
    expect(all.filter((a) => a.startsWith("--import nwh-template-") && a.includes(tarball))).toHaveLength(1);
    expect(all.filter((a) => a.startsWith("--export nwh-template-") && a.endsWith("--format vhd"))).toHaveLength(1);
    for (const name of names) expect(all.filter((a) => a.startsWith(`--import ${name} `) && a.includes("ext4.vhdx --vhd --version 2"))).toHaveLength(1);
    expect(transcripts.flatMap(notes).filter((n) => n.includes("is a copy of the disk of nwh-template-"))).toHaveLength(2);
    const listed = await backends[0]?.list();
    expect(listed?.map((e) => [e.name.replace(/-[0-9a-f]{6}$/, ""), e.state, e.version]).sort()).toEqual([
      ["nwh-template", "Stopped", 2],
      ["nwh-vhda", "Stopped", 2],
      ["nwh-vhdb", "Stopped", 2],
    ]);
  });

  it("gives each file a distro of its own: what one changes, the other and the template never see", async () => {
    const [a, b] = backends as [WslBackend, WslBackend];
    const [nameA, nameB] = names as [string, string];
    expect((await a.exec(nameA, ["sh", "-c", "echo a > /root/nwh-mark && cat /root/nwh-mark"], { user: "root" })).stdout).toBe("a\n");
    expect((await b.exec(nameB, ["sh", "-c", "test -e /root/nwh-mark; echo $?"], { user: "root" })).stdout).toBe("1\n");
    // A copy boots as the tarball does: NixOS-WSL's layout, the default user, systemd.
    expect((await b.exec(nameB, ["id", "-un"])).stdout).toBe("nixos\n");
    expect((await b.capabilities(nameB)).has("systemd")).toBe(true);
  });

  it("vhd-in-place: the harness copies the template disk itself and registers it in place; unregistering deletes the copy", async () => {
    const transcript = new Transcript();
    const backend = fileBackend(transcript, "vhd-in-place");
    const name = `nwh-vhdp-${suffix}`;
    await backend.importDistro({ name, tarball, transcript });
    const disk = path.join(workDir, "wsl", name, "ext4.vhdx");
    expect(argvOf(transcript).filter((a) => a.startsWith("--import") || a.startsWith("--export"))).toEqual([`--import-in-place ${name} ${disk}`]);
    expect(existsSync(disk)).toBe(true);
    expect((await backend.exec(name, ["sh", "-c", "test -e /root/nwh-mark; echo $?"], { user: "root" })).stdout).toBe("1\n");
    await backend.unregister(name);
    expect(existsSync(disk)).toBe(false);
    await backend.dispose();
  });

  it("the template outlives each file's distro and dispose; the run's sweep removes it with its disk", async () => {
    for (const [i, backend] of backends.entries()) {
      await backend.unregister(names[i] as string);
      await backend.dispose();
    }
    const [template] = await templates(backends[0] as WslBackend);
    expect(template?.name).toMatch(/^nwh-template-[0-9a-f]{6}$/);
    const record = new DistroLedger(ledgerDir).read(template?.name as string);
    expect(record).toMatchObject({ runId, role: "template" });
    expect(existsSync(path.join(record?.location as string, "export", "ext4.vhdx"))).toBe(true);

    const sweeper = new WslSweeper({ runId, wslExe: WSL_EXE, ledgerDir });
    const leftovers = await sweeper.findLeftovers();
    expect(leftovers.map((l) => [l.kind, l.id])).toEqual([["wsl-distro", template?.name]]);
    expect(leftovers[0]).toMatchObject({ runScoped: true, description: expect.stringContaining("the VHD template of a run") });
    await sweeper.removeLeftover(leftovers[0] as (typeof leftovers)[number]);
    expect(await templates(backends[0] as WslBackend)).toEqual([]);
    expect(existsSync(record?.location as string)).toBe(false);
  });

  it("a template whose run crashed is found by `nwh cleanup` (its owner is gone), and only then", async () => {
    const transcript = new Transcript();
    const backend = fileBackend(transcript);
    const name = `nwh-vhdc-${suffix}`;
    // The sweep removed the template: the next file makes a new one.
    await backend.importDistro({ name, tarball, transcript });
    await backend.unregister(name);
    const [template] = await templates(backend);
    const ledger = new DistroLedger(ledgerDir);
    const record = ledger.read(template?.name as string);
    const cleanup = (...args: string[]) =>
      exec([process.execPath, NWH, "cleanup", "--backend", "wsl", "--wsl-exe", WSL_EXE, "--json", ...args], {
        timeoutMs: 300_000,
        env: { NWH_WSL_LEDGER_DIR: ledgerDir },
      });
    const whileAlive = JSON.parse((await cleanup("--dry-run")).stdout) as { leftovers: Array<{ id: string }> };
    expect(whileAlive.leftovers.map((l) => l.id)).not.toContain(template?.name);
    // The run's process died: a pid that no longer runs.
    const gone = await exec(["sh", "-c", "echo $$"], { timeoutMs: 10_000, check: true });
    ledger.write({ ...(record as NonNullable<typeof record>), pid: Number(gone.stdout.trim()) });
    const crashed = await cleanup();
    const report = JSON.parse(crashed.stdout) as { leftovers: Array<{ id: string; removed: boolean; description: string }> };
    expect(report.leftovers).toEqual([expect.objectContaining({ id: template?.name, removed: true, description: expect.stringContaining("the VHD template of a run") })]);
    expect(crashed.exitCode).toBe(0);
    expect(await templates(backend)).toEqual([]);
    await backend.dispose();
  });

  it("falls back to tar imports on an old inbox wsl.exe (no VHD verbs), saying so in the transcript", async () => {
    process.env.NWH_WSL_EMU_LEGACY = "1";
    const transcript = new Transcript();
    const backend = fileBackend(transcript);
    const name = `nwh-vhdd-${suffix}`;
    try {
      await backend.importDistro({ name, tarball, transcript });
      expect(argvOf(transcript).filter((a) => a.startsWith("--import ") || a.startsWith("--export "))).toEqual([`--import ${name} ${path.join(workDir, "wsl", name)} ${tarball} --version 2`]);
      expect(notes(transcript).some((n) => n.includes("old inbox build") && n.includes("importing the tarball"))).toBe(true);
      expect(await templates(backend)).toEqual([]);
      await backend.unregister(name);
    } finally {
      delete process.env.NWH_WSL_EMU_LEGACY;
      await backend.dispose();
    }
  });

  it("tar mode never makes a template", async () => {
    const transcript = new Transcript();
    const backend = fileBackend(transcript, "tar");
    const name = `nwh-vhde-${suffix}`;
    await backend.importDistro({ name, tarball, transcript });
    expect(argvOf(transcript).some((a) => a.includes("nwh-template-"))).toBe(false);
    await backend.unregister(name);
    await backend.dispose();
    expect(new DistroLedger(ledgerDir).list().map((r) => r.name)).toEqual([]);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DistroLedger, LOCATION_MARKER } from "./distro-ledger.ts";
import { FakeWslExe, recorded } from "./fake-wsl-exe.test-helper.ts";
import { WslBackend } from "./wsl-backend.ts";
import { WslSweeper } from "./wsl-sweeper.ts";

/** `-l -v` bytes (UTF-16LE, CRLF) for rows of [name, state, version]. */
function listBytes(rows: [string, string, number][]): Buffer {
  const width = Math.max(4, ...rows.map(([name]) => name.length)) + 4;
  const line = (mark: string, name: string, state: string, version: string | number) => `${mark} ${name.padEnd(width)}${state.padEnd(16)}${version}\r\n`;
  return Buffer.from(line(" ", "NAME", "STATE", "VERSION") + rows.map(([n, s, v], i) => line(i === 0 ? "*" : " ", n, s, v)).join(""), "utf16le");
}

let fake: FakeWslExe;
let work: string;
let ledgerDir: string;
let tarball: string;
let wslFile: string;
const name = "nwh-smoke-abc123";

const created: WslBackend[] = [];
function backend(wslExe = fake.path): WslBackend {
  const b = new WslBackend({ runId: "nwh-run1", workDir: work, wslExe, ledgerDir, execTimeoutMs: 20_000 });
  created.push(b);
  return b;
}

beforeEach(() => {
  fake = new FakeWslExe().answer("shutdown", { out: "" });
  work = mkdtempSync(path.join(os.tmpdir(), "nwh-wslbackend-"));
  ledgerDir = path.join(work, "ledger");
  tarball = path.join(work, "standin.tar.gz");
  wslFile = path.join(work, "nixos.wsl");
  writeFileSync(tarball, "not really a tarball");
  writeFileSync(wslFile, "not really a tarball");
  // First -l -v: only the user's distro; later ones: ours too.
  fake.answer("list", { out: listBytes([["Ubuntu", "Stopped", 2], [name, "Stopped", 2]]) }).answer("list", { out: listBytes([["Ubuntu", "Stopped", 2]]) }, 1);
});
afterEach(async () => {
  fake.answer("unregister", { out: "" });
  for (const b of created.splice(0)) await b.dispose().catch(() => {});
  fake.remove();
  rmSync(work, { recursive: true, force: true });
});

describe("importDistro", () => {
  it("installs a .wsl file with --install --from-file on WSL 2.7.11, under the run directory, and verifies VERSION 2", async () => {
    fake.answer("version", { out: recorded("version-de.utf16le.txt") });
    const info = await backend().importDistro({ name, tarball: wslFile });
    const location = path.join(work, "wsl", name);
    expect(fake.calls()).toEqual(["-l -v", "--version", `--install --from-file ${wslFile} --name ${name} --location ${location} --no-launch --version 2`, "-l -v"]);
    expect(info).toMatchObject({ name, owned: true, tarball: wslFile });
    expect(info.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(path.join(location, LOCATION_MARKER), "utf8"))).toMatchObject({ name, runId: "nwh-run1", location });
    expect(new DistroLedger(ledgerDir).read(name)).toMatchObject({ runId: "nwh-run1", location });
  });

  it("uses --import for a .wsl file on WSL older than 2.4.4, and for tarballs", async () => {
    fake.answer("version", { out: recorded("version-fr.utf8.txt") });
    await backend().importDistro({ name, tarball: wslFile });
    expect(fake.calls()[2]).toBe(`--import ${name} ${path.join(work, "wsl", name)} ${wslFile} --version 2`);
  });

  it("refuses a name that is already registered, before touching anything", async () => {
    fake.answer("list", { out: listBytes([[name, "Stopped", 2]]) }, 1).answer("version", { out: recorded("version-de.utf16le.txt") });
    await expect(backend().importDistro({ name, tarball })).rejects.toThrow(/already registered/);
    expect(fake.calls()).toEqual(["-l -v"]);
  });

  it("fails clearly when the import lands as WSL 1, and removes it", async () => {
    fake
      .answer("version", { out: recorded("version-de.utf16le.txt") })
      .answer("list", { out: listBytes([[name, "Stopped", 1]]) }, 2)
      .answer("list", { out: listBytes([[name, "Stopped", 1]]) }, 3)
      .answer("list", { out: listBytes([["Ubuntu", "Stopped", 2]]) }, 4)
      .answer("unregister", { out: "" });
    await expect(backend().importDistro({ name, tarball })).rejects.toThrow(/imported as WSL 1, not WSL 2/);
    expect(fake.calls()).toContain(`--unregister ${name}`);
    expect(existsSync(path.join(work, "wsl", name))).toBe(false);
    expect(new DistroLedger(ledgerDir).read(name)).toBeUndefined();
  });

  it("retries a transient import failure after --shutdown, and reports a fatal one with its code after cleaning up", async () => {
    fake.answer("version", { out: recorded("version-de.utf16le.txt") }).failFirst("import", 1, { out: recorded("error-hcs-timeout-register-fr.utf16le.txt") });
    await backend().importDistro({ name, tarball });
    expect(fake.calls().filter((c) => c.startsWith("--import") || c === "--shutdown")).toHaveLength(3);

    const fatal = new FakeWslExe().answer("version", { out: recorded("version-de.utf16le.txt") }).answer("list", { out: listBytes([["Ubuntu", "Stopped", 2]]) });
    fatal.failFirst("import", 9, { out: recorded("error-invalidarg-import.utf16le.txt") });
    const b = backend(fatal.path);
    await expect(b.importDistro({ name: "nwh-fatal-zzz999", tarball })).rejects.toMatchObject({ code: "Wsl/Service/RegisterDistro/E_INVALIDARG", name: "E_INVALIDARG" });
    expect(fatal.calls().filter((c) => c.startsWith("--import"))).toHaveLength(1);
    expect(existsSync(path.join(work, "wsl", "nwh-fatal-zzz999"))).toBe(false);
    fatal.remove();
  });
});

describe("running commands", () => {
  it("runs exec's argv through NixOS-WSL's /bin/sh (exec \"$@\"), variables through /usr/bin/env; shell calls after --", async () => {
    fake.answer("run", { out: "0\n" });
    const b = backend();
    const result = await b.exec(name, ["id", "-u"], { user: "root", cwd: "/tmp", env: { A: "1", B: "two words" } });
    expect(result.stdout).toBe("0\n");
    await b.exec(name, ['my "odd" prog', "a b"]);
    await b.shell(name, "shopt login_shell", { input: "echo hi\n" });
    expect(fake.callArgvs()).toEqual([
      ["-d", name, "-u", "root", "--cd", "/tmp", "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", "A=1", "B=two words", "id", "-u"],
      ["-d", name, "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", 'my "odd" prog', "a b"],
      ["-d", name, "--", "shopt login_shell"],
    ]);
  });

  it("terminate, shutdown, export, set default user", async () => {
    fake.answer("terminate", { out: "" }).answer("other", { out: "" });
    const b = backend();
    await b.terminate(name);
    await b.shutdown();
    await b.exportDistro(name, path.join(work, "out.tar"));
    await b.setDefaultUser(name, "nixos");
    expect(fake.calls()).toEqual([`--terminate ${name}`, "--shutdown", `--export ${name} ${path.join(work, "out.tar")}`, `--manage ${name} --set-default-user nixos`]);
  });

  it("translates paths with /bin/wslpath inside the distro and copies with cp there (argv form)", async () => {
    // A real wsl.exe rejects the emulator's info option as invalid usage.
    fake.answer("run", { out: "/mnt/c/x\n" }).answer("other", { out: recorded("error-invalid-usage.utf16le.txt"), exit: 255 });
    const b = backend();
    expect(await b.toDistroPath(name, "C:\\x")).toBe("/mnt/c/x");
    await b.copyToDistro(name, path.join(work, "f"), "/etc/nixos/configuration.nix", { user: "root" });
    expect(await b.isEmulated()).toBe(false);
    expect(fake.callArgvs()).toEqual([
      ["-d", name, "--exec", "/bin/wslpath", "-u", "C:\\x"],
      ["--nwh-emulator-info", "nwh-emulator-probe-0000"],
      ["-d", name, "--exec", "/bin/wslpath", "-u", path.join(work, "f")],
      ["-d", name, "-u", "root", "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", "cp", "--", "/mnt/c/x", "/etc/nixos/configuration.nix"],
    ]);
  });
});

describe("removal", () => {
  it("unregisters what it imported and removes its directory on dispose; idempotent", async () => {
    fake.answer("version", { out: recorded("version-de.utf16le.txt") }).answer("unregister", { out: "" });
    const b = backend();
    await b.importDistro({ name, tarball });
    const location = path.join(work, "wsl", name);
    expect(existsSync(location)).toBe(true);
    fake.answer("list", { out: listBytes([["Ubuntu", "Stopped", 2]]) }, 5);
    await b.dispose();
    expect(fake.calls().filter((c) => c.startsWith("--unregister"))).toEqual([`--unregister ${name}`]);
    expect(existsSync(location)).toBe(false);
    fake.answer("list", { out: listBytes([["Ubuntu", "Stopped", 2]]) });
    await b.unregister(name);
    expect(fake.calls().filter((c) => c.startsWith("--unregister"))).toHaveLength(1);
  });

  it("adopts a contributor's distro and never unregisters it; refuses distros it did not create", async () => {
    const b = backend();
    await expect(b.adoptDistro("Missing")).rejects.toThrow(/no distro named "Missing".*Ubuntu/);
    expect(await b.adoptDistro("ubuntu")).toEqual({ name: "Ubuntu", owned: false });
    await expect(b.unregister("Ubuntu")).rejects.toThrow(/never unregisters a distro it did not create/);
    await expect(backend().unregister(name)).rejects.toThrow(/was not created by the harness/);
    expect(fake.calls().some((c) => c.startsWith("--unregister"))).toBe(false);
  });
});

describe("WslSweeper", () => {
  it("finds only harness-named distros, by run id when given, and removes them with their directories", async () => {
    const ledger = new DistroLedger(ledgerDir);
    const record = (n: string, runId: string, pid = 999_999_999) => ({ name: n, runId, location: path.join(work, "wsl", n), wslExe: fake.path, pid, hostname: os.hostname(), createdAt: "2026-01-01T00:00:00Z" });
    ledger.write(record("nwh-smoke-aaaa11", "nwh-old"));
    ledger.write(record("nwh-net-bbbb22", "nwh-other"));
    ledger.write(record("nwh-live-cccc33", "nwh-live", process.pid));
    ledger.write(record("nwh-gone-dddd44", "nwh-old"));
    const rows: [string, string, number][] = [["Ubuntu", "Running", 2], ["nwh-smoke-aaaa11", "Stopped", 2], ["nwh-net-bbbb22", "Stopped", 2], ["nwh-live-cccc33", "Running", 2], ["nwh-norecord-eeee55", "Stopped", 2], ["nwhish", "Stopped", 2]];
    fake.answer("list", { out: listBytes(rows) }).answer("list", { out: listBytes(rows) }, 1).answer("unregister", { out: "" });

    const all = await new WslSweeper({ wslExe: fake.path, ledgerDir }).findLeftovers();
    expect(all.map((l) => `${l.kind}:${l.id}`).sort()).toEqual(["wsl-distro:nwh-net-bbbb22", "wsl-distro:nwh-norecord-eeee55", "wsl-distro:nwh-smoke-aaaa11", "wsl-location:nwh-gone-dddd44"]);

    const sweeper = new WslSweeper({ runId: "nwh-old", wslExe: fake.path, ledgerDir });
    const mine = await sweeper.findLeftovers();
    expect(mine.map((l) => l.id).sort()).toEqual(["nwh-gone-dddd44", "nwh-smoke-aaaa11"]);
    for (const leftover of mine) await sweeper.removeLeftover(leftover);
    expect(fake.calls().filter((c) => c.startsWith("--unregister"))).toEqual(["--unregister nwh-smoke-aaaa11"]);
    expect(existsSync(path.join(work, "wsl", "nwh-smoke-aaaa11"))).toBe(false);
    expect(existsSync(path.join(work, "wsl", "nwh-gone-dddd44"))).toBe(false);
    expect(existsSync(path.join(work, "wsl", "nwh-net-bbbb22"))).toBe(true);
    await expect(sweeper.removeLeftover({ kind: "wsl-distro", id: "Ubuntu", description: "" })).rejects.toThrow(/refusing/);
  });
});

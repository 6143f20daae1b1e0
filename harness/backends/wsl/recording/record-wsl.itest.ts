import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { buildStandin } from "../../../../fixtures/standin/build-standin.ts";
import { exec } from "../../../exec/index.ts";
import { PACKAGE_ROOT } from "../../../run/suite-files.ts";
import { discoverRecordedFolders, groupRecordedCalls, readRecordedFolder } from "./recorded-folder.ts";
import { replayRecordedCall } from "./replay-recorded.ts";

// `nwh record-wsl` as a contributor runs it, with the WSL emulator in wsl.exe's place.
const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");
const WSL_EXE = path.join(PACKAGE_ROOT, "fixtures", "wsl-emulator", "wsl.exe");
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-record-wsl-"));
const env = {
  NWH_WSL_EMULATOR_STATE: path.join(work, "emulator-state"),
  NWH_WSL_EMU_NODE: process.execPath,
  NWH_WSL_LEDGER_DIR: path.join(work, "ledger"),
};
const USERS_DISTRO = "UsersOwnDistro";
let tarball: string;

async function wsl(args: string[], timeoutMs = 60_000) {
  return exec([WSL_EXE, ...args], { timeoutMs, env: { ...env, WSL_UTF8: "1" } });
}

beforeAll(async () => {
  tarball = (await buildStandin()).tarball;
  const imported = await wsl(["--import", USERS_DISTRO, path.join(work, USERS_DISTRO), tarball, "--version", "2"], 300_000);
  expect(imported.exitCode, imported.stdout).toBe(0);
  return async () => {
    await wsl(["--unregister", USERS_DISTRO]);
  };
});

describe("nwh record-wsl through the WSL emulator", () => {
  test("with --tarball writes every call's bytes in the recorded format, the replay accepts it, and the user's distro is untouched", async () => {
    const out = path.join(work, "recording");
    const run = await exec([process.execPath, NWH, "record-wsl", "--wsl-exe", WSL_EXE, "--tarball", tarball, "--out", out], { timeoutMs: 600_000, env });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    expect(run.stderr).toContain("the harness's parsers and classifier read every call");

    const folder = readRecordedFolder(out);
    const calls = groupRecordedCalls(folder);
    expect(new Set(folder.entries.map((e) => e.kind))).toEqual(
      new Set(["version", "status", "list-verbose", "list-quiet", "unknown-option", "missing-distro", "import", "exec-missing-program", "import-bad-tarball", "unregister"]),
    );
    expect(calls.flatMap((call) => replayRecordedCall(call))).toEqual([]);
    // Both encodings: wsl.exe's own UTF-16LE without WSL_UTF8, UTF-8 with it.
    const version = (id: string) => folder.entries.find((e) => e.call === id && e.stream === "stdout");
    expect(version("version-utf16")).toMatchObject({ encoding: "utf16le", wslUtf8: null, argv: ["--version"], exitCode: 0 });
    expect(version("version-utf8")).toMatchObject({ encoding: "utf8", wslUtf8: "1" });
    expect(folder.entries[0]?.machine).toMatchObject({ wslVersion: "2.6.1.0", emulated: true, date: expect.stringMatching(/^\d{4}-/) });
    // The user's list shows up in -l -v: that is why the help says to look before sharing.
    expect(folder.entries.find((e) => e.call === "list-verbose-utf8")?.exitCode).toBe(0);

    // The throwaway distros are gone, the user's distro is still there and was never started.
    const listed = await wsl(["-l", "-v"]);
    expect(listed.stdout.replaceAll("\0", "")).toMatch(new RegExp(`${USERS_DISTRO}\\s+Stopped`));
    expect((await wsl(["-l", "-q"])).stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)).toEqual([USERS_DISTRO]);

    // A contributed folder below the recorded set is discovered by the replay test.
    const root = path.join(work, "recorded");
    cpSync(out, path.join(root, "machines", "emulator"), { recursive: true });
    expect(discoverRecordedFolders(root).map((f) => path.relative(root, f.dir))).toEqual([path.join("machines", "emulator")]);
  });
});

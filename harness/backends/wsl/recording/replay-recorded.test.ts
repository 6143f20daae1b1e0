import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { discoverRecordedFolders, groupRecordedCalls, RECORDED_ROOT, readRecordedFolder } from "./recorded-folder.ts";
import { replayKind, replayRecordedCall } from "./replay-recorded.ts";

const folders = discoverRecordedFolders();

describe("every folder of recorded wsl.exe outputs replays through the parsers and the classifier", () => {
  test("the hand-gathered samples are one of the folders found", () => {
    expect(folders.map((f) => f.dir)).toContain(RECORDED_ROOT);
  });

  describe.each(folders.map((folder) => ({ name: path.relative(RECORDED_ROOT, folder.dir) || "recorded/", folder })))("$name", ({ folder }) => {
    test.each(groupRecordedCalls(folder).map((call) => ({ key: call.key, call })))("$key", ({ call }) => {
      expect(replayRecordedCall(call)).toEqual([]);
    });

    test("a recording made by nwh record-wsl names its machine's WSL and Windows versions and the date", () => {
      for (const entry of folder.entries.filter((e) => e.call !== undefined)) {
        expect(entry.machine, entry.file).toMatchObject({ wslVersion: expect.any(String), windowsVersion: expect.any(String), date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
        expect(entry.argv, entry.file).toBeInstanceOf(Array);
        expect(entry.wslUtf8 === null || entry.wslUtf8 === "1", entry.file).toBe(true);
        if (entry.machine?.emulated) expect(entry.synthetic, entry.file).toMatch(/emulator/);
      }
    });
  });
});

describe("the replay rejects what the harness could not read", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-replay-"));
  const write = (file: string, text: string, encoding: BufferEncoding = "utf16le") => writeFileSync(path.join(dir, file), Buffer.from(text.replaceAll("\n", "\r\n"), encoding));
  const entry = (file: string, kind: string, exitCode: number, stream = "stdout") => ({ file, call: file.split(".")[0], kind, command: `wsl ${kind}`, argv: [kind], exitCode, encoding: "utf16le", stream, source: "test" });

  test("a --version that is not seven version lines, a missing distro with another code, a codeless failure", () => {
    write("v.stdout.txt", "WSL version: banana\n");
    write("m.stdout.txt", "The parameter is incorrect.\nError code: Wsl/Service/E_INVALIDARG\n");
    write("x.stdout.txt", "Something went wrong.\n");
    write("ok.stdout.txt", "WSL version: 2.6.1.0\nKernel version: 6.6.87.2-1\nWSLg version: 1.0.66\nMSRDC version: 1.2.6074\nDirect3D version: 1.611.1-81528511\nDXCore version: 10.0.26100.1-240331-1435.ge-release\nWindows version: 10.0.26100.4652\n");
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify([entry("v.stdout.txt", "version", 0), entry("m.stdout.txt", "missing-distro", -1), entry("x.stdout.txt", "unknown-option", -1), entry("ok.stdout.txt", "version", 0)]));
    const calls = groupRecordedCalls(readRecordedFolder(dir));
    const problems = Object.fromEntries(calls.map((call) => [call.key, replayRecordedCall(call).join("; ")]));
    expect(problems.v).toMatch(/parseWslVersion found no/);
    expect(problems.m).toMatch(/gave Wsl\/Service\/E_INVALIDARG, not WSL_E_DISTRO_NOT_FOUND/);
    expect(problems.x).toMatch(/no error code found/);
    expect(problems.ok).toBe("");
  });

  test("a hand-written command is sorted by its words", () => {
    const call = (command: string) => ({ key: "k", entries: [{ file: "f", command, exitCode: 0, encoding: "utf8" as const, stream: "stdout" as const, source: "s" }] });
    expect(replayKind(call("WSL_UTF8=1 wsl -l -v (no distros)"))).toBe("list-verbose");
    expect(replayKind(call("wsl --version (old inbox wsl.exe)"))).toBe("version");
    expect(replayKind(call("wsl -d NixOS --exec true"))).toBe("in-distro");
    expect(replayKind(call("wsl --import nwh-x-1 C:\\nwh\\x nixos.wsl --version 2"))).toBe("other");
  });
});

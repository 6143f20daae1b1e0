import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { isWslExeFailure } from "../wsl-output.ts";
import { recordedBytes, recordedManifest } from "./read-recorded.ts";

/** A source names an issue (#123), a commit of an upstream file (@3e27a6a), or the project's reference notes. */
const NAMES_A_SOURCE = /#\d+|@[0-9a-f]{7}|reference\/wsl-cli\.md|\.cpp\b|localization\//;

describe("recorded wsl.exe outputs", () => {
  test.each(recordedManifest.map((entry) => ({ file: entry.file, entry })))("$file names its source or says why it is synthetic", ({ entry }) => {
    expect(existsSync(new URL(`./${entry.file}`, import.meta.url))).toBe(true);
    if (entry.synthetic !== undefined) expect(entry.synthetic.length).toBeGreaterThan(10);
    else expect(entry.source).toMatch(NAMES_A_SOURCE);
  });

  test("the real execvpe failures are the Linux process's exit 1, not wsl.exe's own failure", () => {
    const execvpe = recordedManifest.filter((entry) => /execvpe/.test(recordedBytes(entry.file).toString("utf8")));
    expect(execvpe.map((e) => e.file).sort()).toEqual(["exec-not-found-ms-11985.utf8.txt", "exec-not-found-nixos-284.utf8.txt", "shell-missing-nixos-305.utf8.txt", "shell-missing-nixos-621.utf8.txt"]);
    for (const entry of execvpe) {
      expect(entry.synthetic).toBeUndefined();
      expect(entry.stream).toBe("stderr");
      expect(isWslExeFailure(entry.exitCode)).toBe(false);
      expect(recordedBytes(entry.file).toString("utf8")).toMatch(/^<3>WSL \(\d+\) ERROR: CreateProcess(Entry)?Common:\d+: execvpe/);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Distro } from "../../harness/distro.ts";
import { collectFailureBundle } from "./failure-bundle.ts";

const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-bundle-"));
afterEach(() => rmSync(path.join(reportsDir, "attachments"), { recursive: true, force: true }));

/** A distro whose every command prints its own argv. */
const echoingDistro = { execute: async (argv: readonly string[]) => ({ exitCode: 0, stdout: argv.join(" "), stderr: "" }) } as unknown as Distro;
const target = { reportsDir, suite: "s", test: "t", attempt: 0 };
const read = (file: string) => readFileSync(file, "utf8");

describe("collectFailureBundle: the host's side", () => {
  it("writes the backend's host files (wsl -l -v, .wslconfig) as attachments of the attempt", async () => {
    const diagnostics = async () => [
      { name: "wsl-list-verbose.txt", text: "$ wsl -l -v\n  NAME    STATE    VERSION\n* nwh-s   Running  2\n" },
      { name: "wslconfig.txt", text: "# C:\\Users\\me\\.wslconfig (not changed by nwh)\n" },
    ];
    const files = await collectFailureBundle(echoingDistro, target, { wslVersion: "2.7.11.0" }, { diagnostics });
    const byName = Object.fromEntries(files.map((f) => [f.name, f.path]));
    expect(read(byName["attempt-1-wsl-list-verbose.txt"] ?? "")).toContain("* nwh-s   Running  2");
    expect(read(byName["attempt-1-wslconfig.txt"] ?? "")).toContain(".wslconfig (not changed by nwh)");
    expect(read(byName["attempt-1-host-facts.txt"] ?? "")).toBe("wslVersion: 2.7.11.0");
  });

  it("on a backend without them, host-facts.txt says why instead, and no empty files are made", async () => {
    const files = await collectFailureBundle(echoingDistro, target, { backend: "docker" }, { notApplicable: "wsl -l -v, .wslconfig: not applicable: no WSL VM" });
    expect(files.map((f) => f.name)).not.toContain("attempt-1-wsl-list-verbose.txt");
    expect(read(files.find((f) => f.name === "attempt-1-host-facts.txt")?.path ?? "")).toBe("backend: docker\nwsl -l -v, .wslconfig: not applicable: no WSL VM");
  });

  it("a host side that fails is written down; the distro's files are still collected", async () => {
    const files = await collectFailureBundle(echoingDistro, target, {}, { diagnostics: async () => Promise.reject(new Error("wsl.exe hung")) });
    expect(read(files.find((f) => f.name === "attempt-1-host-diagnostics.txt")?.path ?? "")).toBe("could not be collected: wsl.exe hung");
    expect(files.map((f) => f.name)).toContain("attempt-1-journal-current-boot.txt");
  });
});

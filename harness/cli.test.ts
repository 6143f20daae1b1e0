import path from "node:path";
import { describe, expect, test } from "vitest";
import { exec } from "./exec/run.ts";
import { PACKAGE_ROOT } from "./run/suite-files.ts";

const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");
const nwh = (...args: string[]) => exec([process.execPath, NWH, ...args], { timeoutMs: 60_000, cwd: PACKAGE_ROOT });
const COMMANDS = [["run"], ["bench"], ["compare"], ["report", "merge"], ["cleanup"], ["doctor"], ["standin", "build"]];

describe("nwh CLI", () => {
  test("--help lists every command", async () => {
    const result = await nwh("--help");
    expect(result.exitCode).toBe(0);
    for (const words of COMMANDS) expect(result.stdout).toContain(words.join(" "));
  });

  test.each(COMMANDS.map((words) => ({ command: words.join(" ") })))("nwh $command --help prints its usage and exits 0", async ({ command }) => {
    const result = await nwh(...command.split(" "), "--help");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: nwh ${command}`));
  });

  test("an unknown command is one clear line and exit 2", async () => {
    const result = await nwh("frobnicate");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(`unknown command "frobnicate"`)]);
  });

  test("report merge of a directory that does not exist is one clear line and exit 2", async () => {
    const result = await nwh("report", "merge", "no-such-shard-dir", "--out", path.join(PACKAGE_ROOT, "reports", "never-written"));
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining("no-such-shard-dir does not exist")]);
  });

  test("a --capability that cannot be declared is one clear line naming it and exit 2", async () => {
    const result = await nwh("run", "--capability", "wslg");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining('--capability "wslg" cannot be declared; accepted: internet')]);
  });

  test("a --junit-dialect other than default or jenkins is one clear line naming both and exit 2", async () => {
    for (const command of [["run"], ["report", "merge", "some-dir"]]) {
      const result = await nwh(...command, "--junit-dialect", "xunit2");
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim()).toBe(`nwh: --junit-dialect must be "default" or "jenkins" (jenkins: valid against Jenkins xunit's junit-10.xsd), got "xunit2"`);
    }
  });

  test.each([
    [["--retries", "two"], '--retries must be an integer >= 0, got "two"'],
    [["--timeout", "soon"], '--timeout "soon" is not a duration such as "90s"'],
    [["--suite", "/nonexistent/x.suite.ts"], "suite file not found: /nonexistent/x.suite.ts"],
  ])("nwh run %j is one clear line naming the problem and exit 2", async (args, expected) => {
    const result = await nwh("run", ...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(expected)]);
  });

  test("nwh cleanup --image-cache on the wsl backend is one clear line naming the Docker form and exit 2", async () => {
    const result = await nwh("cleanup", "--backend", "wsl", "--image-cache");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining("run: nwh cleanup --backend docker --image-cache")]);
  });

  test("an unknown flag is one clear line naming it and exit 2", async () => {
    const result = await nwh("doctor", "--frobnicate");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe("nwh: unknown flag --frobnicate (nwh doctor); see: nwh doctor --help");
  });

  test("a tarball path that does not exist is one clear line and exit 2", async () => {
    const result = await nwh("run", "--tarball", "/nonexistent/nixos.wsl");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe("nwh: tarball not found: /nonexistent/nixos.wsl; pass an existing nixos.wsl or rootfs .tar.gz to --tarball");
  });

  test("a bad config key is one clear line and exit 2", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const dir = mkdtempSync(path.join((await import("node:os")).tmpdir(), "nwh-cli-"));
    writeFileSync(path.join(dir, "nwh.config.ts"), "export default { concurrency: 0 };");
    const result = await exec([process.execPath, NWH, "run", "--tarball", "/x"], { cwd: dir, timeoutMs: 60_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toMatch(/nwh\.config\.ts: "concurrency" is number 0; it accepts a positive integer$/);
  });

  test("bad flag values name the flag", async () => {
    expect((await nwh("run", "--shard", "3/2")).stderr).toContain(`--shard must be i/n with 1 <= i <= n, got "3/2"`);
    expect((await nwh("run", "--backend", "hyperv")).stderr).toContain(`--backend must be "docker" or "wsl", got "hyperv"`);
    expect((await nwh("run", "--suite", "nope")).stderr).toMatch(/unknown suite "nope"; suites: /);
  });

  test("doctor --json prints one JSON object with each backend's availability and reason", async () => {
    const result = await nwh("doctor", "--json", "--backend", "docker");
    const report = JSON.parse(result.stdout) as { node: { version: string }; backends: Record<string, { available: boolean; reason: string }> };
    expect(report.node.version).toBe(process.versions.node);
    expect(report.backends.wsl?.available).toBe(false);
    expect(report.backends.wsl?.reason).toMatch(/wsl\.exe/);
    expect(typeof report.backends.docker?.available).toBe("boolean");
    expect(report.backends.docker?.reason.length).toBeGreaterThan(5);
    expect(result.exitCode).toBe(report.backends.docker?.available ? 0 : 1);
  });

  test("doctor exits non-zero with the fix when the selected backend cannot run", async () => {
    const result = await nwh("doctor", "--backend", "wsl");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/the wsl backend cannot run here: .*--wsl-exe/);
  });
});

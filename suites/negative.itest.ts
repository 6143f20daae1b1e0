// The suites must catch what they claim to catch: run them through the CLI against broken stand-in variants
// and check that the failure is reported, in the right test, with the culprit named (only the tests that
// matter run, -t, as in the zoo: each test runs alone, see suites/README.md).
import { describe, expect, test } from "vitest";
import { buildStandin } from "../fixtures/standin/build-standin.ts";
import { findCase, runNwh } from "./lib/run-cli.ts";

const RUN_TIMEOUT_MS = 540_000;
/** A variant runs once: its image is the run's (removed after it), not kept in the image cache. */
const ONE_RUN_IMAGE = { NWH_IMAGE_CACHE: "0" };

async function variantTarball(variant: "failing-unit" | "no-display" | "broken-rebuild"): Promise<string> {
  const built = await buildStandin({ variant, log: (line: string) => process.stderr.write(`${line}\n`) });
  return built.tarball;
}

describe("negative: suites report broken distros", () => {
  test("a failing unit fails the systemd suite, and the failing unit is named", async () => {
    const run = await runNwh(["--backend", "docker", "--tarball", await variantTarball("failing-unit"), "--suite", "systemd", "-t", "no unit is in the failed state|is-system-running reports running"], { timeoutMs: RUN_TIMEOUT_MS, env: ONE_RUN_IMAGE });
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(1);
    const noFailed = findCase(run, "no unit is in the failed state");
    expect(noFailed.status).toBe("failed");
    expect(noFailed.failure?.message).toContain("nwh-failing.service");
    const running = findCase(run, "systemctl is-system-running reports running, not degraded");
    expect(running.status).toBe("failed");
    expect(running.failure?.message).toMatch(/degraded/);
    expect(`${running.failure?.message}\n${running.failure?.detail}`).toContain("nwh-failing.service");
  });

  test("a missing display socket fails the GUI scenarios, naming the display", async () => {
    const run = await runNwh(["--backend", "docker", "--tarball", await variantTarball("no-display"), "--suite", "gui"], {
      timeoutMs: RUN_TIMEOUT_MS,
      config: { timeouts: { waitMs: 10_000 } }, // the sockets never come: fail after 10 s, not the default wait
      env: ONE_RUN_IMAGE,
    });
    expect(run.cases.length).toBeGreaterThan(0);
    expect(run.cases.filter((c) => c.status === "passed").map((c) => c.name)).toEqual([]);
    for (const c of run.cases) {
      const said = c.status === "skipped" ? (c.skipReason ?? "") : (c.failure?.message ?? "");
      expect(said, c.name).toMatch(/needs (gui|wslg)|X11|wayland|DISPLAY/i);
    }
    // The distro promises a display, so the scenarios run and fail; a skip would hide the bug (NixOS-WSL #448, #650).
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(1);
    expect(findCase(run, "DISPLAY and WAYLAND_DISPLAY are set")).toMatchObject({ status: "failed", failure: { message: expect.stringMatching(/DISPLAY/) } });
    expect(findCase(run, "the X11 socket /tmp/.X11-unix/X0 accepts connections").status).toBe("failed");
  });

  test("a broken nixos-rebuild fails the rebuild suite with the rebuild's own error", async () => {
    const run = await runNwh(["--backend", "docker", "--tarball", await variantTarball("broken-rebuild"), "--suite", "rebuild", "-t", "switch to a configuration adding a service"], { timeoutMs: RUN_TIMEOUT_MS, env: ONE_RUN_IMAGE });
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(1);
    const firstSwitch = findCase(run, "switch to a configuration adding a service starts it and makes a new current generation");
    expect(firstSwitch.status).toBe("failed");
    expect(firstSwitch.failure?.message).toMatch(/nixos-rebuild/);
    expect(`${firstSwitch.failure?.message}\n${firstSwitch.failure?.detail}`).toMatch(/broken on purpose/);
  });
});

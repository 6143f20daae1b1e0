import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildStandin } from "../../fixtures/standin/build-standin.ts";
import { PseudoTerminal } from "../cli/pseudo-terminal.ts";
import { labelFilterArgs } from "../container/docker-labels.ts";
import { exec } from "../exec/index.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");
// failing-unit: both systemd tests below fail (a unit fails at boot).
const PATTERN = "is-system-running reports running|no unit is in the failed state";

async function running(container: string): Promise<string> {
  const result = await exec(["docker", "inspect", "-f", "{{.State.Running}}", container], { timeoutMs: 30_000 });
  return result.stdout.trim();
}

async function runContainers(runId: string): Promise<string[]> {
  const result = await exec(["docker", "ps", "-a", "-q", ...labelFilterArgs({ runId })], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean);
}

async function debugRun(): Promise<{ terminal: PseudoTerminal; runId: string; container: string }> {
  const tarball = (await buildStandin({ variant: "failing-unit" })).tarball;
  const terminal = new PseudoTerminal([process.execPath, NWH, "run", "--backend", "docker", "--tarball", tarball, "--suite", "systemd", "-t", PATTERN, "--debug", "--reports-dir", mkdtempSync(path.join(os.tmpdir(), "nwh-debug-run-"))], {
    timeoutMs: 600_000,
  });
  const runId = (await terminal.waitFor(/Run (nwh-[0-9a-f]{8}):/, 120_000))[1] as string;
  await terminal.waitFor(/nwh --debug: paused at the first failure/, 420_000);
  const container = (await terminal.waitFor(/enter: docker exec -it (\S+) bash -l/, 5_000))[1] as string;
  return { terminal, runId, container };
}

describe("nwh run --debug through a pseudo-terminal", () => {
  test("pauses at the first failure with the failure, its transcript and the way in; Enter continues and later failures do not pause", async () => {
    const { terminal, runId, container } = await debugRun();
    try {
      expect(terminal.text).toContain("systemd > systemctl is-system-running reports running, not degraded");
      expect(terminal.text).toMatch(/degraded/);
      // The last commands the test ran: the failed-unit listing that named nwh-failing.service is among them.
      expect(terminal.text).toMatch(/transcript tail:\n\s+\$ docker exec [\s\S]*systemctl list-units --failed/);
      // Paused: the distro is up, and the way in works.
      expect(await running(container)).toBe("true");
      const inside = await exec(["docker", "exec", container, "bash", "-lc", "systemctl is-failed nwh-failing.service"], { timeoutMs: 60_000 });
      expect(inside.stdout.trim()).toBe("failed");
      terminal.type("\r");
      await terminal.waitFor(/nwh --debug: continuing/, 10_000);
      expect(await terminal.exited()).toBe(1);
      expect(terminal.text.match(/paused at the first failure/g)).toHaveLength(1);
      expect(terminal.text).toMatch(/2 failed/);
    } finally {
      terminal.kill();
      // A run killed at the pause could not clean up: what it left goes, so a failed check leaves nothing behind.
      if (!terminal.text.includes("Reports:")) await exec([process.execPath, NWH, "cleanup", "--backend", "docker", "--run-id", runId], { timeoutMs: 300_000 });
    }
    expect(await runContainers(runId)).toEqual([]);
  });

  test("q at the pause ends the run cleanly: exit 1, the distro removed", async () => {
    const { terminal, runId } = await debugRun();
    try {
      terminal.type("q");
      await terminal.waitFor(/nwh --debug: ending the run/, 10_000);
      expect(await terminal.exited()).toBe(1);
      expect(terminal.text).toContain("Reports:");
    } finally {
      terminal.kill();
      if (!terminal.text.includes("Reports:")) await exec([process.execPath, NWH, "cleanup", "--backend", "docker", "--run-id", runId], { timeoutMs: 300_000 });
    }
    expect(await runContainers(runId)).toEqual([]);
  });

  test("without a terminal it is refused in one line, exit 2", async () => {
    const result = await exec([process.execPath, NWH, "run", "--debug"], { timeoutMs: 60_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe("nwh: --debug needs a terminal (stdin and stderr are not a TTY): it pauses at the first failure and waits for a key; run it in a terminal, or use --keep-failed in scripts and CI");
  });
});

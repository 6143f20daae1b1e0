import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildStandin } from "../../fixtures/standin/build-standin.ts";
import { runNwh } from "../../suites/lib/run-cli.ts";
import { labelFilterArgs } from "../container/docker-labels.ts";
import { LABEL_DISTRO } from "../container/systemd-container-flags.ts";
import { exec } from "../exec/index.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");

/** The run's containers as "distro-label running?" lines. */
async function runContainers(runId: string): Promise<string[]> {
  const result = await exec(["docker", "ps", "-a", ...labelFilterArgs({ runId }), "--format", `{{.Label "${LABEL_DISTRO}"}} {{.State}}`], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean).sort();
}

describe("nwh run --keep-failed", () => {
  test("keeps exactly the distro of the file that had a failure, names it with the way in, and nwh cleanup still finds it", async () => {
    // failing-unit: the systemd suite fails (a unit fails at boot); the networking test passes on it.
    const tarball = (await buildStandin({ variant: "failing-unit" })).tarball;
    const run = await runNwh(["--backend", "docker", "--tarball", tarball, "--suite", "systemd", "--suite", "networking", "-t", "no unit is in the failed state|getent hosts resolves localhost", "--keep-failed"], {
      timeoutMs: 600_000,
    });
    const runId = run.properties["run.id"] as string;
    try {
      expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
      const ran = run.cases.filter((c) => c.status !== "skipped").map((c) => `${c.status} ${c.name}`);
      expect(ran.sort()).toEqual(["failed systemd > no unit is in the failed state", "passed networking > getent hosts resolves localhost and every name in /etc/hosts (no outside lookups)"]);

      const containers = await runContainers(runId);
      expect(containers).toHaveLength(1);
      expect(containers[0]).toMatch(/^nwh-systemd-[0-9a-f]{6} running$/);
      const kept = containers[0]?.split(" ")[0] as string;

      const line = run.stderr.split("\n").find((l) => l.startsWith("Kept for debugging (--keep-failed):")) ?? "";
      expect(line).toContain(`${kept} (suite systemd: a test failed)`);
      const enter = /enter: (docker exec -it (\S+) bash -l);/.exec(line);
      expect(enter, line).not.toBeNull();
      // The way in works: the same line without a terminal runs a command in the kept distro.
      const inside = await exec(["docker", "exec", enter?.[2] as string, "bash", "-lc", "systemctl is-failed nwh-failing.service"], { timeoutMs: 60_000 });
      expect(inside.stdout.trim()).toBe("failed");
      expect(readFileSync(path.join(run.reportsDir, "summary.md"), "utf8")).toContain(`## Kept for debugging\n\n- ${kept} (suite systemd: a test failed); enter: docker exec -it`);

      const found = await exec([process.execPath, NWH, "cleanup", "--backend", "docker", "--run-id", runId, "--dry-run", "--json"], { timeoutMs: 120_000 });
      const leftovers = (JSON.parse(found.stdout) as { leftovers: { kind: string; description: string }[] }).leftovers;
      expect(leftovers.filter((l) => l.kind === "container").map((l) => l.description)).toEqual([expect.stringContaining(`distro ${kept}`)]);
    } finally {
      const cleanup = await exec([process.execPath, NWH, "cleanup", "--backend", "docker", "--run-id", runId], { timeoutMs: 300_000 });
      expect(cleanup.exitCode, cleanup.stdout).toBe(0);
      expect(await runContainers(runId)).toEqual([]);
    }
  });

  test("with --keep it is refused in one line, exit 2", async () => {
    const result = await exec([process.execPath, NWH, "run", "--keep", "--keep-failed"], { timeoutMs: 60_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe("nwh: --keep and --keep-failed exclude each other: --keep leaves every distro, --keep-failed only those of files with a failure; pass one");
  });
});

import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { labelFilterArgs } from "../../container/docker-labels.ts";
import { exec } from "../../exec/index.ts";
import { validateBenchResult } from "../../model/bench-schema.ts";

const NWH = fileURLToPath(new URL("../../../bin/nwh.js", import.meta.url));
const REPETITIONS = Number(process.env.NWH_BENCH_ITEST_N ?? 3);

describe("nwh bench on the stand-in (Docker backend, as a process)", () => {
  it("measures every applicable probe, writes bench.json/md/html, and leaves nothing behind", async () => {
    const reports = await mkdtemp(path.join(os.tmpdir(), "nwh-bench-itest-"));
    const run = await exec([process.execPath, NWH, "bench", "--backend", "docker", "-n", String(REPETITIONS), "--warmup", "1", "--reports-dir", reports], {
      timeoutMs: 1_500_000,
    });
    const runId = /Bench (nwh-[0-9a-f]+)/.exec(run.stderr)?.[1];
    expect(runId, run.stderr).toBeDefined();
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);

    const result = validateBenchResult(JSON.parse(await readFile(path.join(reports, "bench.json"), "utf8")));
    expect(result).toMatchObject({ schemaVersion: 2, repetitions: REPETITIONS, warmup: 1 });
    expect(result.environment).toMatchObject({ backend: "docker", tarballSha256: expect.stringMatching(/^[0-9a-f]{64}$/), cpuCores: expect.any(Number) });
    expect(result.probes.filter((p) => !p.applicable).map((p) => p.name)).toEqual(["first-start", "cold-vm-start"]);
    for (const probe of result.probes.filter((p) => p.applicable)) {
      expect(probe.error, probe.name).toBeUndefined();
      expect(probe.n, probe.name).toBe(REPETITIONS);
      expect(probe.medianMs, probe.name).toBeGreaterThan(0);
      expect(probe.ci95MedianMs![0], probe.name).toBeLessThanOrEqual(probe.medianMs!);
    }
    const md = await readFile(path.join(reports, "bench.md"), "utf8");
    expect(md).toMatch(/\| time-to-running \| \d+ \|/);
    // A container boots no kernel of its own: the kernel phase is — with that reason, never 0 ms.
    expect(md).toMatch(/- time-to-running: kernel: no kernel boot: the distro shares the host's running kernel \(a container\) \(\d+ of \d+ samples\)/);
    const html = await readFile(path.join(reports, "bench.html"), "utf8");
    expect(html).toMatch(/time-to-running/);
    expect(html).toContain("time-to-running · kernel: no kernel boot: the distro shares the host&#39;s running kernel (a container)");

    const leftovers = await exec(["docker", "ps", "-a", "-q", ...labelFilterArgs({ runId })], { timeoutMs: 30_000, check: true });
    expect(leftovers.stdout.trim()).toBe("");
  }, 1_560_000); // the bench process's own limit (1.5e6 ms) and the leftover check: every probe on a loaded machine takes over 10 min
});

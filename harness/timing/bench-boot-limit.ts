/**
 * `npm run bench:boot [-- --tarball FILE] [-n N]`: `nwh bench --probe time-to-running -n N` against the physical
 * limit, side by side in one run on the stand-in. The limit: a plain `docker stop` / `docker start` of a container of
 * the same tarball's image (the Docker backend's own container spec), measured from just before `docker start` to
 * systemd's own FinishTimestampMonotonic of that boot, on the one CLOCK_MONOTONIC container and host share (no
 * detection latency in it: the instant is systemd's). Half of the limit's boots run before the bench, half after,
 * so that a drift in the machine's load hits both. Prints both medians and the ratio (goal <= 1.10).
 * A benchmark to read, not a test: exit 0 whatever the figures, 1 only when it could not measure.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DockerBackend } from "../backends/docker/docker-backend.ts";
import { idLines } from "../backends/docker/docker-cli.ts";
import { labelFilterArgs } from "../container/docker-labels.ts";
import { testRunId, testTarball, testWorkDir } from "../backends/docker/itest-support.ts";
import { exec } from "../exec/index.ts";
import { waitUntil } from "../wait.ts";
import { validateBenchResult } from "../model/bench-schema.ts";
import { formatMs } from "../model/format-ms.ts";
import { median } from "../model/statistics.ts";
import { parseManagerTimestamps } from "./systemd-analyze.ts";

const GOAL_RATIO = 1.1;
const NWH = fileURLToPath(new URL("../../bin/nwh.js", import.meta.url));
const BOOT_TIMEOUT_MS = 300_000;
const CALL_TIMEOUT_MS = 120_000;
/** The Docker backend's stop grace, so both stop alike. */
const STOP_GRACE_S = "10";
/** As on NixOS-WSL, the stand-in has its programs only behind the system profile: a bare `systemctl` is not found. */
const SYSTEMCTL = "/run/current-system/sw/bin/systemctl";

const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tarball: { type: "string" }, n: { type: "string", short: "n", default: "5" } } });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 2) throw new Error(`-n must be an integer >= 2, got "${values.n}"`);
  const tarball = values.tarball ?? (await testTarball());
  const runId = testRunId();
  const workDir = await testWorkDir();
  const reports = await mkdtemp(path.join(os.tmpdir(), "nwh-bench-boot-"));
  const backend = new DockerBackend({ runId, workDir, bootTimeoutMs: BOOT_TIMEOUT_MS, execTimeoutMs: CALL_TIMEOUT_MS });
  try {
    process.stderr.write(`importing ${tarball} for the physical limit ...\n`);
    await backend.importDistro({ name: "limit", tarball });
    const [container] = idLines(await exec(["docker", "ps", "-q", "--no-trunc", ...labelFilterArgs({ runId, distro: "limit" })], { timeoutMs: 30_000, check: true }));
    if (!container) throw new Error("the limit distro's container is not running");
    const limit: number[] = [];
    // one warm-up boot, then half before the bench and half after
    await plainBoot(container);
    const before = Math.ceil(n / 2);
    for (let i = 0; i < before; i++) limit.push(await plainBoot(container));

    process.stderr.write(`nwh bench --probe time-to-running -n ${n} ...\n`);
    const bench = await exec([process.execPath, NWH, "bench", "--backend", "docker", "--tarball", tarball, "--probe", "time-to-running", "-n", String(n), "--reports-dir", reports], {
      timeoutMs: BOOT_TIMEOUT_MS * (n + 2),
    });
    if (bench.exitCode !== 0) throw new Error(`nwh bench exited ${bench.exitCode}: ${bench.stderr.slice(-2000)}`);
    const result = validateBenchResult(JSON.parse(await readFile(path.join(reports, "bench.json"), "utf8")));
    const probe = result.probes.find((p) => p.name === "time-to-running");
    const systemd = result.probes.find((p) => p.name === "systemd-userspace");
    if (!probe?.medianMs || probe.error) throw new Error(`nwh bench measured no time-to-running: ${probe?.error ?? "absent"}`);

    for (let i = before; i < n; i++) limit.push(await plainBoot(container));
    const limitMedian = median(limit);
    const ratio = probe.medianMs / limitMedian;
    const detection = median((probe.bootSamples ?? []).map((b) => b.detectionMs));
    process.stdout.write(
      [
        `time-to-running against the physical limit — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg()[0]?.toFixed(1)}`,
        `tarball: ${tarball}`,
        "",
        "| measure | median | min | max | n |",
        "|---|---|---|---|---|",
        `| \`nwh bench --probe time-to-running\` | ${formatMs(probe.medianMs)} | ${formatMs(probe.minMs)} | ${formatMs(probe.maxMs)} | ${probe.n} |`,
        `| physical limit: \`docker start\` → systemd's FinishTimestampMonotonic | ${formatMs(limitMedian)} | ${formatMs(Math.min(...limit))} | ${formatMs(Math.max(...limit))} | ${limit.length} |`,
        `| ratio bench / limit (goal <= ${GOAL_RATIO.toFixed(2)}x) | ${ratio.toFixed(2)}x ${ratio <= GOAL_RATIO ? "ok" : "OVER GOAL"} | | | |`,
        `| systemd-userspace (systemd's own, bench boots) | ${formatMs(systemd?.medianMs)} | | | ${systemd?.n ?? 0} |`,
        `| detection latency (bench boots; not in the figure) | ${formatMs(detection)} | | | ${probe.bootSamples?.length ?? 0} |`,
        "",
        `limit samples: ${limit.map((ms) => ms.toFixed(1)).join(", ")}; bench samples: ${probe.samplesMs.map((ms) => ms.toFixed(1)).join(", ")}`,
        "",
      ].join("\n"),
    );
    return 0;
  } finally {
    await backend.dispose();
    await rm(workDir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
}

/** Stops the container, then `docker start` to systemd's FinishTimestampMonotonic of the new boot (ms, host clock). */
async function plainBoot(container: string): Promise<number> {
  await exec(["docker", "stop", "-t", STOP_GRACE_S, container], { timeoutMs: CALL_TIMEOUT_MS, check: true });
  const requestedAt = monotonicMs();
  await exec(["docker", "start", container], { timeoutMs: CALL_TIMEOUT_MS, check: true });
  let lastProblem = "no answer yet";
  const stamps = await waitUntil(
    async () => {
      const show = await exec(["docker", "exec", container, SYSTEMCTL, "show", "-p", "UserspaceTimestampMonotonic,FinishTimestampMonotonic"], { timeoutMs: CALL_TIMEOUT_MS });
      if (show.exitCode !== 0) {
        lastProblem = `${SYSTEMCTL} show exited ${show.exitCode}: ${show.stderr.trim().slice(0, 300)}`;
        return undefined;
      }
      const s = parseManagerTimestamps(show.stdout);
      return s.finishMonotonicMs > 0 ? s : undefined;
    },
    { what: "systemd's FinishTimestampMonotonic after docker start", diagnose: async () => lastProblem, timeoutMs: BOOT_TIMEOUT_MS, intervalMs: 20, maxIntervalMs: 100 },
  );
  if (stamps.userspaceMonotonicMs < requestedAt) throw new Error("systemd's timestamps are older than the docker start: the container did not restart");
  const ms = stamps.finishMonotonicMs - requestedAt;
  process.stderr.write(`limit boot: ${ms.toFixed(1)} ms (systemd userspace ${(stamps.finishMonotonicMs - stamps.userspaceMonotonicMs).toFixed(1)} ms)\n`);
  return ms;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:boot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

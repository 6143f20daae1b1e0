/**
 * `npm run bench:backend [-- --tarball FILE] [--reps N]`: what the Docker backend adds to a process call in the
 * distro, and how long a distro takes to start. Reports the median round trip of `backend.exec(distro, ["true"])`
 * against raw `docker exec CONTAINER true` (interleaved, both through the exec layer; goal: at most 1.10x), the
 * import-to-running time, and the terminate-then-exec restart time. A benchmark to read, not a test: it exits 0
 * whatever the figures, 1 only when it could not measure.
 */
import { rm } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { exec } from "../../exec/index.ts";
import { type SampleSummary, summarize } from "../../model/statistics.ts";
import { formatMs } from "../../model/format-ms.ts";
import { DockerBackend } from "./docker-backend.ts";
import { idLines } from "./docker-cli.ts";
import { labelFilterArgs } from "../../container/docker-labels.ts";
import { dockerHostFacts } from "./host-facts.ts";
import { testRunId, testTarball, testWorkDir } from "./itest-support.ts";

const GOAL_RATIO = 1.1;
/** The floor: one `docker exec` of a program by its path (a NixOS-shaped root has no `true` on docker's default PATH). */
const RAW_TRUE = "/run/current-system/sw/bin/true";
const WARMUP = 5;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tarball: { type: "string" }, reps: { type: "string", default: "40" }, restarts: { type: "string", default: "5" } } });
  const reps = positiveInt(values.reps, "--reps");
  const restarts = positiveInt(values.restarts, "--restarts");
  const tarball = values.tarball ?? (await testTarball());
  const runId = testRunId();
  const workDir = await testWorkDir();
  const backend = new DockerBackend({ runId, workDir });
  const distro = "bench";
  try {
    process.stderr.write(`importing ${tarball} ...\n`);
    let started = performance.now();
    await backend.importDistro({ name: distro, tarball });
    const importToRunning = performance.now() - started;
    const [container] = idLines(await exec(["docker", "ps", "-q", "--no-trunc", ...labelFilterArgs({ runId, distro })], { timeoutMs: 30_000, check: true }));
    if (!container) throw new Error("the bench distro's container is not running");

    const raw: number[] = [];
    const viaBackend: number[] = [];
    process.stderr.write(`exec round trips: ${WARMUP} warm-up + ${reps} measured, interleaved ...\n`);
    for (let i = 0; i < WARMUP + reps; i++) {
      // Alternate which goes first, so that neither always follows the other's cache effects.
      const pair = i % 2 === 0 ? [measureRaw, measureBackend] : [measureBackend, measureRaw];
      for (const measure of pair) await measure(i >= WARMUP);
    }

    const restartTimes: number[] = [];
    process.stderr.write(`restarts: ${restarts} x (terminate, then exec) ...\n`);
    for (let i = 0; i < restarts; i++) {
      await backend.terminate(distro);
      started = performance.now();
      await backend.exec(distro, ["true"]);
      restartTimes.push(performance.now() - started);
    }

    const facts = await dockerHostFacts();
    const rawSummary = summarize(raw);
    const backendSummary = summarize(viaBackend);
    const ratio = backendSummary.median / rawSummary.median;
    const row = (name: string, s: SampleSummary) => `| ${name} | ${formatMs(s.median)} | ${formatMs(s.min)} | ${formatMs(s.p95)} | ${s.n} |`;
    process.stdout.write(
      [
        `Docker backend benchmark — ${os.cpus().length} × ${facts.cpuModel}, ${facts.hostOs}, kernel ${facts.kernel}, Docker ${facts.dockerVersion}, load average ${os.loadavg()[0]?.toFixed(1)}`,
        `tarball: ${tarball}`,
        "",
        "| measure | median | min | p95 | n |",
        "|---|---|---|---|---|",
        row(`raw \`docker exec CONTAINER ${RAW_TRUE}\``, rawSummary),
        row("`backend.exec(distro, [\"true\"])`", backendSummary),
        `| exec ratio backend / raw (goal <= ${GOAL_RATIO.toFixed(2)}x) | ${ratio.toFixed(2)}x ${ratio <= GOAL_RATIO ? "ok" : "OVER GOAL"} | | | |`,
        `| import to running (import, first boot, probe) | ${formatMs(importToRunning)} | | | 1 |`,
        row("restart: terminate, then exec until answered", summarize(restartTimes)),
        "",
      ].join("\n"),
    );
    return 0;

    async function measureRaw(keep: boolean): Promise<void> {
      const t = performance.now();
      await exec(["docker", "exec", container!, RAW_TRUE], { timeoutMs: 30_000, check: true });
      if (keep) raw.push(performance.now() - t);
    }
    async function measureBackend(keep: boolean): Promise<void> {
      const t = performance.now();
      const result = await backend.exec(distro, ["true"]);
      if (result.exitCode !== 0) throw new Error(`backend.exec true exited ${result.exitCode}: ${result.stderr}`);
      if (keep) viaBackend.push(performance.now() - t);
    }
  } finally {
    await backend.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
}

function positiveInt(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be an integer >= 1, got "${value}"`);
  return n;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:backend: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

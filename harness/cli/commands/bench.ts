import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BackendKind } from "../../backend.ts";
import { backendDescriptor, createBackend, createSweeper } from "../../backends/registry.ts";
import { registerExitCleanup } from "../../backends/wsl/exit-cleanup.ts";
import { harnessVersion } from "../../model/harness-version.ts";
import { readCommandBasics, startCommandRun } from "../command-setup.ts";
import { tarballSha256 } from "../../model/tarball-digest.ts";
import { benchEnvironment } from "../../timing/bench-environment.ts";
import { benchProgress } from "../../timing/bench-progress.ts";
import { runBenchProbes } from "../../timing/bench-runner.ts";
import { BENCH_SCHEMA_VERSION, type BenchResult } from "../../model/bench-schema.ts";
import { writeBenchResults } from "../../timing/write-bench-results.ts";
import { probeNames, selectProbes } from "../../timing/probe-catalogue.ts";
import { parsePercent } from "../../model/power.ts";
import { defaultRebuildCommands } from "../../timing/probe.ts";
import { intFlag, parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "bench",
  usage: `Usage: nwh bench [flags]

Measures boot and rebuild timings: per probe a warm-up, then N repetitions, strictly one after the other.
Writes <reports-dir>/bench.json (versioned schema, raw samples), bench.md (a table) and the HTML report.

Flags:
  --backend wsl|docker   where to run (default: wsl on Windows, docker elsewhere)
  --tarball FILE         nixos.wsl or rootfs .tar.gz (default on Linux: the stand-in distro, not NixOS)
  -n N                   measured repetitions per probe (default 10)
  --warmup W             discarded warm-up repetitions per probe (default 1)
  --probe NAME           only this probe (repeatable); probes: ${probeNames().join(", ")}
  --precision P          after -n, repeat each probe until its median's 95% interval is within ±P (e.g. 3%)
  --max-repetitions M    the cap of --precision (default 50); bench.md says per probe which stopped it
  --reports-dir DIR      where to write (default: reports)
  --wsl-exe PATH         wsl.exe or the WSL emulator (wsl backend)
  --json                 also print bench.json on stdout
  --config FILE          configuration file (default: nwh.config.ts if present)

On WSL, vmIdleTimeout and instanceIdleTimeout are pinned in %USERPROFILE%\\.wslconfig for the run and
the user's file is restored afterwards. Every distro the bench creates (nwh-bench-<random>) is removed at
the end and on Ctrl-C. Exit: 0 all probes measured, 1 a probe failed (its error is in bench.json), 2 bad usage, 130 interrupted.`,
  options: {
    backend: { type: "string" },
    tarball: { type: "string" },
    n: { type: "string", short: "n" },
    warmup: { type: "string" },
    probe: { type: "string", multiple: true },
    precision: { type: "string" },
    "max-repetitions": { type: "string" },
    "reports-dir": { type: "string" },
    "wsl-exe": { type: "string" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
} as const;

const WITH_SERVICE_CONFIG = fileURLToPath(new URL("../../../fixtures/nixos/with-service.nix", import.meta.url));

export async function benchCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const flags = parsed.values;
  const basics = await readCommandBasics(flags);
  const { config, backendKind, wslExe, log, timeouts } = basics;
  const repetitions = intFlag(flags.n, "-n") ?? 10;
  const warmup = intFlag(flags.warmup, "--warmup", 0) ?? 1;
  const precision = parsePrecision(flags.precision, intFlag(flags["max-repetitions"], "--max-repetitions"), repetitions);
  let probes: ReturnType<typeof selectProbes>;
  try {
    probes = selectProbes(flags.probe ?? []);
  } catch (error) {
    throw new UsageError(`--probe: ${(error as Error).message}`);
  }
  const reportsDir = path.resolve(flags["reports-dir"] ?? config.reportsDir ?? "reports");
  const started = await startCommandRun(basics, { userTarball: flags.tarball ?? config.tarball, adopting: false });
  const { runId, workDir } = started;
  const tarball = started.tarball!;
  const sha256 = await tarballSha256(tarball);
  const backend = await createBackend(backendKind, { runId, workDir, wslExe, execTimeoutMs: timeouts.execMs, bootTimeoutMs: timeouts.bootMs });

  const controller = new AbortController();
  let cleaned: Promise<void> | undefined;
  const pinned = backendDescriptor(backendKind).pinTimingSettings?.();
  const cleanUp = () => {
    cleaned ??= (async () => {
      await backend.dispose().catch((error: unknown) => log(`Could not dispose the backend: ${(error as Error).message}; try: nwh cleanup`));
      await sweepRun(backendKind, runId, wslExe, log);
      pinned?.restore();
    })();
    return cleaned;
  };
  // On Ctrl-C/SIGTERM: stop between repetitions, remove what the bench made, restore .wslconfig, exit 130/143.
  const unregisterCleanup = registerExitCleanup({
    label: `bench ${runId} distros`,
    async: async () => {
      controller.abort(new Error("interrupted"));
      await cleanUp();
    },
    sync: () => pinned?.restore(),
  });
  const createdAt = new Date().toISOString();
  const progress = benchProgress();
  let result: BenchResult;
  try {
    const until = precision ? ` (then more until the median's 95% interval is within ±${precision.target * 100}%, at most ${precision.maxRepetitions})` : "";
    log(`Bench ${runId} on the ${backendKind} backend: ${probes.length} probe(s), ${warmup} warm-up + ${repetitions} repetitions each${until}, tarball ${tarball}`);
    // The pinned idle timeouts take effect with the next VM.
    if (pinned) await backend.shutdown();
    const probeResults = await runBenchProbes({
      backend,
      tarball,
      probes,
      repetitions,
      warmup,
      timeouts: { bootMs: timeouts.bootMs, execMs: timeouts.execMs },
      rebuild: existsSync(WITH_SERVICE_CONFIG) ? defaultRebuildCommands(WITH_SERVICE_CONFIG) : undefined,
      onProgress: progress.onProgress,
      onProbeError: progress.onProbeError,
      signal: controller.signal,
      precision,
    });
    result = {
      schemaVersion: BENCH_SCHEMA_VERSION,
      harnessVersion: harnessVersion(),
      createdAt,
      environment: benchEnvironment({ backend: backendKind, sharesHostKernel: backend.sharesHostClock ?? false, hostFacts: await backend.hostFacts(), tarball, tarballSha256: sha256, harnessVersion: harnessVersion() }),
      repetitions,
      warmup,
      ...(precision ? { precision } : {}),
      probes: probeResults,
    };
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    log("Bench interrupted; its distros were removed");
    return 130;
  } finally {
    progress.done();
    await cleanUp();
    unregisterCleanup();
  }

  const written = await writeBenchResults(result, reportsDir, log);
  log(`Bench results: ${written.join(", ")}`);
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  for (const p of result.probes) {
    if (!p.precision) continue;
    const achieved = p.precision.achieved === null ? "no interval" : `±${(p.precision.achieved * 100).toFixed(1)}%`;
    log(`Precision ${p.name}: ${p.precision.reached ? `reached after ${p.n} repetitions` : `not reached, stopped by --max-repetitions at ${p.n}`} (${achieved})`);
  }
  const failed = result.probes.filter((p) => p.error);
  for (const p of failed) log(`Probe ${p.name} failed: ${p.error}`);
  return failed.length > 0 ? 1 : 0;
}

/** Removes whatever the backend could not (a distro whose removal failed). */
async function sweepRun(kind: BackendKind, runId: string, wslExe: string | undefined, log: (line: string) => void): Promise<void> {
  const sweeper = await createSweeper(kind, { runId, wslExe });
  for (const leftover of await sweeper.findLeftovers().catch(() => [])) {
    await sweeper.removeLeftover(leftover).catch((error: unknown) => log(`Could not remove ${leftover.kind} ${leftover.id}: ${(error as Error).message}; try: nwh cleanup`));
  }
}

/** Default cap of --precision. */
const DEFAULT_MAX_REPETITIONS = 50;

function parsePrecision(text: string | undefined, maxRepetitions: number | undefined, repetitions: number): { target: number; maxRepetitions: number } | undefined {
  if (text === undefined) {
    if (maxRepetitions !== undefined) throw new UsageError("--max-repetitions is the cap of --precision; give --precision too");
    return undefined;
  }
  let target: number;
  try {
    target = parsePercent(text, "--precision");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const cap = maxRepetitions ?? Math.max(DEFAULT_MAX_REPETITIONS, repetitions);
  if (cap < repetitions) throw new UsageError(`--max-repetitions (${cap}) must be at least -n (${repetitions})`);
  return { target, maxRepetitions: cap };
}

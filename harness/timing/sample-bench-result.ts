import { BENCH_SCHEMA_VERSION, type BenchResult } from "../model/bench-schema.ts";
import { probeResult } from "./bench-runner.ts";
import { seededRandom } from "../model/statistics.ts";

/** A small valid bench.json (one applicable probe, one not applicable), for tests of readers. */
export function sampleBenchResult(): BenchResult {
  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    harnessVersion: "0.1.0",
    createdAt: "2026-11-25T06:00:00.000Z",
    environment: {
      backend: "docker",
      wslVersion: "",
      kernelVersion: "6.1.0",
      wslgVersion: "",
      windowsVersion: "",
      runnerImage: "",
      cpuModel: "cpu",
      cpuCores: 2,
      hostOs: "Linux 6.1.0 x64",
      tarball: "standin.tar.gz",
      tarballSha256: "ab",
      harnessVersion: "0.1.0",
      nodeVersion: "v24.0.0",
      hostFacts: {},
    },
    repetitions: 2,
    warmup: 1,
    probes: [
      {
        name: "import",
        description: "d",
        from: "a",
        to: "b",
        applicable: true,
        n: 2,
        minMs: 1,
        medianMs: 1.5,
        p95Ms: 1.95,
        maxMs: 2,
        meanMs: 1.5,
        stddevMs: 0.7,
        madMs: 0.5,
        ci95MedianMs: [1, 2],
        outliers: [],
        samplesMs: [1, 2],
      },
      {
        name: "cold-vm-start",
        description: "d",
        from: "a",
        to: "b",
        applicable: false,
        notApplicableReason: "no VM on docker",
        n: 0,
        minMs: null,
        medianMs: null,
        p95Ms: null,
        maxMs: null,
        meanMs: null,
        stddevMs: null,
        madMs: null,
        ci95MedianMs: null,
        outliers: [],
        samplesMs: [],
      },
    ],
  };
}

/** A bench result whose probes hold the given samples (statistics computed as `nwh bench` does). */
export function benchResultFromSamples(samples: Record<string, number[]>, environment: Partial<BenchResult["environment"]> = {}): BenchResult {
  const base = sampleBenchResult();
  const probes = Object.entries(samples).map(([name, ms]) => probeResult({ name, description: name, from: "start", to: "end" }, ms));
  const n = Math.max(0, ...Object.values(samples).map((s) => s.length));
  return { ...base, environment: { ...base.environment, ...environment }, repetitions: n, probes };
}

/** n draws from a normal distribution (Box-Muller on the seeded PRNG). */
export function normalSamples(n: number, mean: number, sd: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/**
 * A time-to-running result with boot phases per sample: `phases` gives each phase's samples (all the same length);
 * the figure of a sample is the sum of its start, activation and systemd-userspace phases.
 */
export function bootBenchResult(phases: Record<string, number[]>, options: { detectionMs?: number; clockUncertaintyMs?: number; phasesAbsent?: Record<string, string> } = {}): BenchResult {
  const n = Math.max(...Object.values(phases).map((v) => v.length));
  const bootSamples = Array.from({ length: n }, (_, i) => ({
    detectionMs: options.detectionMs ?? 50,
    clockUncertaintyMs: options.clockUncertaintyMs ?? 0,
    phasesMs: Object.fromEntries(Object.entries(phases).map(([phase, values]) => [phase, values[i]!])),
    ...(options.phasesAbsent ? { phasesAbsent: options.phasesAbsent } : {}),
  }));
  const figure = bootSamples.map((b) => (b.phasesMs.start ?? 0) + (b.phasesMs.kernel ?? 0) + (b.phasesMs.activation ?? 0) + (b.phasesMs["systemd-userspace"] ?? 0));
  const result = benchResultFromSamples({ "time-to-running": figure });
  result.probes[0] = { ...result.probes[0]!, bootSamples };
  return result;
}

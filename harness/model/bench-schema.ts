/**
 * The bench.json file written by `nwh bench` and read by `nwh compare`, `nwh report merge` and the HTML report.
 * Versioned: a change that renames or re-means a field bumps `schemaVersion`; new optional fields do not.
 * All durations are milliseconds (floating point, from a monotonic clock).
 */

/**
 * 2: boot probes end at the instant the distro reports (systemd's, mapped onto the host's clock) instead of when the
 * harness saw it, and carry `bootSamples`. Version 1 files still validate (their boot figures include detection).
 */
export const BENCH_SCHEMA_VERSION = 2 as const;
/** Every version validateBenchResult reads. */
export const READABLE_BENCH_SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** The phases of a boot, in the order they happen (defined in timing/boot-instants.ts BootPhasesMs). */
export const BOOT_PHASES = ["start", "kernel", "activation", "systemd-userspace", "user-session"] as const;
export type BootPhase = (typeof BOOT_PHASES)[number];

/** Per sample of a boot probe: how far the figure is from what the harness itself saw, and the boot's phases. */
export interface BootSample {
  /** The harness's own end instant (its call returned) minus the distro's reported instant: detection latency. */
  detectionMs: number;
  /** ± bound of the mapping of the distro's clock onto the host's (0 on a shared clock; half the best round trip on a VM). */
  clockUncertaintyMs: number;
  /** The boot's phases in ms (BOOT_PHASES); a phase the distro did not report is absent. */
  phasesMs: Record<string, number>;
  /** Why a phase is absent, by phase (e.g. kernel: no kernel boot in a container); older files have none. */
  phasesAbsent?: Record<string, string>;
}

/** What `--precision` asked for and whether the probe got there. */
export interface PrecisionOutcome {
  /** Target half-width of the median's 95% interval, as a fraction of the median (0.03 for ±3%). */
  target: number;
  /** The cap on repetitions (--max-repetitions). */
  maxRepetitions: number;
  /** True when the interval came within the target; false when the cap stopped the probe first. */
  reached: boolean;
  /** The interval's larger half-width / median when the probe stopped. */
  achieved: number | null;
}

/** Where and on what the figures were measured. Unknown values are "" (never missing keys). */
export interface BenchEnvironment {
  /** "docker" or "wsl". */
  backend: string;
  /** `wsl --version` WSL version, e.g. "2.7.11.0"; "" on Docker. */
  wslVersion: string;
  /** Kernel the distro runs on (`wsl --version` kernel on WSL, `uname -r` of the host on Docker). */
  kernelVersion: string;
  /** WSLg version; "" without WSLg. */
  wslgVersion: string;
  /** Windows build, e.g. "10.0.26100.4946"; "" off Windows. */
  windowsVersion: string;
  /** GitHub runner image: `${ImageOS} ${ImageVersion}` from the environment; "" elsewhere. */
  runnerImage: string;
  /** First CPU model string of the host (os.cpus()). */
  cpuModel: string;
  /** Logical CPU count of the host. */
  cpuCores: number;
  /** Host OS: `${os.type()} ${os.release()} ${os.arch()}`. */
  hostOs: string;
  /** Path of the tarball imported (as given). */
  tarball: string;
  /** SHA-256 of the tarball, lowercase hex. */
  tarballSha256: string;
  /** Version of nixos-wsl-harness (package.json). */
  harnessVersion: string;
  /** Node.js version running the harness. */
  nodeVersion: string;
  /** Every other fact the backend reported (Backend.hostFacts()), verbatim. */
  hostFacts: Record<string, string>;
}

/** One measured quantity, its statistics and raw samples. */
export interface BenchProbeResult {
  /** Stable id, e.g. "import", "first-start", "cold-vm-start". Compare matches probes by this name. */
  name: string;
  /** One line for people. */
  description: string;
  /** Where the clock starts (e.g. "wsl --import invoked"). */
  from: string;
  /** Where the clock stops (e.g. "`true` returned"). */
  to: string;
  /** False when the probe has no meaning on this backend (then n = 0, statistics are null). */
  applicable: boolean;
  /** Why not applicable (only when applicable is false). */
  notApplicableReason?: string;
  /** Why the probe failed, when a repetition failed (then the statistics cover the successful samples only). */
  error?: string;
  /** Number of samples (repetitions that succeeded; warm-up excluded). */
  n: number;
  minMs: number | null;
  medianMs: number | null;
  /** 95th percentile, linear interpolation between closest ranks. */
  p95Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  /** Sample standard deviation (n - 1); 0 for n = 1. */
  stddevMs: number | null;
  /** Median absolute deviation from the median, unscaled. */
  madMs: number | null;
  /** 95% bootstrap percentile confidence interval of the median, [lo, hi]. */
  ci95MedianMs: [number, number] | null;
  /** Indices into samplesMs flagged as outliers (outside Tukey's fences Q1 - 3 IQR, Q3 + 3 IQR; see statistics.ts). */
  outliers: number[];
  /** Raw samples in repetition order (warm-up excluded). */
  samplesMs: number[];
  /** Boot probes (schema 2): one entry per sample, parallel to samplesMs. */
  bootSamples?: BootSample[];
  /** With `--precision`: on the probe's own figure (its first output), whether the target was reached. */
  precision?: PrecisionOutcome;
  /**
   * Optional facts from the last repetition, probe specific: on "time-to-running" the systemd-analyze breakdown
   * `{ analyzeTime, blameTop10, criticalChain }` (see timing/systemd-analyze.ts for their shapes).
   */
  details?: Record<string, unknown>;
}

export interface BenchResult {
  /** BENCH_SCHEMA_VERSION when written by this harness; older versions are read as they are. */
  schemaVersion: 1 | typeof BENCH_SCHEMA_VERSION;
  /** Version of nixos-wsl-harness that wrote the file. */
  harnessVersion: string;
  /** ISO 8601 UTC time the bench started. */
  createdAt: string;
  environment: BenchEnvironment;
  /** Measured repetitions per probe (-n; with --precision the minimum, each probe's n says how many it took). */
  repetitions: number;
  /** `--precision` as asked (absent without it). */
  precision?: { target: number; maxRepetitions: number };
  /** Discarded warm-up repetitions per probe (--warmup). */
  warmup: number;
  probes: BenchProbeResult[];
}

/** Thrown by validateBenchResult; the message names the file's first problem. */
export class BenchSchemaError extends Error {
  override readonly name = "BenchSchemaError";
}

/**
 * Checks that `json` (parsed) is a bench.json of this schema version and returns it typed.
 * Throws BenchSchemaError naming the field that is wrong.
 */
export function validateBenchResult(json: unknown): BenchResult {
  const root = record(json, "bench.json");
  if (!("schemaVersion" in root)) throw new BenchSchemaError("not a bench.json: no schemaVersion field");
  if (typeof root.schemaVersion !== "number" || !READABLE_BENCH_SCHEMA_VERSIONS.includes(root.schemaVersion)) {
    throw new BenchSchemaError(`unsupported bench.json schemaVersion ${JSON.stringify(root.schemaVersion)}; this harness reads versions ${READABLE_BENCH_SCHEMA_VERSIONS.join(", ")}`);
  }
  str(root.harnessVersion, "harnessVersion");
  str(root.createdAt, "createdAt");
  const env = record(root.environment, "environment");
  for (const key of ["backend", "wslVersion", "kernelVersion", "wslgVersion", "windowsVersion", "runnerImage", "cpuModel", "hostOs", "tarball", "tarballSha256", "harnessVersion"]) {
    str(env[key], `environment.${key}`);
  }
  num(env.cpuCores, "environment.cpuCores");
  num(root.repetitions, "repetitions");
  num(root.warmup, "warmup");
  if (!Array.isArray(root.probes)) throw new BenchSchemaError("probes must be an array");
  for (const [i, p] of (root.probes as unknown[]).entries()) validateProbe(p, `probes[${i}]`);
  return json as BenchResult;
}

function validateProbe(value: unknown, where: string): void {
  const p = record(value, where);
  for (const key of ["name", "description", "from", "to"]) str(p[key], `${where}.${key}`);
  if (typeof p.applicable !== "boolean") throw new BenchSchemaError(`${where}.applicable must be a boolean`);
  num(p.n, `${where}.n`);
  for (const key of ["minMs", "medianMs", "p95Ms", "maxMs", "meanMs", "stddevMs", "madMs"]) {
    if (p[key] !== null) num(p[key], `${where}.${key}`);
  }
  if (p.ci95MedianMs !== null && !(Array.isArray(p.ci95MedianMs) && p.ci95MedianMs.length === 2 && p.ci95MedianMs.every((x) => typeof x === "number"))) {
    throw new BenchSchemaError(`${where}.ci95MedianMs must be [lo, hi] or null`);
  }
  numbers(p.outliers, `${where}.outliers`);
  numbers(p.samplesMs, `${where}.samplesMs`);
  if ((p.samplesMs as number[]).length !== p.n) throw new BenchSchemaError(`${where}: n is ${String(p.n)} but samplesMs has ${(p.samplesMs as number[]).length} values`);
  if (p.bootSamples !== undefined) {
    if (!Array.isArray(p.bootSamples) || p.bootSamples.length !== p.n) throw new BenchSchemaError(`${where}.bootSamples must be an array with one entry per sample (n = ${String(p.n)})`);
    for (const [i, b] of (p.bootSamples as unknown[]).entries()) {
      const sample = record(b, `${where}.bootSamples[${i}]`);
      num(sample.detectionMs, `${where}.bootSamples[${i}].detectionMs`);
      num(sample.clockUncertaintyMs, `${where}.bootSamples[${i}].clockUncertaintyMs`);
      const phases = record(sample.phasesMs, `${where}.bootSamples[${i}].phasesMs`);
      for (const [k, v] of Object.entries(phases)) num(v, `${where}.bootSamples[${i}].phasesMs.${k}`);
      if (sample.phasesAbsent !== undefined) {
        for (const [k, v] of Object.entries(record(sample.phasesAbsent, `${where}.bootSamples[${i}].phasesAbsent`))) str(v, `${where}.bootSamples[${i}].phasesAbsent.${k}`);
      }
    }
  }
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BenchSchemaError(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function str(value: unknown, where: string): void {
  if (typeof value !== "string") throw new BenchSchemaError(`${where} must be a string`);
}

function num(value: unknown, where: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new BenchSchemaError(`${where} must be a finite number`);
}

function numbers(value: unknown, where: string): void {
  if (!Array.isArray(value) || !value.every((x) => typeof x === "number" && Number.isFinite(x))) throw new BenchSchemaError(`${where} must be an array of numbers`);
}
